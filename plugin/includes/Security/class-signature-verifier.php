<?php
/**
 * Verifies requests the service signs (the bridge), docs/protocol.md section 1.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Security;

defined( 'ABSPATH' ) || exit;

/**
 * Checks in the protocol's order: headers present, clock within tolerance, signature, then the
 * nonce. The nonce is claimed only after the signature matched, or anyone could burn nonces.
 */
class Signature_Verifier {

	/**
	 * Shared secret.
	 *
	 * @var string
	 */
	private $secret;

	/**
	 * Nonce store.
	 *
	 * @var Nonce_Store
	 */
	private $nonces;

	/**
	 * Constructor.
	 *
	 * @param string      $secret Shared secret.
	 * @param Nonce_Store $nonces Nonce store.
	 */
	public function __construct( $secret, Nonce_Store $nonces ) {
		$this->secret = (string) $secret;
		$this->nonces = $nonces;
	}

	/**
	 * Verifies a request.
	 *
	 * @param string                $method          HTTP method.
	 * @param string                $path_with_query Path and query as received.
	 * @param array<string, string> $headers         Header values keyed by lower-case name.
	 * @param string                $body            Raw body.
	 * @param int|null              $now             Unix seconds (tests pin it).
	 * @return array{user_id:int, capabilities:string[]} The signed actor.
	 * @throws Signature_Exception When the request must be refused.
	 */
	public function verify( $method, $path_with_query, array $headers, $body, $now = null ) {
		$now       = null === $now ? time() : (int) $now;
		$timestamp = isset( $headers['x-aa-timestamp'] ) ? (string) $headers['x-aa-timestamp'] : '';
		$nonce     = isset( $headers['x-aa-nonce'] ) ? (string) $headers['x-aa-nonce'] : '';
		$user      = isset( $headers['x-aa-user'] ) ? (string) $headers['x-aa-user'] : '';
		$caps      = isset( $headers['x-aa-capabilities'] ) ? (string) $headers['x-aa-capabilities'] : '';
		$signature = isset( $headers['x-aa-signature'] ) ? (string) $headers['x-aa-signature'] : '';

		if ( '' === $timestamp || '' === $nonce || '' === $user || '' === $signature ) {
			throw new Signature_Exception( 'signature_missing', __( 'This route needs a request signed by the Affiliate Agent service (X-AA-* headers).', 'affiliate-agent' ) );
		}
		if ( '' === $this->secret ) {
			throw new Signature_Exception( 'signature_invalid', __( 'No shared secret is configured in the Affiliate Agent settings, so no signature can be verified.', 'affiliate-agent' ) );
		}
		if ( ! preg_match( '/^\d{1,12}$/', $timestamp ) || ! preg_match( '/^[0-9a-f]{32}$/', $nonce ) || ! preg_match( '/^\d{1,12}$/', $user ) ) {
			throw new Signature_Exception( 'signature_invalid', __( 'Signature headers are malformed: timestamp and user must be decimal, nonce 32 lowercase hex characters.', 'affiliate-agent' ) );
		}
		$skew = (int) $timestamp - $now;
		if ( abs( $skew ) > Request_Signer::TOLERANCE_SECONDS ) {
			throw new Signature_Exception(
				'signature_expired',
				sprintf(
					/* translators: 1: seconds of clock difference, 2: "ahead of" or "behind", 3: accepted seconds. */
					__( 'The request\'s timestamp is %1$d s %2$s this site\'s clock; at most %3$d s is accepted. Check both servers\' clocks.', 'affiliate-agent' ),
					abs( $skew ),
					$skew > 0 ? __( 'ahead of', 'affiliate-agent' ) : __( 'behind', 'affiliate-agent' ),
					Request_Signer::TOLERANCE_SECONDS
				)
			);
		}
		$capabilities = array_values( array_filter( explode( ',', $caps ), 'strlen' ) );
		$signer       = new Request_Signer( $this->secret );
		$expected     = $signer->signature( Request_Signer::canonical_string( $method, $path_with_query, (int) $timestamp, $nonce, (int) $user, $capabilities, $body ) );
		if ( ! hash_equals( $expected, $signature ) ) {
			throw new Signature_Exception( 'signature_invalid', __( 'The request signature does not match; check that the plugin and the service share the same secret.', 'affiliate-agent' ) );
		}
		// Remember the nonce for twice the window: a timestamp can be up to the tolerance in either direction.
		if ( ! $this->nonces->claim( $nonce, 2 * Request_Signer::TOLERANCE_SECONDS ) ) {
			throw new Signature_Exception( 'signature_replayed', __( 'This signed request was already used once; every request needs a new nonce.', 'affiliate-agent' ) );
		}
		return array(
			'user_id'      => (int) $user,
			'capabilities' => $capabilities,
		);
	}
}
