<?php
/**
 * The connection key: the service URL and the shared secret in one string to paste.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * The service prints `aak1_` + base64url(JSON {"url","secret"}) at its first start in a terminal
 * and at any time with `npm run connection-key`. One field instead of two means an owner cannot
 * paste a secret that belongs to another service, and the version prefix lets a later format be
 * told apart instead of being misread.
 */
class Connection_Key {

	const PREFIX = 'aak1_';

	/**
	 * Reads a key.
	 *
	 * @param string $key Pasted key; whitespace around it (and line breaks from a terminal) is ignored.
	 * @return array{url:string, secret:string}
	 * @throws \InvalidArgumentException With a message that says what a valid key looks like.
	 */
	public static function parse( $key ) {
		$key = preg_replace( '/\s+/', '', (string) $key );
		if ( '' === $key ) {
			throw new \InvalidArgumentException( __( 'Paste the connection key the service printed (it starts with aak1_). Run `npm run connection-key` where the service runs to see it again.', 'affiliate-agent' ) );
		}
		if ( 0 !== strpos( $key, self::PREFIX ) ) {
			throw new \InvalidArgumentException( __( 'This is not a connection key: a key starts with aak1_. Run `npm run connection-key` where the service runs and paste the whole line.', 'affiliate-agent' ) );
		}
		$payload = substr( $key, strlen( self::PREFIX ) );
		$json    = preg_match( '/^[A-Za-z0-9_-]+$/', $payload ) ? base64_decode( strtr( $payload, '-_', '+/' ), true ) : false;
		$decoded = false === $json ? null : json_decode( $json, true );
		if ( ! is_array( $decoded ) || ! isset( $decoded['url'], $decoded['secret'] ) || ! is_string( $decoded['url'] ) || ! is_string( $decoded['secret'] ) ) {
			throw new \InvalidArgumentException( __( 'The connection key is incomplete or damaged. Copy it again in one piece (it starts with aak1_) from `npm run connection-key`.', 'affiliate-agent' ) );
		}
		$url = Settings::normalize_url( $decoded['url'] );
		if ( null === $url ) {
			throw new \InvalidArgumentException( __( 'The connection key holds a service URL that is not http:// or https://. Set AA_PUBLIC_URL on the service and print the key again.', 'affiliate-agent' ) );
		}
		if ( strlen( $decoded['secret'] ) < Settings::MIN_SECRET_LENGTH || preg_match( '/\s/', $decoded['secret'] ) ) {
			/* translators: %d: minimum length. */
			throw new \InvalidArgumentException( sprintf( __( 'The secret in this connection key is shorter than %d characters; the service never prints such a key. Copy it again from `npm run connection-key`.', 'affiliate-agent' ), Settings::MIN_SECRET_LENGTH ) );
		}
		return array(
			'url'    => $url,
			'secret' => $decoded['secret'],
		);
	}

	/**
	 * Builds a key (tests, and the same format the service prints).
	 *
	 * @param string $url    Service URL.
	 * @param string $secret Shared secret.
	 * @return string
	 */
	public static function build( $url, $secret ) {
		$json = (string) wp_json_encode(
			array(
				'url'    => $url,
				'secret' => $secret,
			),
			JSON_UNESCAPED_SLASHES
		);
		return self::PREFIX . rtrim( strtr( base64_encode( $json ), '+/', '-_' ), '=' );
	}
}
