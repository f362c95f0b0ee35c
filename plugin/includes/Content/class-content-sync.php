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
 * { id, type } }`. A push the service could not take now (down, 5xx, timeout) goes to the
 * Push_Queue and is sent again by WP-Cron with backoff, and at once after the next push that
 * succeeds; a refusal (4xx: the content itself is wrong) is not retried.
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
	 * Failed pushes waiting to be sent again.
	 *
	 * @var Push_Queue
	 */
	private $queue;

	/**
	 * Constructor.
	 *
	 * @param Service_Client  $service Service client.
	 * @param Push_Queue|null $queue   Failed pushes.
	 */
	public function __construct( Service_Client $service, ?Push_Queue $queue = null ) {
		$this->service = $service;
		$this->queue   = $queue ? $queue : new Push_Queue();
	}

	/**
	 * The queue of failed pushes.
	 *
	 * @return Push_Queue
	 */
	public function queue() {
		return $this->queue;
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
		$sent = 0;
		foreach ( $events as $event ) {
			$sent += $this->push( $event ) ? 1 : 0;
		}
		if ( $sent > 0 ) {
			// The service is back: what waited in the queue goes now rather than at its backoff time.
			$this->retry_queued( true );
		}
	}

	/**
	 * WP-Cron (and "Send now" on the Knowledge screen): sends queued pushes, reading each post as
	 * it is now. Stops at the first failure, since the service is then still unavailable.
	 *
	 * @param bool $all Ignore the backoff.
	 * @return int Pushes sent.
	 */
	public function retry_queued( $all = false ) {
		if ( ! $this->service->settings()->is_configured() ) {
			return 0;
		}
		$sent   = 0;
		$failed = false;
		foreach ( $this->queue->due( (bool) $all ) as $entry ) {
			if ( ! $this->push( self::event_now( $entry['post_id'], $entry['type'] ) ) ) {
				$failed = true;
				break;
			}
			++$sent;
		}
		// WP-Cron removed the event that called this; the entries left need the next one.
		$this->queue->reschedule( $failed ? time() + Push_Queue::delay( 1 ) : 0 );
		return $sent;
	}

	/**
	 * The event that tells the service a post's current state: saved when it is indexable, else deleted.
	 *
	 * @param int    $post_id Post id.
	 * @param string $type    Post type to report when the post is gone.
	 * @return array{event: string, item: array}
	 */
	private static function event_now( $post_id, $type ) {
		$post = get_post( $post_id );
		if ( $post && Content_Items::is_indexable( $post ) ) {
			return array(
				'event' => 'saved',
				'item'  => Content_Items::item( $post ),
			);
		}
		return array(
			'event' => 'deleted',
			'item'  => array(
				'id'   => (int) $post_id,
				'type' => $post ? (string) $post->post_type : (string) $type,
			),
		);
	}

	/**
	 * Sends one event; a failure worth retrying is queued (replacing the post's earlier entry).
	 *
	 * @param array{event: string, item: array} $event Event.
	 * @return bool Whether the service took it.
	 */
	private function push( array $event ) {
		$post_id = (int) $event['item']['id'];
		try {
			$this->service->json( 'POST', self::PUSH_PATH, array(), $event, 0, array( Capabilities::MANAGE_AGENTS ), array( 'timeout' => 5 ) );
			$this->queue->remove( $post_id );
			return true;
		} catch ( Service_Exception $error ) {
			if ( self::is_retryable( $error ) ) {
				$this->queue->record_failure( $post_id, $event['event'], (string) $event['item']['type'], self::describe( $error ) );
			} else {
				// The service refused this content (too large, unreadable): sending it again changes nothing.
				$this->queue->remove( $post_id );
			}
			if ( defined( 'WP_DEBUG' ) && WP_DEBUG ) {
				error_log( 'Affiliate Agent: content push failed: ' . $error->error_code() . ' ' . $error->getMessage() ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log
			}
			return false;
		}
	}

	/**
	 * Down, overloaded, timed out or refusing the plugin's signature: worth another try later.
	 *
	 * @param Service_Exception $error Error.
	 * @return bool
	 */
	private static function is_retryable( Service_Exception $error ) {
		return $error->status() >= 500 || 429 === $error->status() || 408 === $error->status();
	}

	/**
	 * The error in words for the Knowledge screen (never the transport detail, which names addresses).
	 *
	 * @param Service_Exception $error Error.
	 * @return string
	 */
	private static function describe( Service_Exception $error ) {
		/* translators: 1: what went wrong, 2: the error code. */
		return sprintf( __( '%1$s (%2$s)', 'affiliate-agent' ), $error->getMessage(), $error->error_code() );
	}
}
