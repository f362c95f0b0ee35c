<?php
/**
 * Status changes made in AffiliateWP reach the service once they are stored, and only then.
 *
 * @package AffiliateAgent
 */

use AffiliateAgent\Bridge\Affiliate_Status_Listener;
use AffiliateAgent\Service\Service_Client;
use AffiliateAgent\Settings\Settings;
use PHPUnit\Framework\TestCase;

require_once __DIR__ . '/fake-affiliatewp.php';

class AffiliateStatusListenerTest extends TestCase {

	private $listener;

	protected function setUp(): void {
		wp_test_reset();
		update_option( Settings::OPTION_SERVICE_URL, 'http://127.0.0.1:8787' );
		update_option( Settings::OPTION_SHARED_SECRET, 'status-test-secret-0123456789abcdefghijk' );
		$GLOBALS['wp_test']['http_response'] = wp_test_http_answer( 200, array( 'changed' => true ) );
		$GLOBALS['wp_test']['users'][]       = (object) array( 'ID' => 5, 'user_login' => 'mia', 'user_email' => 'mia@shop.example', 'display_name' => 'Mia Manager', 'roles' => array( 'administrator' ) );
		affwp_add_affiliate( array( 'user_id' => 40, 'payment_email' => 'pat@example.com', 'status' => 'pending' ) );
		$this->listener = new Affiliate_Status_Listener( new Service_Client( new Settings() ) );
		// Registered as the plugin does, so AffiliateWP's own function drives it.
		add_action( 'affwp_set_affiliate_status', array( $this->listener, 'on_set_status' ), 10, 3 );
		wp_test_log_in( 5, array( 'manage_affiliates' ) );
	}

	private function sent_reports() {
		return array_map(
			static function ( $request ) {
				return json_decode( $request['args']['body'], true );
			},
			$GLOBALS['wp_test']['http_requests']
		);
	}

	public function test_an_approval_is_reported_at_shutdown_once_stored_with_the_user_who_made_it() {
		$this->assertTrue( affwp_set_affiliate_status( 1, 'active' ) );
		$this->assertSame( array(), $GLOBALS['wp_test']['http_requests'], 'nothing is sent from inside the hook, before the store' );

		$this->listener->flush();
		$this->assertSame(
			array(
				array(
					'affiliateId'    => 1,
					'status'         => 'active',
					'previousStatus' => 'pending',
					'actor'          => array( 'userId' => 5, 'displayName' => 'Mia Manager' ),
				),
			),
			$this->sent_reports()
		);
		$request = $GLOBALS['wp_test']['http_requests'][0];
		$this->assertSame( 'http://127.0.0.1:8787/v1/affiliatewp/status-changed', $request['url'] );
		$this->assertSame( 'POST', $request['args']['method'] );
		$this->assertSame( '0', $request['args']['headers']['X-AA-User'], 'signed as the plugin itself' );
		$this->assertSame( 'aa_manage_agents', $request['args']['headers']['X-AA-Capabilities'] );

		$this->listener->flush();
		$this->assertCount( 1, $GLOBALS['wp_test']['http_requests'], 'a second shutdown sends nothing again' );
	}

	public function test_a_no_op_is_not_reported_though_affiliatewp_fires_the_hook_for_it() {
		$this->assertFalse( affwp_set_affiliate_status( 1, 'pending' ) );
		$this->listener->flush();
		$this->assertSame( array(), $GLOBALS['wp_test']['http_requests'] );
	}

	public function test_a_change_affiliatewp_failed_to_store_is_not_reported() {
		$GLOBALS['wp_test']['affwp_store_fails'] = true;
		$this->assertFalse( affwp_set_affiliate_status( 1, 'active' ) );
		$this->listener->flush();
		$this->assertSame( array(), $GLOBALS['wp_test']['http_requests'] );
	}

	public function test_several_changes_in_one_request_are_one_report_from_the_first_to_the_last_stored_status() {
		affwp_set_affiliate_status( 1, 'active' );
		affwp_set_affiliate_status( 1, 'inactive' );
		$this->listener->flush();
		$reports = $this->sent_reports();
		$this->assertCount( 1, $reports );
		$this->assertSame( array( 'inactive', 'pending' ), array( $reports[0]['status'], $reports[0]['previousStatus'] ) );

		$GLOBALS['wp_test']['http_requests'] = array();
		affwp_set_affiliate_status( 1, 'active' );
		affwp_set_affiliate_status( 1, 'inactive' );
		$this->listener->flush();
		$this->assertSame( array(), $GLOBALS['wp_test']['http_requests'], 'back where it started: nothing to report' );
	}

	public function test_an_affiliate_no_lead_owns_is_quietly_left_alone_and_nothing_is_sent_when_not_connected() {
		$GLOBALS['wp_test']['http_response'] = wp_test_http_answer( 404, array( 'error' => array( 'code' => 'affiliate_not_linked', 'message' => 'No lead owns AffiliateWP affiliate #1.' ) ) );
		affwp_set_affiliate_status( 1, 'rejected' );
		$this->listener->flush();
		$this->assertCount( 1, $GLOBALS['wp_test']['http_requests'] );

		$GLOBALS['wp_test']['http_requests'] = array();
		delete_option( Settings::OPTION_SHARED_SECRET );
		affwp_set_affiliate_status( 1, 'active' );
		$this->listener->flush();
		$this->assertSame( array(), $GLOBALS['wp_test']['http_requests'] );
	}
}
