<?php
/**
 * The admin-token and visitor-session routes, and the session route's rate limit.
 *
 * @package AffiliateAgent
 */

use AffiliateAgent\Rest\Admin_Token_Controller;
use AffiliateAgent\Rest\Session_Controller;
use AffiliateAgent\Security\Rate_Limiter;
use AffiliateAgent\Service\Service_Client;
use AffiliateAgent\Support\Chat_Agents;
use AffiliateAgent\Settings\Settings;
use PHPUnit\Framework\TestCase;

class TokenRoutesTest extends TestCase {

	const SECRET = 'token-test-secret-0123456789abcdefghijkl';

	protected function setUp(): void {
		wp_test_reset();
		update_option( Settings::OPTION_SERVICE_URL, 'http://127.0.0.1:8787' );
		update_option( Settings::OPTION_PUBLIC_SERVICE_URL, 'https://agent.shop.example' );
		update_option( Settings::OPTION_SHARED_SECRET, self::SECRET );
		$_SERVER['REMOTE_ADDR'] = '203.0.113.7';
	}

	private static function payload_of( $token, $prefix ) {
		list( $payload_part, $mac ) = explode( '.', $token );
		$expected                   = rtrim( strtr( base64_encode( hash_hmac( 'sha256', $prefix . $payload_part, self::SECRET, true ) ), '+/', '-_' ), '=' );
		self::assertSame( $expected, $mac, 'the token is signed with the shared secret and its prefix' );
		return json_decode( base64_decode( strtr( $payload_part, '-_', '+/' ) ), true );
	}

	public function test_an_agent_manager_gets_a_900_second_admin_token_carrying_their_capabilities() {
		wp_test_log_in( 4, array( 'aa_manage_agents', 'aa_review_leads' ) );
		$controller = new Admin_Token_Controller( new Settings() );
		$response   = $controller->mint();
		$data       = $response->get_data();
		$payload    = self::payload_of( $data['token'], 'aa-admin.' );

		$this->assertSame( array( 'v', 'kind', 'user', 'caps', 'iat', 'exp' ), array_keys( $payload ) );
		$this->assertSame( 'admin', $payload['kind'] );
		$this->assertSame( 4, $payload['user'] );
		$this->assertSame( 'aa_manage_agents,aa_review_leads', $payload['caps'] );
		$this->assertSame( 900, $payload['exp'] - $payload['iat'] );
		$this->assertSame( gmdate( 'Y-m-d\TH:i:s\Z', $payload['exp'] ), $data['expiresAt'] );
		$this->assertSame( 'https://agent.shop.example', $data['serviceUrl'] );
		$this->assertSame( 'no-store', $response->get_headers()['Cache-Control'] );
	}

	public function test_the_admin_token_route_is_only_for_agent_managers() {
		$controller = new Admin_Token_Controller( new Settings() );
		$controller->register_routes();
		$permission = $GLOBALS['wp_test']['routes']['affiliate-agent/v1/admin-token']['permission_callback'];
		wp_test_log_in( 9, array( 'read', 'aa_review_leads' ) );
		$this->assertFalse( $permission() );
		wp_test_log_in( 1, array( 'aa_manage_agents' ) );
		$this->assertTrue( $permission() );
	}

	public function test_a_visitor_gets_a_one_hour_token_for_the_agent_and_this_sites_origin() {
		$controller = new Session_Controller( new Settings(), new Rate_Limiter( 'session' ) );
		$response   = $controller->create( new WP_REST_Request( 'POST', '/affiliate-agent/v1/session', array( 'agentId' => 'agt_demo1' ) ) );
		$data       = $response->get_data();
		$payload    = self::payload_of( $data['token'], 'aa-visitor.' );

		$this->assertSame( 201, $response->get_status() );
		$this->assertSame( array( 'v', 'kind', 'agent', 'visitor', 'origin', 'iat', 'exp' ), array_keys( $payload ) );
		$this->assertSame( 'agt_demo1', $payload['agent'] );
		$this->assertSame( 'https://shop.example', $payload['origin'] );
		$this->assertSame( 3600, $payload['exp'] - $payload['iat'] );
		$this->assertSame( $payload['visitor'], $data['visitorId'] );
		$this->assertSame( 'agt_demo1', $data['agentId'] );
		$this->assertSame( 'https://agent.shop.example', $data['serviceUrl'] );
		$this->assertSame( 'no-store, private', $response->get_headers()['Cache-Control'], 'page caches must never keep a visitor\'s token' );
	}

