<?php
/**
 * Connection settings: URLs, the shared secret and how it is shown.
 *
 * @package AffiliateAgent
 */

use AffiliateAgent\Service\Service_Client;
use AffiliateAgent\Settings\Connection_Tester;
use AffiliateAgent\Settings\Settings;
use AffiliateAgent\Settings\Settings_Page;
use PHPUnit\Framework\TestCase;

class SettingsTest extends TestCase {

	private $settings;
	private $page;

	protected function setUp(): void {
		wp_test_reset();
		$this->settings = new Settings();
		$this->page     = new Settings_Page( $this->settings, new Connection_Tester( $this->settings, new Service_Client( $this->settings ) ) );
	}

	public function test_a_pasted_secret_and_url_are_saved_and_the_site_counts_as_connected() {
		$errors = $this->page->apply_form( array( 'service_url' => 'http://127.0.0.1:8787/', 'shared_secret' => str_repeat( 'k', 43 ) ), 1 );
		$this->assertSame( array(), $errors );
		$this->assertSame( 'http://127.0.0.1:8787', $this->settings->service_url() );
		$this->assertSame( 'http://127.0.0.1:8787', $this->settings->public_service_url(), 'visitors use the same URL unless told otherwise' );
		$this->assertTrue( $this->settings->is_configured() );
	}

	public function test_an_empty_secret_field_keeps_the_saved_secret_and_a_short_one_is_refused() {
		$this->page->apply_form( array( 'service_url' => 'https://agent.example', 'shared_secret' => str_repeat( 'a', 40 ) ), 1 );
		$this->assertSame( array(), $this->page->apply_form( array( 'service_url' => 'https://agent.example', 'shared_secret' => '' ), 1 ) );
		$this->assertSame( str_repeat( 'a', 40 ), $this->settings->shared_secret() );

		$errors = $this->page->apply_form( array( 'service_url' => 'https://agent.example', 'shared_secret' => 'too-short' ), 1 );
		$this->assertCount( 1, $errors );
		$this->assertStringContainsString( 'at least 32 characters', $errors[0] );
		$this->assertSame( str_repeat( 'a', 40 ), $this->settings->shared_secret() );
	}

	public function test_a_generated_secret_is_saved_and_kept_for_the_one_screen_that_shows_it() {
		$this->page->apply_form( array( 'service_url' => 'https://agent.example', 'generate_secret' => '1' ), 7 );
		$secret = $this->settings->shared_secret();
		$this->assertMatchesRegularExpression( '/^[A-Za-z0-9_-]{43}$/', $secret, '32 random bytes, base64url, as the service generates them' );
		$this->assertSame( $secret, get_transient( 'affiliate_agent_generated_secret_7' ) );
	}

	public function test_urls_must_be_http_without_query_and_a_bad_one_changes_nothing() {
		$this->page->apply_form( array( 'service_url' => 'https://agent.example' ), 1 );
		foreach ( array( 'ftp://agent.example', 'agent.example', 'https://agent.example/?x=1', 'javascript:alert(1)' ) as $bad ) {
			$this->assertCount( 1, $this->page->apply_form( array( 'service_url' => $bad ), 1 ), $bad );
		}
		$this->assertSame( 'https://agent.example', $this->settings->service_url() );
		$this->assertSame( 'https://agent.example/base', Settings::normalize_url( ' https://agent.example/base/ ' ) );
	}

	public function test_no_part_of_the_secret_is_ever_shown_back() {
		$secret = 'abcdefghijklmnopqrstuvwxyz0123456789WXYZ';
		$masked = Settings::mask( $secret );
		foreach ( str_split( $secret ) as $character ) {
			$this->assertStringNotContainsString( $character, $masked );
		}
		$this->assertSame( $masked, Settings::mask( 'short-secret-1234' ), 'the mask does not reveal the length either' );
		$this->assertSame( '', Settings::mask( '' ) );
	}

	public function test_the_clock_skew_is_measured_against_the_middle_of_the_round_trip() {
		$this->assertSame( 0, Connection_Tester::skew( 1000, 999, 1001 ) );
		$this->assertSame( 400, Connection_Tester::skew( 1400, 999, 1001 ) );
		$this->assertSame( -301, Connection_Tester::skew( 700, 1000, 1002 ) );
	}

	public function test_the_connection_test_reports_reachability_version_skew_and_signature() {
		$this->page->apply_form( array( 'service_url' => 'http://127.0.0.1:8787', 'shared_secret' => str_repeat( 's', 40 ) ), 1 );
		wp_test_log_in( 1, array( 'aa_manage_agents', 'aa_review_leads' ) );
		$GLOBALS['wp_test']['http_response'] = static function ( $url ) {
			return false !== strpos( $url, '/health' )
				? wp_test_http_answer( 200, array( 'status' => 'ok', 'version' => '0.1.0', 'time' => gmdate( 'c', time() + 42 ) ) )
				: wp_test_http_answer( 401, array( 'error' => array( 'code' => 'signature_invalid', 'message' => 'The request signature does not match.' ) ) );
		};
		$report = ( new Connection_Tester( $this->settings, new Service_Client( $this->settings ) ) )->run( 1 );
		$this->assertTrue( $report['reachable'] );
		$this->assertSame( '0.1.0', $report['version'] );
		$this->assertEqualsWithDelta( 42, $report['clockSkewSeconds'], 2 );
		$this->assertFalse( $report['signatureAccepted'] );
		$this->assertFalse( $report['ok'] );
		$this->assertStringContainsString( 'signature does not match', implode( ' ', $report['messages'] ) );
	}
}
