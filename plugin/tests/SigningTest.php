<?php
/**
 * Signing and verification against tests/vectors/signing-vectors.json, the same vectors the
 * service's server/test/signing-vectors.test.ts checks.
 *
 * @package AffiliateAgent
 */

use AffiliateAgent\Security\Request_Signer;
use AffiliateAgent\Security\Signature_Exception;
use AffiliateAgent\Security\Signature_Verifier;
use AffiliateAgent\Security\Token_Minter;
use AffiliateAgent\Security\Transient_Nonce_Store;
use PHPUnit\Framework\TestCase;

class SigningTest extends TestCase {

	private static function vectors() {
		return json_decode( file_get_contents( dirname( __DIR__, 2 ) . '/tests/vectors/signing-vectors.json' ), true );
	}

	public static function request_vectors() {
		$cases = array();
		foreach ( self::vectors()['requests'] as $vector ) {
			$cases[ $vector['name'] ] = array( $vector );
		}
		return $cases;
	}

	protected function setUp(): void {
		wp_test_reset();
	}

	/**
	 * @dataProvider request_vectors
	 */
	public function test_the_canonical_string_and_signature_match_the_service_byte_for_byte( array $vector ) {
		$canonical = Request_Signer::canonical_string( $vector['method'], $vector['pathWithQuery'], $vector['timestamp'], $vector['nonce'], $vector['userId'], $vector['capabilities'], $vector['body'] );
		$this->assertSame( $vector['expected']['canonical'], $canonical );
		$this->assertSame( $vector['expected']['capabilitiesHeader'], Request_Signer::normalize_capabilities( $vector['capabilities'] ) );

		$signer = new Request_Signer( self::vectors()['secret'] );
		$this->assertSame(
			array(
				'X-AA-Timestamp'    => (string) $vector['timestamp'],
				'X-AA-Nonce'        => $vector['nonce'],
				'X-AA-User'         => (string) $vector['userId'],
				'X-AA-Capabilities' => $vector['expected']['capabilitiesHeader'],
				'X-AA-Signature'    => $vector['expected']['signature'],
			),
			$signer->headers( $vector['method'], $vector['pathWithQuery'], $vector['body'], $vector['userId'], $vector['capabilities'], $vector['timestamp'], $vector['nonce'] )
		);
	}

	/**
	 * @dataProvider request_vectors
	 */
	public function test_the_verifier_accepts_each_vector_once_and_calls_a_second_use_a_replay( array $vector ) {
		$verifier = new Signature_Verifier( self::vectors()['secret'], new Transient_Nonce_Store() );
		$headers  = self::headers_of( $vector['timestamp'], $vector['nonce'], $vector['userId'], $vector['expected']['capabilitiesHeader'], $vector['expected']['signature'] );

		$actor = $verifier->verify( $vector['method'], $vector['pathWithQuery'], $headers, $vector['body'], $vector['timestamp'] + 10 );
		$this->assertSame( $vector['userId'], $actor['user_id'] );

		$this->assertRefused( 'signature_replayed', $verifier, $vector['method'], $vector['pathWithQuery'], $headers, $vector['body'], $vector['timestamp'] + 20 );
	}

	public function test_a_request_changed_after_signing_is_refused_as_invalid() {
		foreach ( self::vectors()['tamperedRequests'] as $vector ) {
			$verifier = new Signature_Verifier( self::vectors()['secret'], new Transient_Nonce_Store() );
			$headers  = self::headers_of( $vector['timestamp'], $vector['nonce'], $vector['userId'], Request_Signer::normalize_capabilities( $vector['capabilities'] ), $vector['signature'] );
			$this->assertRefused( 'signature_invalid', $verifier, $vector['method'], $vector['pathWithQuery'], $headers, $vector['body'], $vector['timestamp'], $vector['name'] );
		}
	}

	public function test_a_refused_signature_does_not_burn_the_nonce() {
		$vector   = self::vectors()['requests'][1];
		$verifier = new Signature_Verifier( self::vectors()['secret'], new Transient_Nonce_Store() );
		$headers  = self::headers_of( $vector['timestamp'], $vector['nonce'], $vector['userId'], $vector['expected']['capabilitiesHeader'], $vector['expected']['signature'] );
		$this->assertRefused( 'signature_invalid', $verifier, $vector['method'], $vector['pathWithQuery'], $headers, $vector['body'] . ' ', $vector['timestamp'] );
		$this->assertSame( 1, $verifier->verify( $vector['method'], $vector['pathWithQuery'], $headers, $vector['body'], $vector['timestamp'] )['user_id'] );
	}

