<?php
/**
 * What an affiliate manager meets: landing on Leads, the new priority leads bubble, names in the activity log.
 *
 * @package AffiliateAgent
 */

use AffiliateAgent\Admin\Manager_Landing;
use AffiliateAgent\Admin\New_Leads_Count;
use AffiliateAgent\Rest\People_Controller;
use AffiliateAgent\Service\Service_Client;
use AffiliateAgent\Settings\Settings;
use PHPUnit\Framework\TestCase;

class ManagerScreensTest extends TestCase {

	protected function setUp(): void {
		wp_test_reset();
		update_option( 'affiliate_agent_service_url', 'http://127.0.0.1:8787' );
		update_option( 'affiliate_agent_shared_secret', str_repeat( 's', 43 ) );
	}

	private function user( $id, array $caps ) {
		$GLOBALS['wp_test']['user_caps'][ $id ] = array_fill_keys( $caps, true );
		$user                                   = (object) array(
			'ID'           => $id,
			'user_login'   => 'user' . $id,
			'user_email'   => "user{$id}@example.com",
			'display_name' => "User {$id}",
		);
		$GLOBALS['wp_test']['users'][]          = $user;
		return $user;
	}

	public function test_an_affiliate_manager_lands_on_leads_unless_the_login_asked_for_another_page() {
		$manager = $this->user( 5, array( 'read', 'aa_review_leads' ) );
		$leads   = admin_url( 'admin.php?page=affiliate-agent#/leads' );
		$this->assertSame( $leads, Manager_Landing::redirect( admin_url( 'profile.php' ), '', $manager ) );
		$this->assertSame( $leads, Manager_Landing::redirect( admin_url(), admin_url(), $manager ) );
		$asked = admin_url( 'admin.php?page=affiliate-agent#/leads/lead_1' );
		$this->assertSame( $asked, Manager_Landing::redirect( $asked, $asked, $manager ) );
	}

	public function test_administrators_subscribers_and_failed_logins_keep_wordpress_s_destination() {
		$admin      = $this->user( 1, array( 'manage_options', 'aa_review_leads', 'aa_manage_agents' ) );
		$subscriber = $this->user( 2, array( 'read' ) );
		$this->assertSame( admin_url(), Manager_Landing::redirect( admin_url(), '', $admin ) );
		$this->assertSame( admin_url( 'profile.php' ), Manager_Landing::redirect( admin_url( 'profile.php' ), '', $subscriber ) );
		$this->assertSame( admin_url(), Manager_Landing::redirect( admin_url(), '', new WP_Error( 'incorrect_password', 'no' ) ) );
	}

	public function test_the_new_priority_leads_count_asks_the_service_once_and_is_cached() {
		$calls                                 = array();
		$GLOBALS['wp_test']['http_response'] = static function ( $url ) use ( &$calls ) {
			$calls[] = $url;
			return wp_test_http_answer( 200, array( 'items' => array(), 'total' => 3, 'totalIsCapped' => false, 'nextCursor' => null ) );
		};
		$count = new New_Leads_Count( new Service_Client( new Settings() ) );
		$this->assertSame( 3, $count->count() );
		$this->assertSame( 3, $count->count() );
		$this->assertCount( 1, $calls );
		$this->assertStringContainsString( '/v1/leads?', $calls[0] );
		$this->assertStringContainsString( 'route=priority', $calls[0] );
		$this->assertStringContainsString( 'status=new', $calls[0] );

		// A manager's change to a lead clears it; a GET does not.
		New_Leads_Count::flush_after_lead_change( null, null, new WP_REST_Request( 'GET', '/affiliate-agent/v1/admin/leads' ) );
		$count->count();
		$this->assertCount( 1, $calls );
		New_Leads_Count::flush_after_lead_change( null, null, new WP_REST_Request( 'POST', '/affiliate-agent/v1/admin/leads/lead_1/approve' ) );
		$count->count();
		$this->assertCount( 2, $calls );
	}

	public function test_the_bubble_shows_on_the_menu_item_and_no_bubble_when_the_service_is_down() {
		global $menu;
		wp_test_log_in( 5, array( 'read', 'aa_review_leads' ) );
		$GLOBALS['wp_test']['http_response'] = static function () {
			return wp_test_http_answer( 200, array( 'total' => 1204 ) );
		};
		$menu = array( array( 'Affiliate Agent', 'aa_review_leads', 'affiliate-agent' ) );
		( new New_Leads_Count( new Service_Client( new Settings() ) ) )->decorate_menu();
		$this->assertStringContainsString( '<span class="awaiting-mod count-1204"><span class="pending-count" aria-hidden="true">1,204</span>', $menu[0][0] );
		$this->assertStringContainsString( '1,204 new priority leads', $menu[0][0] );

		delete_transient( New_Leads_Count::TRANSIENT );
		$GLOBALS['wp_test']['http_response'] = static function () {
			return new WP_Error( 'http_request_failed', 'cURL error 7: Failed to connect' );
		};
		$menu = array( array( 'Affiliate Agent', 'aa_review_leads', 'affiliate-agent' ) );
		( new New_Leads_Count( new Service_Client( new Settings() ) ) )->decorate_menu();
		$this->assertSame( 'Affiliate Agent', $menu[0][0] );
	}

	public function test_reviewers_get_display_names_for_the_ids_on_a_lead_and_nothing_else() {
		$this->user( 1, array( 'manage_options' ) );
		$this->user( 5, array( 'aa_review_leads' ) );
		$response = ( new People_Controller() )->people( new WP_REST_Request( 'GET', '/affiliate-agent/v1/people', array( 'ids' => '1,5,999,x' ) ) );
		$this->assertEquals( (object) array( '1' => 'User 1', '5' => 'User 5' ), $response->get_data()['people'] );
		$this->assertSame( array( 'people' ), array_keys( $response->get_data() ) );
	}
}