	public function test_a_logged_in_user_s_id_and_account_email_are_signed_into_the_visitor_token() {
		$GLOBALS['wp_test']['users'][] = (object) array( 'ID' => 12, 'user_login' => 'mia', 'user_email' => 'mia@shop.example' );
		wp_test_log_in( 12, array( 'read' ) );
		$controller = new Session_Controller( new Settings(), new Rate_Limiter( 'session' ) );
		$data       = $controller->create( new WP_REST_Request( 'POST', '', array( 'agentId' => 'agt_1' ) ) )->get_data();
		$payload    = self::payload_of( $data['token'], 'aa-visitor.' );
		$this->assertSame( array( 'v', 'kind', 'agent', 'visitor', 'origin', 'iat', 'exp', 'wp_user', 'wp_email' ), array_keys( $payload ) );
		$this->assertSame( 12, $payload['wp_user'] );
		$this->assertSame( 'mia@shop.example', $payload['wp_email'] );
		$this->assertArrayNotHasKey( 'wp_user', $data, 'the answer itself does not repeat who is logged in' );
	}

	public function test_an_anonymous_visitor_s_token_names_no_user() {
		$controller = new Session_Controller( new Settings(), new Rate_Limiter( 'session' ) );
		$payload    = self::payload_of( $controller->create( new WP_REST_Request( 'POST', '', array( 'agentId' => 'agt_1' ) ) )->get_data()['token'], 'aa-visitor.' );
		$this->assertArrayNotHasKey( 'wp_user', $payload );
		$this->assertArrayNotHasKey( 'wp_email', $payload );
	}

	public function test_the_same_tab_keeps_its_visitor_id_so_it_can_reopen_its_conversation() {
		$controller = new Session_Controller( new Settings(), new Rate_Limiter( 'session' ) );
		$known      = 'vis_' . str_repeat( 'ab', 16 );
		$data       = $controller->create( new WP_REST_Request( 'POST', '', array( 'agentId' => 'agt_1', 'visitorId' => $known ) ) )->get_data();
		$this->assertSame( $known, self::payload_of( $data['token'], 'aa-visitor.' )['visitor'] );
	}

	public function test_the_origin_leaves_out_default_ports_as_browsers_do() {
		$GLOBALS['wp_test']['home_url'] = 'https://Shop.Example:443/blog';
		$this->assertSame( 'https://shop.example', Settings::site_origin() );
		$GLOBALS['wp_test']['home_url'] = 'http://127.0.0.1:8881';
		$this->assertSame( 'http://127.0.0.1:8881', Settings::site_origin() );
	}

	public function test_the_session_route_is_public_but_one_ip_gets_at_most_thirty_tokens_per_ten_minutes() {
		$controller = new Session_Controller( new Settings(), new Rate_Limiter( 'session' ) );
		$request    = new WP_REST_Request( 'POST', '', array( 'agentId' => 'agt_1' ) );
		for ( $i = 1; $i <= 30; $i++ ) {
			$this->assertSame( 201, $controller->create( $request )->get_status(), "token $i" );
		}
		$refused = $controller->create( $request );
		$this->assertInstanceOf( WP_Error::class, $refused );
		$this->assertSame( 'rate_limited', $refused->get_error_code() );
		$this->assertSame( 429, $refused->get_error_data()['status'] );
		$this->assertGreaterThan( 0, $refused->get_error_data()['retryAfter'] );

		$_SERVER['REMOTE_ADDR'] = '198.51.100.2';
		$this->assertSame( 201, $controller->create( $request )->get_status(), 'another visitor is not affected' );

		$controller->register_routes();
		$this->assertSame( '__return_true', $GLOBALS['wp_test']['routes']['affiliate-agent/v1/session']['permission_callback'] );
	}

