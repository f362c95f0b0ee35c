<?php
/**
 * Who may do what: roles, capabilities and the proxy's access rule per path.
 *
 * @package AffiliateAgent
 */

use AffiliateAgent\Rest\Admin_Proxy_Controller;
use AffiliateAgent\Roles\Capabilities;
use AffiliateAgent\Service\Service_Client;
use AffiliateAgent\Settings\Settings;
use PHPUnit\Framework\TestCase;

class CapabilitiesTest extends TestCase {

	protected function setUp(): void {
		wp_test_reset();
		add_filter( 'user_has_cap', array( Capabilities::class, 'grant_to_affiliate_managers' ) );
	}

	public function test_activation_gives_administrators_both_capabilities_and_adds_an_affiliate_manager_role_that_only_reviews_leads() {
		Capabilities::install();
		$this->assertTrue( get_role( 'administrator' )->has_cap( 'aa_manage_agents' ) );
		$this->assertTrue( get_role( 'administrator' )->has_cap( 'aa_review_leads' ) );
		$this->assertSame( array( 'read' => true, 'aa_review_leads' => true ), get_role( 'aa_affiliate_manager' )->capabilities );
	}

	public function test_uninstall_removes_the_role_and_every_grant() {
		Capabilities::install();
		Capabilities::uninstall();
		$this->assertNull( get_role( 'aa_affiliate_manager' ) );
		$this->assertFalse( get_role( 'administrator' )->has_cap( 'aa_manage_agents' ) );
		$this->assertFalse( get_role( 'administrator' )->has_cap( 'aa_review_leads' ) );
	}

	public function test_users_who_manage_affiliates_review_leads_only_while_affiliatewp_is_active() {
		wp_test_log_in( 5, array( 'read', 'manage_affiliates' ) );
		add_filter( 'affiliate_agent_affiliatewp_active', '__return_false' );
		$this->assertFalse( current_user_can( 'aa_review_leads' ), 'AffiliateWP inactive: manage_affiliates means nothing to us' );

		add_filter( 'affiliate_agent_affiliatewp_active', '__return_true' );
		$this->assertTrue( current_user_can( 'aa_review_leads' ) );
		$this->assertFalse( current_user_can( 'aa_manage_agents' ) );
		$this->assertSame( array( 'aa_review_leads' ), Capabilities::of_user( 5 ) );
	}

	public function test_the_capabilities_header_lists_a_users_capabilities_sorted() {
		wp_test_log_in( 1, array( 'aa_review_leads', 'aa_manage_agents', 'manage_options' ) );
		$this->assertSame( array( 'aa_manage_agents', 'aa_review_leads' ), Capabilities::of_user( 1 ) );
		$this->assertSame( array(), Capabilities::of_user( 0 ) );
	}

	public function test_the_proxy_lets_reviewers_reach_leads_transcripts_and_the_agent_list_and_nothing_else() {
		wp_test_log_in( 9, array( 'read', 'aa_review_leads' ) );
		$proxy = new Admin_Proxy_Controller( new Service_Client( new Settings() ) );
		$can   = static function ( $method, $path ) use ( $proxy ) {
			return true === $proxy->can_forward( new WP_REST_Request( $method, '/affiliate-agent/v1/admin/' . $path, array( 'path' => $path ) ) );
		};
		$this->assertTrue( $can( 'GET', 'leads' ) );
		$this->assertTrue( $can( 'GET', 'leads/export.csv' ) );
		$this->assertTrue( $can( 'POST', 'leads/lead_1/approve' ) );
		$this->assertTrue( $can( 'PATCH', 'leads/lead_1' ) );
		$this->assertTrue( $can( 'GET', 'conversations/cnv_1' ) );
		$this->assertTrue( $can( 'GET', 'agents' ) );
		$this->assertFalse( $can( 'POST', 'agents' ) );
		$this->assertFalse( $can( 'PATCH', 'agents/agt_1' ) );
		$this->assertFalse( $can( 'GET', 'agents/agt_1/actions' ) );
		$this->assertFalse( $can( 'GET', 'leadsmith' ) );
		$this->assertFalse( $can( 'POST', 'actions/act_1/publish' ) );
		$this->assertFalse( $can( 'POST', 'conversations/cnv_1/messages' ) );
		$this->assertFalse( $can( 'POST', 'playground/agents/agt_1/conversations' ) );

		$error = $proxy->can_forward( new WP_REST_Request( 'GET', '', array( 'path' => 'usage' ) ) );
		$this->assertSame( 403, $error->get_error_data()['status'] );
	}

	public function test_editors_may_only_read_the_agent_list_for_the_block_picker() {
		wp_test_log_in( 12, array( 'read', 'edit_posts' ) );
		$proxy = new Admin_Proxy_Controller( new Service_Client( new Settings() ) );
		$this->assertTrue( $proxy->can_forward( new WP_REST_Request( 'GET', '', array( 'path' => 'agents' ) ) ) );
		$this->assertNotTrue( $proxy->can_forward( new WP_REST_Request( 'GET', '', array( 'path' => 'leads' ) ) ) );
		$this->assertNotTrue( $proxy->can_forward( new WP_REST_Request( 'POST', '', array( 'path' => 'agents' ) ) ) );
		$this->assertNotTrue( $proxy->can_forward( new WP_REST_Request( 'GET', '', array( 'path' => 'agents/agt_1/actions' ) ) ) );
		$this->assertNotTrue( $proxy->can_forward( new WP_REST_Request( 'GET', '', array( 'path' => 'agents/agt_1' ) ) ) );
	}

	public function test_agent_managers_reach_everything_and_anonymous_users_get_401() {
		wp_test_log_in( 1, array( 'aa_manage_agents', 'aa_review_leads' ) );
		$proxy = new Admin_Proxy_Controller( new Service_Client( new Settings() ) );
		foreach ( array( 'agents', 'actions/act_1/publish', 'knowledge/sources', 'leads', 'usage' ) as $path ) {
			$this->assertTrue( $proxy->can_forward( new WP_REST_Request( 'POST', '', array( 'path' => $path ) ) ), $path );
		}
		wp_test_log_in( 0, array() );
		$this->assertSame( 401, $proxy->can_forward( new WP_REST_Request( 'GET', '', array( 'path' => 'leads' ) ) )->get_error_data()['status'] );
	}

	public function test_proxy_paths_are_plain_segments_without_traversal() {
		foreach ( array( 'leads', 'leads/export.csv', 'actions/act_1/versions/3/restore', 'agents/agt_x-1' ) as $good ) {
			$this->assertTrue( Admin_Proxy_Controller::is_safe_path( $good ), $good );
		}
		foreach ( array( '../health', 'leads/../../admin', 'leads//x', '/leads', 'leads?x=1', 'http://evil', 'leads/%2e%2e', 'a/./b', '' ) as $bad ) {
			$this->assertFalse( Admin_Proxy_Controller::is_safe_path( $bad ), $bad );
		}
	}
}
