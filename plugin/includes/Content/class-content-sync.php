<?php
/**
 * Pushes content changes to the service when posts are saved or deleted.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Content;

use AffiliateAgent\Roles\Capabilities;
use AffiliateAgent\Service\Service_Client;
use AffiliateAgent\Service\Service_Exception;

defined( 'ABSPATH' ) || exit;

/**
 * Changes are collected during the request and sent at shutdown, after the final state of each
 * post is known (the block editor saves a post more than once per click). The service's
 * endpoint takes one event per call: `{ event: 'saved', item }` or `{ event: 'deleted', item:
 * { id, type } }`. A failed push is not retried here: the service also pulls `content/list`
 * since its last sync, which catches anything missed.
 */
class Content_Sync {

	const PUSH_PATH = '/v1/knowledge/wordpress/push';

	/**
	 * Service client.
	 *
	 * @var Service_Client
	 */
	private $service;

	/**
	 * Posts to send, by id.
	 *
	 * @var array<int, \WP_Post>
	 */
	private $changed = array();

	/**
	 * Posts that left the index (unpublished, protected, trashed or deleted): id => post type.
	 *
	 * @var array<int, string>
	 */
	private $deleted = array();

	/**
	 * Constructor.
	 *
	 * @param Service_Client $service Service client.
	 */
	public function __construct( Service_Client $service ) {
		$this->service = $service;
	}

	/**
	 * `save_post`.
	 *
	 * @param int      $post_id Post id.
	 * @param \WP_Post $post    Post.
	 */
	public function on_save_post( $post_id, $post ) {
		if ( wp_is_post_revision( $post_id ) || wp_is_post_autosave( $post_id ) || ! in_array( $post->post_type, Content_Items::types(), true ) ) {
			return;
		}
		if ( Content_Items::is_indexable( $post ) ) {
			$this->changed[ (int) $post_id ] = $post;
			unset( $this->deleted[ (int) $post_id ] );
		} else {
			$this->deleted[ (int) $post_id ] = $post->post_type;
			unset( $this->changed[ (int) $post_id ] );
		}
	}

	/**
	 * `before_delete_post`.
	 *
	 * @param int $post_id Post id.
	 */
	public function on_delete_post( $post_id ) {
		$post = get_post( $post_id );
		if ( $post && in_array( $post->post_type, Content_Items::types(), true ) ) {
			$this->deleted[ (int) $post_id ] = $post->post_type;
			unset( $this->changed[ (int) $post_id ] );
		}
	}

	/**
	 * The push events, one per changed post; empty when nothing changed.
	 *
	 * @return array<int, array{event: string, item: array}>
	 */
	public function pending_events() {
		$events = array();
		foreach ( $this->changed as $post ) {
			$fresh = get_post( $post->ID );
			if ( $fresh && Content_Items::is_indexable( $fresh ) ) {
				$events[] = array(
					'event' => 'saved',
					'item'  => Content_Items::item( $fresh ),
				);
			}
		}
		foreach ( $this->deleted as $post_id => $post_type ) {
			$events[] = array(
				'event' => 'deleted',
				'item'  => array(
					'id'   => (int) $post_id,
					'type' => $post_type,
				),
			);
		}
		return $events;
	}

	/**
	 * `shutdown`: sends the collected changes, signed as the plugin itself (user 0).
	 */
	public function flush() {
		if ( ! $this->changed && ! $this->deleted ) {
			return;
		}
		$events        = $this->service->settings()->is_configured() ? $this->pending_events() : array();
		$this->changed = array();
		$this->deleted = array();
		if ( ! $events ) {
			return;
		}
		if ( function_exists( 'fastcgi_finish_request' ) ) {
			// The editor has its answer already; the push must not make it wait.
			fastcgi_finish_request();
		}
		foreach ( $events as $event ) {
			try {
				$this->service->json( 'POST', self::PUSH_PATH, array(), $event, 0, array( Capabilities::MANAGE_AGENTS ), array( 'timeout' => 5 ) );
			} catch ( Service_Exception $error ) {
				if ( defined( 'WP_DEBUG' ) && WP_DEBUG ) {
					error_log( 'Affiliate Agent: content push failed: ' . $error->error_code() . ' ' . $error->getMessage() ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log
				}
			}
		}
	}
}
