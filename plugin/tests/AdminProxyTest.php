<?php
/**
 * The admin proxy forwards signed requests and maps the service's answers.
 *
 * @package AffiliateAgent
 */

use AffiliateAgent\Rest\Admin_Proxy_Controller;
use AffiliateAgent\Rest\Raw_Body;
use AffiliateAgent\Security\Signature_Verifier;
use AffiliateAgent\Security\Transient_Nonce_Store;
use AffiliateAgent\Service\Service_Client;
use AffiliateAgent\Settings\Settings;
use PHPUnit\Framework\TestCase;

class AdminProxyTest extends TestCase {

	const SECRET = 'proxy-test-secret-0123456789abcdefghijkl';

	private $proxy;

	protected function setUp(): void {
		wp_test_reset();
		update_option( Settings::OPTION_SERVICE_URL, 'http://127.0.0.1:8787/base' );
		update_option( Settings::OPTION_SHARED_SECRET, self::SECRET );
		$this->proxy = new Admin_Proxy_Controller( new Service_Client( new Settings() ) );
		wp_test_log_in( 3, array( 'read', 'aa_review_leads' ) );
	}

	public function test_a_reviewers_request_reaches_the_service_signed_with_their_id_and_capabilities() {
		$GLOBALS['wp_test']['http_response'] = wp_test_http_answer( 200, array( 'leads' => array(), 'nextCursor' => null ) );
		$request                              = new WP_REST_Request(
			'GET',
			'/affiliate-agent/v1/admin/leads',
			array( 'path' => 'leads' ),
			array( 'status' => 'new', 'q' => 'jane@example.com', 'tag' => array( 'vip', 'priority' ), '_locale' => 'user' )
		);
		$response = $this->proxy->forward( $request );

		$this->assertInstanceOf( WP_REST_Response::class, $response );
		$this->assertSame( 200, $response->get_status() );
		$sent = $GLOBALS['wp_test']['http_requests'][0];
		$this->assertSame( 'http://127.0.0.1:8787/base/v1/leads?status=new&q=jane%40example.com&tag=vip&tag=priority', $sent['url'], 'WordPress\'s own _locale stays behind; lists become repeated keys' );
		$this->assertSame( '3', $sent['args']['headers']['X-AA-User'] );
		$this->assertSame( 'aa_review_leads', $sent['args']['headers']['X-AA-Capabilities'] );
		$this->assertSame( 0, $sent['args']['redirection'] );

		// The service, verifying what arrived (its path includes the base path), accepts it.
		$verifier = new Signature_Verifier( self::SECRET, new Transient_Nonce_Store() );
		$actor    = $verifier->verify( 'GET', '/base/v1/leads?status=new&q=jane%40example.com&tag=vip&tag=priority', array_change_key_case( $sent['args']['headers'], CASE_LOWER ), '' );
		$this->assertSame( array( 'aa_review_leads' ), $actor['capabilities'] );
	}

	public function test_the_raw_json_body_is_forwarded_and_signed_unchanged() {
		wp_test_log_in( 1, array( 'aa_manage_agents', 'aa_review_leads' ) );
		$GLOBALS['wp_test']['http_response'] = wp_test_http_answer( 201, '{"agent":{"id":"agt_1","appearance":{}}}' );
		$body                                 = '{"name":"Zoë\'s agent",  "greeting":"Hi"}';
		$response                             = $this->proxy->forward( new WP_REST_Request( 'POST', '', array( 'path' => 'agents' ), array(), $body ) );

		$sent = $GLOBALS['wp_test']['http_requests'][0];
		$this->assertSame( $body, $sent['args']['body'] );
		$this->assertSame( 'application/json', $sent['args']['headers']['Content-Type'] );
		$this->assertSame( 'aa_manage_agents,aa_review_leads', $sent['args']['headers']['X-AA-Capabilities'] );
		$verifier = new Signature_Verifier( self::SECRET, new Transient_Nonce_Store() );
		$this->assertSame( 1, $verifier->verify( 'POST', '/base/v1/agents', array_change_key_case( $sent['args']['headers'], CASE_LOWER ), $body )['user_id'] );

		$this->assertSame( 201, $response->get_status() );
		$this->assertSame( '{"agent":{"id":"agt_1","appearance":{}}}', json_encode( $response->get_data() ), 'an empty object stays an object' );
	}