	public function test_missing_headers_expired_timestamps_and_malformed_nonces_are_refused_with_their_codes() {
		$vector   = self::vectors()['requests'][0];
		$verifier = new Signature_Verifier( self::vectors()['secret'], new Transient_Nonce_Store() );
		$headers  = self::headers_of( $vector['timestamp'], $vector['nonce'], $vector['userId'], $vector['expected']['capabilitiesHeader'], $vector['expected']['signature'] );

		$without_signature = $headers;
		unset( $without_signature['x-aa-signature'] );
		$this->assertRefused( 'signature_missing', $verifier, $vector['method'], $vector['pathWithQuery'], $without_signature, '', $vector['timestamp'] );

		$error = $this->assertRefused( 'signature_expired', $verifier, $vector['method'], $vector['pathWithQuery'], $headers, '', $vector['timestamp'] + 301 );
		$this->assertStringContainsString( '301 s behind', $error->getMessage(), 'the message names the skew so a wrong clock is easy to spot' );
		$this->assertRefused( 'signature_expired', $verifier, $vector['method'], $vector['pathWithQuery'], $headers, '', $vector['timestamp'] - 400 );

		$bad_nonce                 = $headers;
		$bad_nonce['x-aa-nonce']   = 'NOT-HEX';
		$this->assertRefused( 'signature_invalid', $verifier, $vector['method'], $vector['pathWithQuery'], $bad_nonce, '', $vector['timestamp'] );

		// At exactly the tolerance the request is still good.
		$this->assertSame( 7, $verifier->verify( $vector['method'], $vector['pathWithQuery'], $headers, '', $vector['timestamp'] + 300 )['user_id'] );
	}

	public function test_with_a_persistent_object_cache_nonces_are_claimed_atomically_there() {
		$GLOBALS['wp_test']['ext_cache'] = true;
		$store                           = new Transient_Nonce_Store();
		$this->assertTrue( $store->claim( str_repeat( 'a', 32 ), 600 ) );
		$this->assertFalse( $store->claim( str_repeat( 'a', 32 ), 600 ) );
		$this->assertSame( array(), array_filter( array_keys( $GLOBALS['wp_test']['options'] ), static function ( $name ) {
			return false !== strpos( $name, 'aa_nonce' );
		} ) );
	}

	public function test_a_nonce_is_remembered_until_its_window_has_passed() {
		$store                     = new Transient_Nonce_Store( 'wp_test_now' );
		$GLOBALS['wp_test']['now'] = 1700000000;
		$this->assertTrue( $store->claim( str_repeat( 'b', 32 ), 600 ) );
		$GLOBALS['wp_test']['now'] = 1700000599;
		$this->assertFalse( $store->claim( str_repeat( 'b', 32 ), 600 ) );
		$GLOBALS['wp_test']['now'] = 1700000601;
		$this->assertTrue( $store->claim( str_repeat( 'b', 32 ), 600 ) );
	}

	public function test_visitor_and_admin_tokens_are_minted_exactly_as_the_service_mints_them() {
		$vectors = self::vectors();
		$minter  = new Token_Minter( $vectors['secret'] );
		foreach ( array_merge( $vectors['visitorTokens'], $vectors['adminTokens'] ) as $vector ) {
			$this->assertSame( $vector['expectedToken'], $minter->mint( $vector['payload'] ) );
		}
		$visitor = $vectors['visitorTokens'][0]['payload'];
		$this->assertSame(
			$vectors['visitorTokens'][0]['expectedToken'],
			$minter->visitor_token( $visitor['agent'], $visitor['visitor'], $visitor['origin'], $visitor['iat'] )['token'],
			'visitor_token() builds the payload in the protocol\'s key order with a one-hour lifetime'
		);
		$admin = $vectors['adminTokens'][0]['payload'];
		$this->assertSame(
			$vectors['adminTokens'][0]['expectedToken'],
			$minter->admin_token( $admin['user'], array( 'aa_manage_agents' ), $admin['iat'] )['token'],
			'admin_token() lives 900 s'
		);
	}

	public function test_visitor_tokens_never_live_longer_than_a_day() {
		$minter  = new Token_Minter( self::vectors()['secret'] );
		$minted  = $minter->visitor_token( 'agt_1', Token_Minter::new_visitor_id(), 'https://shop.example', 1000, 999999 );
		$payload = json_decode( base64_decode( strtr( explode( '.', $minted['token'] )[0], '-_', '+/' ) ), true );
		$this->assertSame( 86400, $payload['exp'] - $payload['iat'] );
		$this->assertMatchesRegularExpression( '/^vis_[a-f0-9]{32}$/', $payload['visitor'] );
	}

	private static function headers_of( $timestamp, $nonce, $user, $capabilities, $signature ) {
		return array(
			'x-aa-timestamp'    => (string) $timestamp,
			'x-aa-nonce'        => $nonce,
			'x-aa-user'         => (string) $user,
			'x-aa-capabilities' => $capabilities,
			'x-aa-signature'    => $signature,
		);
	}

	private function assertRefused( $code, Signature_Verifier $verifier, $method, $path, array $headers, $body, $now, $message = '' ) {
		try {
			$verifier->verify( $method, $path, $headers, $body, $now );
		} catch ( Signature_Exception $error ) {
			$this->assertSame( $code, $error->error_code(), $message );
			return $error;
		}
		$this->fail( "Expected $code. $message" );
	}
}
