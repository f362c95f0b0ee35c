<?php
/**
 * Content pushes that failed, waiting to be sent again.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Content;

defined( 'ABSPATH' ) || exit;

/**
 * One option (not autoloaded) keyed by post id, so a later edit of a queued post replaces its
 * entry instead of adding a second one. An entry holds what happened (saved / deleted) and the
 * post type, not the content: the retry reads the post as it is then, so the newest text is sent.
 * Retries back off (1, 2, 4 … minutes, at most 6 hours) and run from WP-Cron; the queue is bounded,
 * the oldest entry goes first when it is full (a full sync from the Knowledge screen catches up).
 */
class Push_Queue {

	const OPTION = 'affiliate_agent_push_queue';

	const CRON_HOOK = 'affiliate_agent_retry_content_pushes';

	const MAX_ENTRIES = 200;

	const FIRST_DELAY = 60;

	const MAX_DELAY = 21600;

	/**
	 * Seconds to wait before the next try after this many failed attempts.
	 *
	 * @param int $attempts Failed attempts so far (1 or more).
	 * @return int
	 */
	public static function delay( $attempts ) {
		$exponent = min( 20, max( 0, (int) $attempts - 1 ) );
		$delay    = (int) min( self::MAX_DELAY, self::FIRST_DELAY * ( 2 ** $exponent ) );
		return max( 1, (int) apply_filters( 'affiliate_agent_push_retry_delay', $delay, (int) $attempts ) );
	}

	/**
	 * Records a failed push. A post already queued keeps one entry: the newest event and the
	 * attempts so far, so the backoff goes on growing while the service stays down.
	 *
	 * @param int      $post_id Post id.
	 * @param string   $event   'saved' or 'deleted'.
	 * @param string   $type    Post type.
	 * @param string   $error   What went wrong, in words.
	 * @param int|null $now     Unix seconds.
	 */
	public function record_failure( $post_id, $event, $type, $error, $now = null ) {
		$now      = null === $now ? time() : (int) $now;
		$state    = $this->state();
		$key      = (string) (int) $post_id;
		$previous = isset( $state['entries'][ $key ] ) ? $state['entries'][ $key ] : null;
		$attempts = ( $previous ? (int) $previous['attempts'] : 0 ) + 1;
		$state['entries'][ $key ] = array(
			'event'     => 'deleted' === $event ? 'deleted' : 'saved',
			'type'      => (string) $type,
			'attempts'  => $attempts,
			'queued_at' => $previous ? (int) $previous['queued_at'] : $now,
			'next_at'   => $now + self::delay( $attempts ),
		);
		while ( count( $state['entries'] ) > self::MAX_ENTRIES ) {
			$oldest = $this->oldest_key( $state['entries'] );
			unset( $state['entries'][ $oldest ] );
			++$state['dropped'];
		}
		$state['last_error'] = array(
			'message' => (string) $error,
			'at'      => $now,
		);
		$this->store( $state );
	}

	/**
	 * Forgets a post's entry (it was sent, or need not be).
	 *
	 * @param int $post_id Post id.
	 */
	public function remove( $post_id ) {
		$state = $this->state();
		$key   = (string) (int) $post_id;
		if ( ! isset( $state['entries'][ $key ] ) ) {
			return;
		}
		unset( $state['entries'][ $key ] );
		if ( ! $state['entries'] ) {
			// Everything went through: the last error is history, and so are the dropped entries.
			$state['last_error'] = null;
			$state['dropped']    = 0;
		}
		$this->store( $state );
	}

	/**
	 * Entries to try now, oldest first: those whose time has come, or all of them.
	 *
	 * @param bool     $all Ignore the backoff (the service just answered, or the owner asked).
	 * @param int|null $now Unix seconds.
	 * @return array<int, array{post_id:int, event:string, type:string, attempts:int, queued_at:int, next_at:int}>
	 */
	public function due( $all = false, $now = null ) {
		$now     = null === $now ? time() : (int) $now;
		$entries = array();
		foreach ( $this->state()['entries'] as $key => $entry ) {
			if ( $all || (int) $entry['next_at'] <= $now ) {
				$entries[] = array_merge( $entry, array( 'post_id' => (int) $key ) );
			}
		}
		usort(
			$entries,
			static function ( $a, $b ) {
				return $a['queued_at'] <=> $b['queued_at'];
			}
		);
		return $entries;
	}

