<?php
/**
 * Signed requests, docs/protocol.md section 1.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Security;

defined( 'ABSPATH' ) || exit;

/**
 * Builds the canonical string and the X-AA-* headers byte for byte as the service's
 * server/src/security/request-signing.ts does; tests/vectors/signing-vectors.json keeps them equal.
 */
class Request_Signer {

	const TOLERANCE_SECONDS = 300;

	/**
	 * Shared secret.
	 *
	 * @var string
	 */
	private $secret;

	/**
	 * Constructor.
	 *
	 * @param string $secret Shared secret.
	 */
	public function __construct( $secret ) {
		$this->secret = (string) $secret;
	}

	/**
	 * Capabilities as the header carries them: trimmed, unique, sorted, comma-joined.
	 *
	 * @param string[] $capabilities Capabilities.
	 * @return string
	 */
	public static function normalize_capabilities( array $capabilities ) {
		$clean = array_values( array_unique( array_filter( array_map( 'trim', array_map( 'strval', $capabilities ) ), 'strlen' ) ) );
		sort( $clean, SORT_STRING );
		return implode( ',', $clean );
	}

	/**
	 * The eight-line canonical string.
	 *
	 * @param string   $method          HTTP method.
	 * @param string   $path_with_query Path and query exactly as sent.
	 * @param int      $timestamp       Unix seconds.
	 * @param string   $nonce           32 hex characters.
	 * @param int      $user_id         Acting user (0 for the service).
	 * @param string[] $capabilities    Capabilities.
	 * @param string   $body            Raw body bytes.
	 * @return string
	 */
	public static function canonical_string( $method, $path_with_query, $timestamp, $nonce, $user_id, array $capabilities, $body ) {
		return implode(
			"\n",
			array(
				'v1',
				strtoupper( $method ),
				$path_with_query,
				(string) (int) $timestamp,
				$nonce,
				(string) (int) $user_id,
				self::normalize_capabilities( $capabilities ),
				hash( 'sha256', (string) $body ),
			)
		);
	}

	/**
	 * The X-AA-Signature value.
	 *
	 * @param string $canonical Canonical string.
	 * @return string
	 */
	public function signature( $canonical ) {
		return 'v1=' . hash_hmac( 'sha256', $canonical, $this->secret );
	}

	/**
	 * Headers for a signed request.
	 *
	 * @param string   $method          HTTP method.
	 * @param string   $path_with_query Path and query exactly as sent.
	 * @param string   $body            Raw body ('' when none).
	 * @param int      $user_id         Acting WordPress user.
	 * @param string[] $capabilities    The user's Affiliate Agent capabilities.
	 * @param int|null $now             Unix seconds (tests pin it).
	 * @param string   $nonce           Nonce (tests pin it); random when ''.
	 * @return array<string,string>
	 */
	public function headers( $method, $path_with_query, $body, $user_id, array $capabilities, $now = null, $nonce = '' ) {
		$timestamp = null === $now ? time() : (int) $now;
		$nonce     = '' === $nonce ? bin2hex( random_bytes( 16 ) ) : $nonce;
		return array(
			'X-AA-Timestamp'    => (string) $timestamp,
			'X-AA-Nonce'        => $nonce,
			'X-AA-User'         => (string) (int) $user_id,
			'X-AA-Capabilities' => self::normalize_capabilities( $capabilities ),
			'X-AA-Signature'    => $this->signature( self::canonical_string( $method, $path_with_query, $timestamp, $nonce, $user_id, $capabilities, $body ) ),
		);
	}
}