	public function test_the_rate_limit_window_resets_and_the_ip_is_never_stored_in_clear() {
		$GLOBALS['wp_test']['now'] = 1700000200;
		$limiter                   = new Rate_Limiter( 'session' );
		$this->assertSame( array( 'allowed' => true, 'remaining' => 1, 'retry_after' => 0 ), $limiter->hit( '203.0.113.7', 2, 600, 1700000200 ) );
		$this->assertTrue( $limiter->hit( '203.0.113.7', 2, 600, 1700000201 )['allowed'] );
		$this->assertSame( array( 'allowed' => false, 'remaining' => 0, 'retry_after' => 198 ), $limiter->hit( '203.0.113.7', 2, 600, 1700000202 ) );
		$this->assertTrue( $limiter->hit( '203.0.113.7', 2, 600, 1700000400 )['allowed'], 'a new window starts at the next multiple of 600 s' );
		$this->assertStringNotContainsString( '203.0.113.7', json_encode( $GLOBALS['wp_test']['options'] ) );
	}

	public function test_the_limit_can_be_changed_with_a_filter() {
		add_filter(
			'affiliate_agent_session_rate_limit',
			static function () {
				return array( 'limit' => 1, 'window' => 60 );
			}
		);
		$controller = new Session_Controller( new Settings(), new Rate_Limiter( 'session' ) );
		$request    = new WP_REST_Request( 'POST', '', array( 'agentId' => 'agt_1' ) );
		$this->assertSame( 201, $controller->create( $request )->get_status() );
		$this->assertInstanceOf( WP_Error::class, $controller->create( $request ) );
	}

	public function test_an_unconnected_site_answers_503_without_minting() {
		delete_option( Settings::OPTION_SHARED_SECRET );
		$controller = new Session_Controller( new Settings(), new Rate_Limiter( 'session' ) );
		$error      = $controller->create( new WP_REST_Request( 'POST', '', array( 'agentId' => 'agt_1' ) ) );
		$this->assertSame( 503, $error->get_error_data()['status'] );
	}

	public function test_a_switched_off_agent_gets_no_visitor_token_and_an_agent_disabled_error() {
		// The real lookup the block renders from, answered by the service's agent list.
		$GLOBALS['wp_test']['http_response'] = static function () {
			return wp_test_http_answer(
				200,
				array(
					'agents' => array(
						array( 'id' => 'agt_off', 'name' => 'Off', 'enabled' => false ),
						array( 'id' => 'agt_on', 'name' => 'On', 'enabled' => true ),
					),
				)
			);
		};
		add_filter( 'affiliate_agent_chat_agent', array( new Chat_Agents( new Service_Client( new Settings() ) ), 'lookup' ), 10, 2 );
		$controller = new Session_Controller( new Settings(), new Rate_Limiter( 'session' ) );

		$refused = $controller->create( new WP_REST_Request( 'POST', '', array( 'agentId' => 'agt_off' ) ) );
		$this->assertInstanceOf( WP_Error::class, $refused );
		$this->assertSame( 'agent_disabled', $refused->get_error_code() );
		$this->assertSame( 409, $refused->get_error_data()['status'] );
		$this->assertArrayNotHasKey( 'token', (array) $refused->get_error_data() );

		$this->assertSame( 201, $controller->create( new WP_REST_Request( 'POST', '', array( 'agentId' => 'agt_on' ) ) )->get_status(), 'an enabled agent still gets its token' );
	}
}
