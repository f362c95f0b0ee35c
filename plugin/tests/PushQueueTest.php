<?php
/**
 * Failed content pushes wait in a bounded queue, one entry per post, and are retried with backoff.
 *
 * @package AffiliateAgent
 */

use AffiliateAgent\Content\Content_Sync;
use AffiliateAgent\Content\Push_Queue;
use AffiliateAgent\Service\Service_Client;
use AffiliateAgent\Settings\Settings;
use PHPUnit\Framework\TestCase;

class PushQueueTest extends TestCase {

	const NOW = 1800000000;

	protected function setUp(): void {
		wp_test_reset();
		update_option( Settings::OPTION_SERVICE_URL, 'http://127.0.0.1:8787' );
		update_option( Settings::OPTION_SHARED_SECRET, 'queue-test-secret-0123456789abcdefghijk' );
	}

	private function service_down() {
		$GLOBALS['wp_test']['http_response'] = new WP_Error( 'http_request_failed', 'cURL error 7: Failed to connect to 127.0.0.1 port 8787' );
	}

	private function service_up() {
		$GLOBALS['wp_test']['http_response'] = wp_test_http_answer( 200, array( 'event' => 'saved', 'knowledgeSetIds' => array(), 'outcomes' => array() ) );
	}

	private function sent_events() {
		return array_map(
			static function ( $request ) {
				return json_decode( $request['args']['body'], true );
			},
			$GLOBALS['wp_test']['http_requests']
		);
	}

	public function test_enqueue_replaces_the_entry_of_the_same_post_and_backs_off() {
		$queue = new Push_Queue();
		$queue->record_failure( 10, 'saved', 'page', 'down', self::NOW );
		$queue->record_failure( 11, 'deleted', 'post', 'down', self::NOW );
		$queue->record_failure( 10, 'saved', 'page', 'still down', self::NOW + 60 );

		$entries = $queue->due( true, self::NOW );
		$this->assertSame( array( 10, 11 ), array_column( $entries, 'post_id' ), 'one entry per post, oldest first' );
		$this->assertSame( 2, $entries[0]['attempts'] );
		$this->assertSame( self::NOW + 60 + 120, $entries[0]['next_at'], 'second failure waits 2 minutes' );
		$this->assertSame( self::NOW + 60, $entries[1]['next_at'], 'first failure waits 1 minute' );
		$this->assertSame( array( 11 ), array_column( $queue->due( false, self::NOW + 60 ), 'post_id' ), 'only what is due' );
		$this->assertSame( self::NOW + 60, $GLOBALS['wp_test']['cron'][ Push_Queue::CRON_HOOK ], 'cron set for the earliest retry' );

		$summary = $queue->summary();
		$this->assertSame( 2, $summary['count'] );
		$this->assertSame( 'still down', $summary['lastError'] );

		$queue->remove( 10 );
		$queue->remove( 11 );
		$this->assertSame( array( 'count' => 0, 'dropped' => 0, 'lastError' => null, 'lastErrorAt' => null, 'nextAttemptAt' => null ), $queue->summary() );
		$this->assertArrayNotHasKey( Push_Queue::CRON_HOOK, $GLOBALS['wp_test']['cron'], 'no cron event for an empty queue' );
	}

	public function test_a_cron_run_that_finds_nothing_due_keeps_a_cron_event_for_the_entries_left() {
		$sync = new Content_Sync( new Service_Client( new Settings() ) );
		$this->service_down();
		$sync->on_save_post( 10, wp_test_post( 10, 'page', 'publish', 'Payouts', '<p>Paid monthly.</p>' ) );
		$sync->flush();
		$next = $GLOBALS['wp_test']['cron'][ Push_Queue::CRON_HOOK ];
		// WP-Cron unschedules the event before running it.
		wp_clear_scheduled_hook( Push_Queue::CRON_HOOK );
		$this->assertSame( 0, $sync->retry_queued() );
		$this->assertSame( $next, $GLOBALS['wp_test']['cron'][ Push_Queue::CRON_HOOK ] );
	}

	public function test_backoff_doubles_up_to_six_hours() {
		$this->assertSame( array( 60, 120, 240, 480 ), array_map( array( Push_Queue::class, 'delay' ), array( 1, 2, 3, 4 ) ) );
		$this->assertSame( 21600, Push_Queue::delay( 12 ) );
		$this->assertSame( 21600, Push_Queue::delay( 500 ) );
	}

