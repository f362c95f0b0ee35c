<?php
/**
 * Connection settings: URLs, the shared secret and how it is shown.
 *
 * @package AffiliateAgent
 */

use AffiliateAgent\Service\Service_Client;
use AffiliateAgent\Settings\Connection_Key;
use AffiliateAgent\Settings\Connection_Setup;
use AffiliateAgent\Settings\Connection_Tester;
use AffiliateAgent\Settings\Settings;
use AffiliateAgent\Settings\Settings_Page;
use PHPUnit\Framework\TestCase;

class SettingsTest extends TestCase {

	private $settings;
	private $setup;

	protected function setUp(): void {
		wp_test_reset();
		$this->settings = new Settings();
		$service        = new Service_Client( $this->settings );
		$this->setup    = new Connection_Setup( $this->settings, new Connection_Tester( $this->settings, $service ), $service );
		wp_test_log_in( 1, array( 'aa_manage_agents', 'aa_review_leads' ) );
	}

	/** A service that answers /health, accepts signatures and keeps its delivery settings in $store. */
	private function healthy_service( array &$store ) {
		$GLOBALS['wp_test']['http_response'] = static function ( $url, $args ) use ( &$store ) {
			if ( false !== strpos( $url, '/health' ) ) {
				return wp_test_http_answer( 200, array( 'status' => 'ok', 'version' => '0.1.0', 'time' => gmdate( 'c' ) ) );
			}
			if ( false !== strpos( $url, '/v1/settings/delivery' ) ) {
				if ( 'PATCH' === $args['method'] ) {
					$store = array_replace_recursive( $store, json_decode( $args['body'], true ) );
				}
				return wp_test_http_answer( 200, array( 'settings' => $store ) );
			}
			return wp_test_http_answer( 200, array( 'agents' => array() ) );
		};
	}

	public function test_a_connection_key_is_saved_tested_and_pairs_the_service_with_this_site_in_one_step() {
		$store = array( 'wordpress' => array( 'siteUrl' => null ) );
		$this->healthy_service( $store );
		$report = $this->setup->connect( Connection_Key::build( 'http://127.0.0.1:8787/', str_repeat( 'k', 43 ) ), null, 1 );
		$this->assertTrue( $report['ok'] );
		$this->assertTrue( $this->settings->is_configured() );
		$this->assertSame( 'http://127.0.0.1:8787', $this->settings->service_url() );
		$this->assertSame( str_repeat( 'k', 43 ), $this->settings->shared_secret() );
		$this->assertSame( untrailingslashit( home_url() ), $store['wordpress']['siteUrl'] );
		$state = $this->setup->state();
		$this->assertNotSame( '', $state['secretHint'] );
		$this->assertStringNotContainsString( str_repeat( 'k', 10 ), $state['secretHint'] );
	}

	public function test_a_site_address_the_owner_already_gave_the_service_is_left_alone() {
		$store = array( 'wordpress' => array( 'siteUrl' => 'http://wordpress.internal' ) );
		$this->healthy_service( $store );
		$this->setup->connect( Connection_Key::build( 'https://agent.example', str_repeat( 'k', 43 ) ), null, 1 );
		$this->assertSame( 'http://wordpress.internal', $store['wordpress']['siteUrl'] );
		// The public address still reaches the service: referral links are built on it, never on an internal one.
		$this->assertSame( 'https://shop.example', $store['wordpress']['homeUrl'] );
	}

	public function test_the_sites_language_reaches_the_service_so_numbers_in_emails_read_as_on_the_site() {
		$GLOBALS['wp_test']['locale'] = 'de_DE';
		$store                        = array( 'wordpress' => array( 'siteUrl' => 'http://wordpress.internal' ) );
		$this->healthy_service( $store );
		$this->setup->connect( Connection_Key::build( 'https://agent.example', str_repeat( 'k', 43 ) ), null, 1 );
		$this->assertSame( 'de-DE', $store['wordpress']['locale'] );
	}

	public function test_a_key_that_cannot_be_read_is_refused_with_a_reason_and_changes_nothing() {
		$store = array();
		$this->healthy_service( $store );
		$this->setup->connect( Connection_Key::build( 'https://agent.example', str_repeat( 'a', 40 ) ), null, 1 );
		$bad = array(
			'secret-from-the-console'                   => 'not a connection key',
			'aak1_%%%'                                  => 'incomplete or damaged',
			'aak1_' . rtrim( base64_encode( '{"url":"x"}' ), '=' ) => 'incomplete or damaged',
			Connection_Key::build( 'ftp://agent.example', str_repeat( 'b', 40 ) ) => 'not http',
			Connection_Key::build( 'https://other.example', 'short' ) => 'shorter than 32',
		);
		foreach ( $bad as $key => $reason ) {
			try {
				$this->setup->connect( $key, null, 1 );
				$this->fail( 'accepted: ' . $key );
			} catch ( \InvalidArgumentException $error ) {
				$this->assertStringContainsString( $reason, $error->getMessage(), (string) $key );
			}
		}
		$this->assertSame( 'https://agent.example', $this->settings->service_url() );
		$this->assertSame( str_repeat( 'a', 40 ), $this->settings->shared_secret() );
		$this->expectExceptionMessage( 'starts with aak1_' );
		Connection_Key::parse( " \n" );
	}

	public function test_a_key_copied_from_a_terminal_with_line_breaks_still_reads() {
		$key    = Connection_Key::build( 'https://agent.example', str_repeat( 'c', 43 ) );
		$parsed = Connection_Key::parse( "  \n" . chunk_split( $key, 20, "\n" ) );
		$this->assertSame( array( 'url' => 'https://agent.example', 'secret' => str_repeat( 'c', 43 ) ), $parsed );
	}

	public function test_a_readable_key_is_kept_when_the_service_is_down_and_the_report_says_so() {
		$GLOBALS['wp_test']['http_response'] = new WP_Error( 'http_request_failed', 'cURL error 7: Failed to connect' );
		$report = $this->setup->connect( Connection_Key::build( 'https://agent.example', str_repeat( 'd', 43 ) ), '', 1 );
		$this->assertFalse( $report['ok'] );
		$this->assertFalse( $report['reachable'] );
		$this->assertStringContainsString( 'cannot be reached', implode( ' ', $report['messages'] ) );
		$this->assertTrue( $this->settings->is_configured() );
	}

	public function test_an_empty_key_keeps_the_saved_connection_and_only_changes_the_public_url() {
		$store = array();
		$this->healthy_service( $store );
		$this->setup->connect( Connection_Key::build( 'https://agent.example', str_repeat( 'e', 43 ) ), null, 1 );
		$this->setup->connect( '', 'https://chat.example/', 1 );
		$this->assertSame( 'https://agent.example', $this->settings->service_url() );
		$this->assertSame( 'https://chat.example', $this->settings->public_service_url() );
		$this->expectException( \InvalidArgumentException::class );
		$this->setup->connect( '', 'chat.example?x=1', 1 );
	}

	public function test_the_old_options_page_and_every_reminder_point_to_the_apps_settings_screen() {
		$this->assertSame( home_url( '/wp-admin/admin.php?page=affiliate-agent' ) . '#/settings', Settings_Page::url() );
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
		update_option( Settings::OPTION_SERVICE_URL, 'http://127.0.0.1:8787' );
		update_option( Settings::OPTION_SHARED_SECRET, str_repeat( 's', 40 ) );
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
