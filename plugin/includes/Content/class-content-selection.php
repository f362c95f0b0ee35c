<?php
/**
 * What the owner chose to send to the knowledge index: post types and per-page overrides.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Content;

defined( 'ABSPATH' ) || exit;

/**
 * Stored in one option: `{ types: string[], include: int[], exclude: int[] }`.
 * - `types`: the public post types the sync sends (default posts and pages). Only types the
 *   service indexes (page, post, product) can be chosen.
 * - `exclude`: posts never sent, whatever they hold.
 * - `include`: posts sent even when the rule below would skip them.
 * Without an override, a post whose content is only the chat block (or no text at all) is skipped:
 * it would be a "source" with nothing in it.
 */
class Content_Selection {

	const OPTION = 'affiliate_agent_content_selection';

	/** The content types the service's knowledge index accepts (its WORDPRESS_CONTENT_TYPES). */
	const SERVICE_TYPES = array( 'page', 'post', 'product' );

	const DEFAULT_TYPES = array( 'post', 'page' );

	/** Overrides kept per list; a site with more hand-picked pages than this is not a real case. */
	const MAX_OVERRIDES = 500;

	/**
	 * The stored choice, with defaults.
	 *
	 * @return array{types: string[], include: int[], exclude: int[]}
	 */
	public static function get() {
		$stored = get_option( self::OPTION, array() );
		$stored = is_array( $stored ) ? $stored : array();
		return array(
			'types'   => isset( $stored['types'] ) && is_array( $stored['types'] ) ? array_values( array_map( 'strval', $stored['types'] ) ) : self::DEFAULT_TYPES,
			'include' => isset( $stored['include'] ) && is_array( $stored['include'] ) ? array_values( array_map( 'intval', $stored['include'] ) ) : array(),
			'exclude' => isset( $stored['exclude'] ) && is_array( $stored['exclude'] ) ? array_values( array_map( 'intval', $stored['exclude'] ) ) : array(),
		);
	}

	/**
	 * The public post types the owner may choose from on this site.
	 *
	 * @return array<int, array{name: string, label: string}>
	 */
	public static function available_types() {
		$types = array();
		foreach ( self::SERVICE_TYPES as $name ) {
			$object = post_type_exists( $name ) ? get_post_type_object( $name ) : null;
			if ( $object && ! empty( $object->public ) ) {
				$types[] = array(
					'name'  => $name,
					'label' => isset( $object->labels->name ) ? (string) $object->labels->name : $name,
				);
			}
		}
		return $types;
	}

	/**
	 * Validates and stores a new choice.
	 *
	 * @param mixed $input `{ types: string[], include?: int[], exclude?: int[] }`.
	 * @return array|\WP_Error The stored choice, or what was wrong.
	 */
	public static function save( $input ) {
		if ( ! is_array( $input ) || ! isset( $input['types'] ) || ! is_array( $input['types'] ) ) {
			return new \WP_Error( 'invalid_content_selection', __( 'Send { "types": [...] } with the post types to sync, and optionally "include" and "exclude" lists of post ids.', 'affiliate-agent' ), array( 'status' => 400 ) );
		}
		$available = wp_list_pluck( self::available_types(), 'name' );
		$types     = array();
		foreach ( $input['types'] as $type ) {
			$type = is_string( $type ) ? sanitize_key( $type ) : '';
			if ( ! in_array( $type, $available, true ) ) {
				return new \WP_Error(
					'invalid_content_selection',
					/* translators: 1: the refused post type, 2: the accepted post types, comma-separated. */
					sprintf( __( '"%1$s" is not a post type this site can sync; choose from: %2$s.', 'affiliate-agent' ), is_string( $type ) ? $type : '', implode( ', ', $available ) ),
					array( 'status' => 400 )
				);
			}
			$types[] = $type;
		}
		$exclude = self::ids( isset( $input['exclude'] ) ? $input['exclude'] : array() );
		// A post on both lists is excluded: leaving something out is the safer reading.
		$include = array_values( array_diff( self::ids( isset( $input['include'] ) ? $input['include'] : array() ), $exclude ) );
		$choice  = array(
			'types'   => array_values( array_unique( $types ) ),
			'include' => $include,
			'exclude' => $exclude,
		);
		update_option( self::OPTION, $choice, false );
		return $choice;
	}

	/**
	 * The chosen types (the `affiliate_agent_content_types` filter may narrow or widen them).
	 *
	 * @return string[]
	 */
	public static function types() {
		return self::get()['types'];
	}

	/**
	 * Why a post is not sent, or null when it is.
	 *
	 * @param \WP_Post $post Post.
	 * @return string|null 'excluded', Chat_Only_Content::CHAT_ONLY, Chat_Only_Content::NO_TEXT or null.
	 */
	public static function skip_reason( $post ) {
		$choice = self::get();
		$id     = (int) $post->ID;
		if ( in_array( $id, $choice['exclude'], true ) ) {
			return 'excluded';
		}
		if ( in_array( $id, $choice['include'], true ) ) {
			return null;
		}
		return Chat_Only_Content::reason( $post->post_content );
	}

	/**
	 * A skip reason in words, for the Knowledge screen.
	 *
	 * @param string $reason Reason code.
	 * @return string
	 */
	public static function reason_text( $reason ) {
		switch ( $reason ) {
			case 'excluded':
				return __( 'Excluded by you.', 'affiliate-agent' );
			case Chat_Only_Content::CHAT_ONLY:
				return __( 'Holds only the chat block, nothing to answer from.', 'affiliate-agent' );
			default:
				return __( 'Has no text once blocks and shortcodes are left out.', 'affiliate-agent' );
		}
	}

	/**
	 * Positive post ids from a list, unique, bounded.
	 *
	 * @param mixed $list Ids.
	 * @return int[]
	 */
	private static function ids( $list ) {
		$ids = is_array( $list ) ? array_filter( array_map( 'absint', $list ) ) : array();
		return array_slice( array_values( array_unique( $ids ) ), 0, self::MAX_OVERRIDES );
	}
}