	public function test_the_queue_is_bounded_and_drops_the_oldest_entry() {
		$queue = new Push_Queue();
		for ( $id = 1; $id <= Push_Queue::MAX_ENTRIES + 3; $id++ ) {
			$queue->record_failure( $id, 'saved', 'post', 'down', self::NOW + $id );
		}
		$ids = array_column( $queue->due( true ), 'post_id' );
		$this->assertCount( Push_Queue::MAX_ENTRIES, $ids );
		$this->assertSame( 4, $ids[0], 'posts 1–3 were dropped' );
		$this->assertSame( 3, $queue->summary()['dropped'] );
	}

	public function test_a_push_that_fails_is_queued_and_sent_with_the_newest_text_once_the_service_answers() {
		$sync = new Content_Sync( new Service_Client( new Settings() ) );
		$this->service_down();
		$page = wp_test_post( 10, 'page', 'publish', 'Payouts', '<p>Paid monthly.</p>' );
		$sync->on_save_post( 10, $page );
		$sync->flush();
		wp_test_post( 13, 'post', 'publish', 'Old news', '<p>Gone soon.</p>' );
		$sync->on_delete_post( 13 );
		unset( $GLOBALS['wp_test']['posts'][13] );
		$sync->flush();
		$page = wp_test_post( 10, 'page', 'publish', 'Payouts', '<p>Paid every two weeks.</p>' );
		$sync->on_save_post( 10, $page );
		$sync->flush();

		$summary = $sync->queue()->summary();
		$this->assertSame( 2, $summary['count'], 'the second edit replaced the first entry; the delete is queued too' );
		$this->assertSame( 'The Affiliate Agent service cannot be reached. (service_unreachable)', $summary['lastError'] );
		$this->assertStringNotContainsString( '127.0.0.1', $summary['lastError'], 'no internal address in the words shown' );

		$GLOBALS['wp_test']['http_requests'] = array();
		$this->service_up();
		$this->assertSame( 0, $sync->retry_queued(), 'nothing is due before its backoff time' );
		$this->assertSame( 2, $sync->retry_queued( true ) );
		$events = $this->sent_events();
		$this->assertSame( 'saved', $events[0]['event'] );
		$this->assertSame( '<p>Paid every two weeks.</p>', $events[0]['item']['content_html'] );
		$this->assertSame( array( 'event' => 'deleted', 'item' => array( 'id' => 13, 'type' => 'post' ) ), $events[1] );
		$this->assertSame( 0, $sync->queue()->summary()['count'] );
		$this->assertNull( $sync->queue()->summary()['lastError'] );
	}

	public function test_the_next_successful_push_also_sends_the_queue_and_a_refusal_is_not_retried() {
		$sync = new Content_Sync( new Service_Client( new Settings() ) );
		$this->service_down();
		$sync->on_save_post( 10, wp_test_post( 10, 'page', 'publish', 'Payouts', '<p>Paid monthly.</p>' ) );
		$sync->flush();
		$this->assertSame( 1, $sync->queue()->summary()['count'] );

		$GLOBALS['wp_test']['http_requests'] = array();
		$this->service_up();
		$sync->on_save_post( 20, wp_test_post( 20, 'post', 'publish', 'News', '<p>New banners.</p>' ) );
		$sync->flush();
		$this->assertSame( array( 20, 10 ), array_map( static function ( $event ) { return $event['item']['id']; }, $this->sent_events() ) );
		$this->assertSame( 0, $sync->queue()->summary()['count'] );

		$GLOBALS['wp_test']['http_response'] = wp_test_http_answer( 413, array( 'error' => array( 'code' => 'content_too_large', 'message' => 'too large' ) ) );
		$sync->on_save_post( 21, wp_test_post( 21, 'post', 'publish', 'Huge', '<p>x</p>' ) );
		$sync->flush();
		$this->assertSame( 0, $sync->queue()->summary()['count'], 'the service refused the content itself' );
	}

	public function test_a_5xx_answer_is_queued() {
		$sync = new Content_Sync( new Service_Client( new Settings() ) );
		$GLOBALS['wp_test']['http_response'] = wp_test_http_answer( 503, array( 'error' => array( 'code' => 'shutting_down', 'message' => 'The service is restarting.' ) ) );
		$sync->on_save_post( 10, wp_test_post( 10, 'page', 'publish', 'Payouts', '<p>Paid monthly.</p>' ) );
		$sync->flush();
		$this->assertSame( 'The service is restarting. (shutting_down)', $sync->queue()->summary()['lastError'] );
	}
}