	/**
	 * What the Knowledge screen shows.
	 *
	 * @return array{count:int, dropped:int, lastError: string|null, lastErrorAt: string|null, nextAttemptAt: string|null}
	 */
	public function summary() {
		$state = $this->state();
		$next  = self::earliest( $state['entries'] );
		return array(
			'count'         => count( $state['entries'] ),
			'dropped'       => (int) $state['dropped'],
			'lastError'     => $state['last_error'] ? (string) $state['last_error']['message'] : null,
			'lastErrorAt'   => $state['last_error'] ? gmdate( 'Y-m-d\TH:i:s\Z', (int) $state['last_error']['at'] ) : null,
			'nextAttemptAt' => null === $next ? null : gmdate( 'Y-m-d\TH:i:s\Z', $next ),
		);
	}

	/**
	 * The stored queue, with defaults.
	 *
	 * @return array{entries: array<string, array>, last_error: array|null, dropped: int}
	 */
	private function state() {
		$stored = get_option( self::OPTION, array() );
		$stored = is_array( $stored ) ? $stored : array();
		return array(
			'entries'    => isset( $stored['entries'] ) && is_array( $stored['entries'] ) ? $stored['entries'] : array(),
			'last_error' => isset( $stored['last_error'] ) && is_array( $stored['last_error'] ) ? $stored['last_error'] : null,
			'dropped'    => isset( $stored['dropped'] ) ? (int) $stored['dropped'] : 0,
		);
	}

	/**
	 * Saves the queue and keeps one WP-Cron event at the earliest retry time (none when empty).
	 *
	 * @param array $state Queue.
	 */
	private function store( array $state ) {
		update_option( self::OPTION, $state, false );
		$earliest  = self::earliest( $state['entries'] );
		$scheduled = wp_next_scheduled( self::CRON_HOOK );
		if ( null !== $earliest && $scheduled && (int) $scheduled <= $earliest ) {
			return;
		}
		$this->schedule( $earliest );
	}

	/**
	 * After a retry run: one WP-Cron event at the earliest retry time, not before `$not_before`
	 * (the service just failed again, so entries still due wait too rather than run at once).
	 *
	 * @param int $not_before Unix seconds; 0 for no floor.
	 */
	public function reschedule( $not_before = 0 ) {
		$earliest = self::earliest( $this->state()['entries'] );
		$this->schedule( null === $earliest ? null : max( $earliest, (int) $not_before ) );
	}

	/**
	 * Replaces the cron event with one at `$at` (or none).
	 *
	 * @param int|null $at Unix seconds.
	 */
	private function schedule( $at ) {
		$scheduled = wp_next_scheduled( self::CRON_HOOK );
		if ( $scheduled && (int) $scheduled === $at ) {
			return;
		}
		if ( $scheduled ) {
			wp_clear_scheduled_hook( self::CRON_HOOK );
		}
		if ( null !== $at ) {
			wp_schedule_single_event( $at, self::CRON_HOOK );
		}
	}

	/**
	 * The earliest retry time of the entries, or null when there are none.
	 *
	 * @param array $entries Entries.
	 * @return int|null
	 */
	private static function earliest( array $entries ) {
		$earliest = null;
		foreach ( $entries as $entry ) {
			$earliest = null === $earliest ? (int) $entry['next_at'] : min( $earliest, (int) $entry['next_at'] );
		}
		return $earliest;
	}

	/**
	 * The key of the entry queued longest ago.
	 *
	 * @param array $entries Entries.
	 * @return string
	 */
	private function oldest_key( array $entries ) {
		$oldest = null;
		$at     = PHP_INT_MAX;
		foreach ( $entries as $key => $entry ) {
			if ( (int) $entry['queued_at'] < $at ) {
				$at     = (int) $entry['queued_at'];
				$oldest = (string) $key;
			}
		}
		return (string) $oldest;
	}
}
