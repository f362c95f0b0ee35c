<?php
/**
 * Site content as the service's knowledge index reads it.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Content;

defined( 'ABSPATH' ) || exit;

/**
 * One shape for both the pull (`content/list`) and the push on save, so the service indexes
 * a page the same way whichever way it arrived.
 */
class Content_Items {

	/**
	 * The requested post types that the owner chose and that exist on this site (product only
	 * with WooCommerce or EDD).
	 *
	 * @param mixed $types Requested types, or null for all chosen ones.
	 * @return string[]
	 */
	public static function types( $types = null ) {
		$allowed   = (array) apply_filters( 'affiliate_agent_content_types', Content_Selection::types() );
		$requested = is_array( $types ) && $types ? array_map( 'strval', $types ) : $allowed;
		return array_values( array_filter( array_intersect( $requested, $allowed ), 'post_type_exists' ) );
	}

	/**
	 * Whether a post belongs in the knowledge index: published, a chosen type, no password, and
	 * not skipped (excluded by the owner, or nothing but the chat block).
	 *
	 * @param \WP_Post $post Post.
	 * @return bool
	 */
	public static function is_indexable( $post ) {
		return 'publish' === $post->post_status && '' === $post->post_password && in_array( $post->post_type, self::types(), true )
			&& null === Content_Selection::skip_reason( $post );
	}

	/**
	 * One item with its rendered content (blocks and shortcodes expanded, as visitors see it).
	 *
	 * @param \WP_Post $post Post.
	 * @return array{id:int, type:string, title:string, url:string, content_html:string, modified_gmt:string}
	 */
	public static function item( $post ) {
		$previous        = isset( $GLOBALS['post'] ) ? $GLOBALS['post'] : null;
		$GLOBALS['post'] = $post; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- the_content filters read the global post.
		setup_postdata( $post );
		$html = apply_filters( 'the_content', $post->post_content );
		$GLOBALS['post'] = $previous; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited
		if ( $previous ) {
			setup_postdata( $previous );
		}
		return array(
			'id'           => (int) $post->ID,
			'type'         => (string) $post->post_type,
			'title'        => html_entity_decode( get_the_title( $post ), ENT_QUOTES, 'UTF-8' ),
			'url'          => (string) get_permalink( $post ),
			'content_html' => (string) $html,
			'modified_gmt' => gmdate( 'Y-m-d\TH:i:s\Z', (int) strtotime( $post->post_modified_gmt . ' UTC' ) ),
		);
	}

	/**
	 * `content/list`: published items changed since a time, oldest change first, by pages of 20.
	 *
	 * @param array $input Body: since?, types?, page?.
	 * @return array{items: array, has_more: bool}
	 */
	public static function list_changed( array $input ) {
		$per_page = 20;
		$page     = isset( $input['page'] ) ? max( 1, absint( $input['page'] ) ) : 1;
		$types    = self::types( isset( $input['types'] ) ? $input['types'] : null );
		if ( ! $types ) {
			return array(
				'items'    => array(),
				'has_more' => false,
			);
		}
		$args = array(
			'post_type'           => $types,
			'post_status'         => 'publish',
			'has_password'        => false,
			'orderby'             => array(
				'modified' => 'ASC',
				'ID'       => 'ASC',
			),
			'posts_per_page'      => $per_page,
			'paged'               => $page,
			'ignore_sticky_posts' => true,
			'suppress_filters'    => false,
		);
		$since = isset( $input['since'] ) ? strtotime( (string) $input['since'] ) : false;
		if ( false !== $since ) {
			$args['date_query'] = array(
				array(
					'column'    => 'post_modified_gmt',
					'after'     => gmdate( 'Y-m-d H:i:s', $since ),
					'inclusive' => true,
				),
			);
		}
		$query = new \WP_Query( $args );
		$items = array();
		foreach ( $query->posts as $post ) {
			// A skipped post is left out, so a full sync also removes it from the index.
			if ( null === Content_Selection::skip_reason( $post ) ) {
				$items[] = self::item( $post );
			}
		}
		return array(
			'items'    => $items,
			'has_more' => $page < (int) $query->max_num_pages,
		);
	}
}
