<?php
/**
 * Content changes reach the service as push events; the block picker sees display fields only.
 *
 * @package AffiliateAgent
 */

use AffiliateAgent\Content\Content_Sync;
use AffiliateAgent\Rest\Block_Agents_Controller;
use AffiliateAgent\Service\Service_Client;
use AffiliateAgent\Settings\Settings;
use PHPUnit\Framework\TestCase;

class ContentSyncTest extends TestCase {

	private $sync;

	protected function setUp(): void {
		wp_test_reset();
		update_option( Settings::OPTION_SERVICE_URL, 'http://127.0.0.1:8787' );
		update_option( Settings::OPTION_SHARED_SECRET, 'content-test-secret-0123456789abcdefghij' );
		$GLOBALS['wp_test']['http_response'] = wp_test_http_answer( 200, array( 'event' => 'saved' ) );
		$this->sync                           = new Content_Sync( new Service_Client( new Settings() ) );
	}

	private function sent_events() {
		return array_map(
			static function ( $request ) {
				return json_decode( $request['args']['body'], true );
			},
			$GLOBALS['wp_test']['http_requests']
		);
	}

	public function test_a_published_page_is_pushed_once_with_its_rendered_content_at_shutdown() {
		$page = wp_test_post( 10, 'page', 'publish', 'Commission rates', '<p>30% on every sale.</p>' );
		$this->sync->on_save_post( 10, $page );
		$this->sync->on_save_post( 10, $page );
		$this->assertSame( array(), $GLOBALS['wp_test']['http_requests'], 'nothing is sent before shutdown' );

		$this->sync->flush();
		$this->assertSame(
			array(
				array(
					'event' => 'saved',
					'item'  => array( 'id' => 10, 'type' => 'page', 'title' => 'Commission rates', 'url' => 'https://shop.example/?p=10', 'content_html' => '<p>30% on every sale.</p>', 'modified_gmt' => '2026-11-25T03:00:00Z' ),
				),
			),
			$this->sent_events()
		);
		$request = $GLOBALS['wp_test']['http_requests'][0];
		$this->assertSame( 'http://127.0.0.1:8787/v1/knowledge/wordpress/push', $request['url'] );
		$this->assertSame( '0', $request['args']['headers']['X-AA-User'], 'signed as the plugin itself' );
	}

	public function test_unpublished_protected_and_deleted_posts_are_pushed_as_deleted() {
		$this->sync->on_save_post( 11, wp_test_post( 11, 'post', 'draft', 'Draft' ) );
		$this->sync->on_save_post( 12, wp_test_post( 12, 'page', 'publish', 'Members', '', 'secret' ) );
		wp_test_post( 13, 'post', 'publish', 'Old news' );
		$this->sync->on_delete_post( 13 );
		$this->sync->flush();
		$this->assertSame(
			array(
				array( 'event' => 'deleted', 'item' => array( 'id' => 11, 'type' => 'post' ) ),
				array( 'event' => 'deleted', 'item' => array( 'id' => 12, 'type' => 'page' ) ),
				array( 'event' => 'deleted', 'item' => array( 'id' => 13, 'type' => 'post' ) ),
			),
			$this->sent_events()
		);
	}

	public function test_other_post_types_and_an_unconnected_site_send_nothing() {
		$this->sync->on_save_post( 20, wp_test_post( 20, 'nav_menu_item', 'publish', 'Menu' ) );
		$this->sync->flush();
		delete_option( Settings::OPTION_SHARED_SECRET );
		$this->sync->on_save_post( 21, wp_test_post( 21, 'page', 'publish', 'About' ) );
		$this->sync->flush();
		$this->assertSame( array(), $GLOBALS['wp_test']['http_requests'] );
	}

	public function test_the_block_picker_gets_names_and_looks_but_never_instructions_or_origins() {
		$picked = Block_Agents_Controller::display_fields(
			array(
				array( 'id' => 'agt_1', 'name' => 'Program assistant', 'instructions' => 'internal prompt', 'allowedOrigins' => array( 'https://shop.example' ), 'greeting' => 'Hi!', 'language' => 'en', 'enabled' => true, 'monthlyCap' => 100, 'appearance' => array( 'title' => 'Ask us', 'primaryColor' => '#2271b1', 'position' => 'bottom-left', 'secret' => 'x' ) ),
				'not an agent',
			)
		);
		$this->assertSame(
			array( array( 'id' => 'agt_1', 'name' => 'Program assistant', 'enabled' => true, 'greeting' => 'Hi!', 'language' => 'en', 'appearance' => array( 'title' => 'Ask us', 'primaryColor' => '#2271b1', 'position' => 'bottom-left' ) ) ),
			$picked
		);
	}
}
