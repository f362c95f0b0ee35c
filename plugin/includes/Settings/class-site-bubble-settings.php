<?php
/**
 * The site-wide bubble: the floating chat on every page (or chosen views) without placing the block.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * One WordPress option, `affiliate_agent_site_bubble`: whether the bubble is on, which agent it
 * opens, and where it shows (everywhere, the front page only, or single views of chosen public
 * post types). Everything read back passes sanitize() again, so a value written by hand or by an
 * older version can never reach the page in a shape render.php does not expect.
 */
class Site_Bubble_Settings {

	const OPTION = 'affiliate_agent_site_bubble';

	const WHERE_EVERYWHERE = 'everywhere';
	const WHERE_FRONT_PAGE = 'front_page';
	const WHERE_POST_TYPES = 'post_types';

	/**
	 * The stored settings, sanitized.
	 *
	 * @return array{enabled: bool, agentId: string, where: string, postTypes: string[]}
	 */
	public function get() {
		$stored = get_option( self::OPTION, array() );
		$clean  = self::sanitize( is_array( $stored ) ? $stored : array(), self::public_post_types() );
		return $clean['settings'];
	}

	/**
	 * Stores settings that sanitize() accepted (autoloaded: every front-end view reads them).
	 *
	 * @param array{enabled: bool, agentId: string, where: string, postTypes: string[]} $settings Clean settings.
	 */
	public function save( array $settings ) {
		update_option( self::OPTION, $settings, true );
	}

	/**
	 * Slugs and labels of the post types a visitor can view (the choices of the pick-list).
	 *
	 * @return array<int, array{slug: string, label: string}>
	 */
	public static function public_post_type_choices() {
		$choices = array();
		foreach ( get_post_types( array( 'public' => true ), 'objects' ) as $slug => $type ) {
			if ( 'attachment' === $slug ) {
				continue; // Attachment pages are rarely meant as landing pages; keep the list short.
			}
			$choices[] = array(
				'slug'  => (string) $slug,
				'label' => isset( $type->labels->name ) ? (string) $type->labels->name : (string) $slug,
			);
		}
		return $choices;
	}

	/**
	 * Slugs of the public post types.
	 *
	 * @return string[]
	 */
	public static function public_post_types() {
		return array_map(
			static function ( $choice ) {
				return $choice['slug'];
			},
			self::public_post_type_choices()
		);
	}

	/**
	 * Checks raw input (the Settings screen's request, or the stored option) field by field.
	 *
	 * Unknown post types are refused rather than dropped when `strict` (a request: the owner should
	 * hear that a choice did not stick) and dropped otherwise (a stored value after a plugin that
	 * registered the type was switched off).
	 *
	 * @param array<string, mixed> $raw          Raw input.
	 * @param string[]             $public_types Slugs of the public post types.
	 * @param bool                 $strict       Whether problems are reported instead of repaired.
	 * @return array{settings: array{enabled: bool, agentId: string, where: string, postTypes: string[]}, issues: array<int, array{path: string, message: string}>}
	 */
	public static function sanitize( array $raw, array $public_types, $strict = false ) {
		$issues  = array();
		$enabled = isset( $raw['enabled'] ) && true === filter_var( $raw['enabled'], FILTER_VALIDATE_BOOLEAN, FILTER_NULL_ON_FAILURE );

		$agent_id = isset( $raw['agentId'] ) && is_string( $raw['agentId'] ) ? trim( $raw['agentId'] ) : '';
		if ( '' !== $agent_id && ! preg_match( '/^[A-Za-z0-9_-]{1,64}$/', $agent_id ) ) {
			$issues[] = array(
				'path'    => 'agentId',
				'message' => __( 'The agent id may contain only letters, digits, "_" and "-" (as agent ids from the list do).', 'affiliate-agent' ),
			);
			$agent_id = '';
		}
		if ( $enabled && '' === $agent_id ) {
			$issues[] = array(
				'path'    => 'agentId',
				'message' => __( 'Choose the agent the bubble opens before switching it on.', 'affiliate-agent' ),
			);
			$enabled = false;
		}

		$where   = isset( $raw['where'] ) && is_string( $raw['where'] ) ? $raw['where'] : self::WHERE_EVERYWHERE;
		$allowed = array( self::WHERE_EVERYWHERE, self::WHERE_FRONT_PAGE, self::WHERE_POST_TYPES );
		if ( ! in_array( $where, $allowed, true ) ) {
			$issues[] = array(
				'path'    => 'where',
				/* translators: %s: the accepted values, comma separated. */
				'message' => sprintf( __( 'Where the bubble shows must be one of: %s.', 'affiliate-agent' ), implode( ', ', $allowed ) ),
			);
			$where = self::WHERE_EVERYWHERE;
		}

		$post_types = array();
		$raw_types  = isset( $raw['postTypes'] ) && is_array( $raw['postTypes'] ) ? $raw['postTypes'] : array();
		foreach ( $raw_types as $type ) {
			if ( ! is_string( $type ) || ! in_array( $type, $public_types, true ) ) {
				if ( $strict ) {
					$issues[] = array(
						'path'    => 'postTypes',
						/* translators: 1: the refused value, 2: the accepted post types, comma separated. */
						'message' => sprintf( __( '"%1$s" is not a public post type of this site; choose from: %2$s.', 'affiliate-agent' ), is_string( $type ) ? $type : gettype( $type ), implode( ', ', $public_types ) ),
					);
				}
				continue;
			}
			if ( ! in_array( $type, $post_types, true ) ) {
				$post_types[] = $type;
			}
		}
		if ( self::WHERE_POST_TYPES === $where && $enabled && array() === $post_types ) {
			$issues[] = array(
				'path'    => 'postTypes',
				'message' => __( 'Choose at least one post type, or show the bubble everywhere.', 'affiliate-agent' ),
			);
			$enabled = false;
		}

		return array(
			'settings' => array(
				'enabled'   => $enabled,
				'agentId'   => $agent_id,
				'where'     => $where,
				'postTypes' => $post_types,
			),
			'issues'   => $issues,
		);
	}
}