	public function test_the_leads_csv_export_passes_through_byte_for_byte() {
		$csv                                  = "id,email\r\nlead_1,jane@example.com\r\n";
		$GLOBALS['wp_test']['http_response'] = array(
			'response' => array( 'code' => 200 ),
			'headers'  => array( 'Content-Type' => 'text/csv; charset=utf-8', 'Content-Disposition' => 'attachment; filename="leads.csv"' ),
			'body'     => $csv,
		);
		$response = $this->proxy->forward( new WP_REST_Request( 'GET', '', array( 'path' => 'leads/export.csv' ) ) );

		$this->assertInstanceOf( Raw_Body::class, $response->get_data() );
		$this->assertSame( $csv, $response->get_data()->body );
		$this->assertSame( 'attachment; filename="leads.csv"', $response->get_headers()['Content-Disposition'] );
	}

	public function test_service_errors_keep_code_and_status_and_show_details_only_to_agent_managers() {
		$GLOBALS['wp_test']['http_response'] = wp_test_http_answer( 422, array( 'error' => array( 'code' => 'validation_error', 'message' => 'Invalid lead patch.', 'details' => array( array( 'path' => 'status' ) ) ) ) );
		$error                                = $this->proxy->forward( new WP_REST_Request( 'PATCH', '', array( 'path' => 'leads/lead_1' ), array(), '{"status":"nope"}' ) );
		$this->assertInstanceOf( WP_Error::class, $error );
		$this->assertSame( 'validation_error', $error->get_error_code() );
		$this->assertSame( 'Invalid lead patch.', $error->get_error_message() );
		$this->assertSame( array( 'status' => 422 ), $error->get_error_data() );

		wp_test_log_in( 1, array( 'aa_manage_agents', 'aa_review_leads' ) );
		$error = $this->proxy->forward( new WP_REST_Request( 'PATCH', '', array( 'path' => 'leads/lead_1' ), array(), '{"status":"nope"}' ) );
		$this->assertSame( array( array( 'path' => 'status' ) ), $error->get_error_data()['details'] );
	}

	public function test_a_signature_the_service_refuses_is_a_gateway_error_not_a_logout() {
		$GLOBALS['wp_test']['http_response'] = wp_test_http_answer( 401, array( 'error' => array( 'code' => 'signature_invalid', 'message' => 'The request signature does not match.' ) ) );
		$error                                = $this->proxy->forward( new WP_REST_Request( 'GET', '', array( 'path' => 'leads' ) ) );
		$this->assertSame( 'signature_invalid', $error->get_error_code() );
		$this->assertSame( 502, $error->get_error_data()['status'] );
	}

	public function test_an_unreachable_service_hides_the_internal_address_from_reviewers() {
		$GLOBALS['wp_test']['http_response'] = new WP_Error( 'http_request_failed', 'cURL error 7: Failed to connect to 127.0.0.1 port 8787' );
		$error                                = $this->proxy->forward( new WP_REST_Request( 'GET', '', array( 'path' => 'leads' ) ) );
		$this->assertSame( 'service_unreachable', $error->get_error_code() );
		$this->assertSame( array( 'status' => 502 ), $error->get_error_data() );
		$this->assertStringNotContainsString( '127.0.0.1', $error->get_error_message() );

		wp_test_log_in( 1, array( 'aa_manage_agents', 'aa_review_leads' ) );
		$error = $this->proxy->forward( new WP_REST_Request( 'GET', '', array( 'path' => 'leads' ) ) );
		$this->assertStringContainsString( 'Failed to connect', $error->get_error_data()['details']['error'] );
	}

	public function test_an_editor_listing_agents_gets_display_fields_only() {
		wp_test_log_in( 12, array( 'read', 'edit_posts' ) );
		$GLOBALS['wp_test']['http_response'] = wp_test_http_answer( 200, array( 'agents' => array( array( 'id' => 'agt_1', 'name' => 'Helper', 'instructions' => 'secret prompt', 'allowedOrigins' => array() ) ) ) );
		$response                             = $this->proxy->forward( new WP_REST_Request( 'GET', '', array( 'path' => 'agents' ) ) );
		$this->assertSame( array( 'id', 'name', 'enabled', 'greeting', 'language', 'appearance' ), array_keys( $response->get_data()['agents'][0] ) );
		$this->assertSame( 'aa_review_leads', $GLOBALS['wp_test']['http_requests'][0]['args']['headers']['X-AA-Capabilities'], 'asked with the read-only capability' );
	}

	public function test_without_settings_the_proxy_says_how_to_connect() {
		delete_option( Settings::OPTION_SHARED_SECRET );
		$error = $this->proxy->forward( new WP_REST_Request( 'GET', '', array( 'path' => 'leads' ) ) );
		$this->assertSame( 'service_not_configured', $error->get_error_code() );
		$this->assertSame( 503, $error->get_error_data()['status'] );
		$this->assertSame( array(), $GLOBALS['wp_test']['http_requests'] );
	}
}
