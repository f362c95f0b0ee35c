<?php
/**
 * The Knowledge screen's site-content settings: what is sent, what is skipped, what waits.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Rest;

use AffiliateAgent\Content\Content_Selection;
use AffiliateAgent\Content\Content_Sync;
use AffiliateAgent\Roles\Capabilities;

defined( 'ABSPATH' ) || exit;

/**
 * GET  /knowledge-sync         → the report below.
 * POST /knowledge-sync         { types, include?, exclude? } → stores the choice, answers the report.
 * POST /knowledge-sync/retry   sends the queued pushes now, answers the report.
 * Report: `{ selection, availableTypes, pages: [{ id, title, url, sent, reason, reasonText }], queue }`.
 */
class Knowledge_Sync_Controller {

	/** Pages listed on the screen; a site with more picks the rest by the rule alone. */
	const MAX_PAGES = 200;

	/**
	 * Content sync (for its queue and retry).
	 *
	 * @var Content_Sync
	 */
	private $sync;

	/**
	 * Constructor.
	 *
	 * @param Content_Sync $sync Content sync.
	 */
	public function __construct( Content_Sync $sync ) {
		$this->sync = $sync;
	}

	/**
	 * Registers the routes.
	 */
	public function register_routes() {
		$managers = static function () {
			return current_user_can( Capabilities::MANAGE_AGENTS );
		};
		register_rest_route(
			Admin_Proxy_Controller::NAMESPACE_V1,
			'/knowledge-sync',
			array(
				array(
					'methods'             => 'GET',
					'callback'            => function () {
						return new \WP_REST_Response( $this->report() );
					},
					'permission_callback' => $managers,
				),
				array(
					'methods'             => 'POST',
					'callback'            => function ( $request ) {
						$saved = Content_Selection::save( $request->get_json_params() );
						return is_wp_error( $saved ) ? $saved : new \WP_REST_Response( $this->report() );
					},
					'permission_callback' => $managers,
				),
			)
		);
		register_rest_route(
			Admin_Proxy_Controller::NAMESPACE_V1,
			'/knowledge-sync/retry',
			array(
				'methods'             => 'POST',
				'callback'            => function () {
					$this->sync->retry_queued( true );
					return new \WP_REST_Response( $this->report() );
				},
				'permission_callback' => $managers,
			)
		);
	}

	/**
	 * What the screen shows.
	 *
	 * @return array
	 */
	public function report() {
		return array(
			'selection'      => Content_Selection::get(),
			'availableTypes' => Content_Selection::available_types(),
			'pages'          => self::pages(),
			'queue'          => $this->sync->queue()->summary(),
		);
	}

	/**
	 * Published pages with whether the sync sends them and, when not, why.
	 *
	 * @return array<int, array{id:int, title:string, url:string, sent:bool, reason:string|null, reasonText:string|null}>
	 */
	private static function pages() {
		if ( ! post_type_exists( 'page' ) ) {
			return array();
		}
		$posts = get_posts(
			array(
				'post_type'        => 'page',
				'post_status'      => 'publish',
				'has_password'     => false,
				'orderby'          => 'title',
				'order'            => 'ASC',
				'posts_per_page'   => self::MAX_PAGES,
				'suppress_filters' => false,
			)
		);
		$chosen = in_array( 'page', Content_Selection::types(), true );
		$pages  = array();
		foreach ( $posts as $post ) {
			$reason  = Content_Selection::skip_reason( $post );
			$pages[] = array(
				'id'         => (int) $post->ID,
				'title'      => html_entity_decode( get_the_title( $post ), ENT_QUOTES, 'UTF-8' ),
				'url'        => (string) get_permalink( $post ),
				'sent'       => $chosen && null === $reason,
				'reason'     => $reason,
				'reasonText' => null === $reason ? null : Content_Selection::reason_text( $reason ),
			);
		}
		return $pages;
	}
}
