<?php
/**
 * The setup checklist's WordPress half: is the chat block on a page, is that page published,
 * has the owner tried the playground.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Admin;

defined( 'ABSPATH' ) || exit;

/**
 * The agent and docs steps are the service's to answer (the app asks it); these three are facts
 * of this site. The checklist ticks itself from them, so it can never claim a step that was undone.
 */
class Setup_Progress {

	const OPTION_PLAYGROUND = 'affiliate_agent_setup_playground_tried';
	const BLOCK_MARKER      = '<!-- wp:affiliate-agent/chat';

	/**
	 * The three steps with a link each.
	 *
	 * @return array{block:array{done:bool, url:string}, publish:array{done:bool, url:string, viewUrl:?string}, playground:array{done:bool}}
	 */
	public function report() {
		$posts     = $this->posts_with_block();
		$published = null;
		$draft     = null;
		foreach ( $posts as $post ) {
			if ( 'publish' === $post->post_status && null === $published ) {
				$published = $post;
			} elseif ( 'publish' !== $post->post_status && null === $draft ) {
				$draft = $post;
			}
		}
		$any = null !== $published ? $published : $draft;
		return array(
			'block'      => array(
				'done' => null !== $any,
				'url'  => null !== $any ? (string) get_edit_post_link( $any->ID, 'raw' ) : admin_url( 'post-new.php?post_type=page' ),
			),
			'publish'    => array(
				'done'    => null !== $published,
				'url'     => null !== $draft ? (string) get_edit_post_link( $draft->ID, 'raw' ) : ( null !== $any ? (string) get_edit_post_link( $any->ID, 'raw' ) : admin_url( 'post-new.php?post_type=page' ) ),
				'viewUrl' => null !== $published ? (string) get_permalink( (int) $published->ID ) : null,
			),
			'playground' => array( 'done' => (bool) get_option( self::OPTION_PLAYGROUND, false ) ),
		);
	}

	/**
	 * Records that the playground answered the owner once.
	 */
	public function mark_playground_tried() {
		update_option( self::OPTION_PLAYGROUND, 1, false );
	}

	/**
	 * Posts of any public type holding the chat block, newest first; trash and revisions left out.
	 *
	 * @return object[] Rows with ID and post_status.
	 */
	private function posts_with_block() {
		global $wpdb;
		// A direct query: WP_Query's search splits and stems terms and cannot match block markup exactly.
		return (array) $wpdb->get_results( // phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery,WordPress.DB.DirectDatabaseQuery.NoCaching -- a handful of rows on one admin screen, always current.
			$wpdb->prepare(
				"SELECT ID, post_status FROM {$wpdb->posts} WHERE post_content LIKE %s AND post_status IN ('publish', 'draft', 'pending', 'future', 'private') AND post_type NOT IN ('revision', 'wp_block') ORDER BY post_modified_gmt DESC LIMIT 20",
				'%' . $wpdb->esc_like( self::BLOCK_MARKER ) . '%'
			)
		);
	}
}
