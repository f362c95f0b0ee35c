<?php
/**
 * Personal data export and erasure go through the service.
 *
 * @package AffiliateAgent
 */

use AffiliateAgent\Privacy\Privacy_Tools;
use AffiliateAgent\Service\Service_Client;
use AffiliateAgent\Settings\Settings;
use PHPUnit\Framework\TestCase;

class PrivacyTest extends TestCase {

	private $privacy;

	protected function setUp(): void {
		wp_test_reset();
		update_option( Settings::OPTION_SERVICE_URL, 'http://127.0.0.1:8787' );
		update_option( Settings::OPTION_SHARED_SECRET, 'privacy-test-secret-0123456789abcdefghij' );
		wp_test_log_in( 1, array( 'manage_options', 'aa_manage_agents', 'aa_review_leads' ) );
		$this->privacy = new Privacy_Tools( new Service_Client( new Settings() ) );
	}

	public function test_the_exporter_asks_the_service_by_email_and_returns_wordpress_export_items() {
		$GLOBALS['wp_test']['http_response'] = wp_test_http_answer(
			200,
			array(
				'email' => 'jane@example.com',
				'items' => array(
					array( 'group' => 'Affiliate Agent leads', 'id' => 'lead_1', 'data' => array( array( 'name' => 'email', 'value' => 'jane@example.com' ), array( 'name' => 'Tags', 'value' => 'vip' ) ) ),
				),
			)
		);
		$export = $this->privacy->export( 'jane@example.com' );

		$this->assertSame( 'http://127.0.0.1:8787/v1/privacy/export?email=jane%40example.com', $GLOBALS['wp_test']['http_requests'][0]['url'] );
		$this->assertTrue( $export['done'] );
		$this->assertSame(
			array(
				array(
					'group_id'    => 'affiliate-agent-affiliate-agent-leads',
					'group_label' => 'Affiliate Agent leads',
					'item_id'     => 'affiliate-agent-lead_1',
					'data'        => array( array( 'name' => 'email', 'value' => 'jane@example.com' ), array( 'name' => 'Tags', 'value' => 'vip' ) ),
				),
			),
			$export['data']
		);
	}

	public function test_the_eraser_posts_the_email_and_reports_what_the_service_erased() {
		$GLOBALS['wp_test']['http_response'] = wp_test_http_answer( 200, array( 'email' => 'jane@example.com', 'erased' => array( 'leads' => 2, 'conversations' => 0 ) ) );
		$result                               = $this->privacy->erase( 'jane@example.com' );

		$sent = $GLOBALS['wp_test']['http_requests'][0];
		$this->assertSame( 'POST', $sent['args']['method'] );
		$this->assertSame( '{"email":"jane@example.com"}', $sent['args']['body'] );
		$this->assertTrue( $result['items_removed'] );
		$this->assertFalse( $result['items_retained'] );
		$this->assertSame( array( 'Affiliate Agent erased 2 leads.' ), $result['messages'] );
	}

	public function test_the_eraser_reports_what_the_service_retained_and_why() {
		$GLOBALS['wp_test']['http_response'] = wp_test_http_answer(
			200,
			array(
				'email'      => 'jane@example.com',
				'erased'     => array( 'conversations' => 1, 'leads' => 1 ),
				'anonymised' => array( 'conversations' => 2 ),
				'retained'   => array( array( 'participant' => 'leads', 'what' => 'AffiliateWP affiliate #12', 'why' => 'It lives in AffiliateWP; delete it there.' ), array( 'what' => '<b>bad</b>' ) ),
			)
		);
		$result = $this->privacy->erase( 'jane@example.com' );

		$this->assertTrue( $result['items_removed'] );
		$this->assertTrue( $result['items_retained'] );
		$this->assertSame(
			array(
				'Affiliate Agent erased 1 conversation.',
				'Affiliate Agent erased 1 lead.',
				'Affiliate Agent removed the email address from 2 conversations kept for other people.',
				'Affiliate Agent retained AffiliateWP affiliate #12: It lives in AffiliateWP; delete it there.',
			),
			$result['messages']
		);
	}

	public function test_a_service_error_is_reported_to_the_privacy_tool() {
		$GLOBALS['wp_test']['http_response'] = wp_test_http_answer( 500, array( 'error' => array( 'code' => 'internal_error', 'message' => 'Boom.' ) ) );
		$this->assertInstanceOf( WP_Error::class, $this->privacy->erase( 'jane@example.com' ) );
	}
}
