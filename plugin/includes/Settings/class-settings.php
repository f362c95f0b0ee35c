<?php
/**
 * Connection settings: where the service is and the secret both sides share.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * WordPress stores only how to reach the service; all agent data lives in the service.
 * wp-config.php constants win over the options so hosts and CI can pin them.
 */
class Settings {

	const OPTION_SERVICE_URL        = 'affiliate_agent_service_url';
	const OPTION_PUBLIC_SERVICE_URL = 'affiliate_agent_public_service_url';
	const OPTION_SHARED_SECRET      = 'affiliate_agent_shared_secret';
	const MIN_SECRET_LENGTH         = 32;

	/**
	 * Base URL WordPress uses to call the service, without trailing slash; '' when unset.
	 *
	 * @return string
	 */
	public function service_url() {
		$url = defined( 'AFFILIATE_AGENT_SERVICE_URL' ) ? (string) AFFILIATE_AGENT_SERVICE_URL : (string) get_option( self::OPTION_SERVICE_URL, '' );
		return untrailingslashit( $url );
	}

	/**
	 * Base URL visitors' browsers use; defaults to service_url() for single-host setups.
	 *
	 * @return string
	 */
	public function public_service_url() {
		$url = defined( 'AFFILIATE_AGENT_PUBLIC_SERVICE_URL' ) ? (string) AFFILIATE_AGENT_PUBLIC_SERVICE_URL : (string) get_option( self::OPTION_PUBLIC_SERVICE_URL, '' );
		return '' !== $url ? untrailingslashit( $url ) : $this->service_url();
	}

	/**
	 * The shared secret; '' when unset.
	 *
	 * @return string
	 */
	public function shared_secret() {
		return defined( 'AFFILIATE_AGENT_SHARED_SECRET' ) ? (string) AFFILIATE_AGENT_SHARED_SECRET : (string) get_option( self::OPTION_SHARED_SECRET, '' );
	}

	/**
	 * Whether a field is pinned in wp-config.php and cannot be edited on the settings screen.
	 *
	 * @param string $field 'service_url', 'public_service_url' or 'shared_secret'.
	 * @return bool
	 */
	public function is_pinned( $field ) {
		return defined( 'AFFILIATE_AGENT_' . strtoupper( $field ) );
	}

	/**
	 * Whether both the URL and a long enough secret are set.
	 *
	 * @return bool
	 */
	public function is_configured() {
		return '' !== $this->service_url() && strlen( $this->shared_secret() ) >= self::MIN_SECRET_LENGTH;
	}

	/**
	 * What may stand for a saved secret on screen: a fixed row of dots, no character of the secret
	 * and not its length (a screenshot or a shoulder must not shrink the search for it).
	 *
	 * @param string $secret Secret.
	 * @return string
	 */
	public static function mask( $secret ) {
		if ( '' === $secret ) {
			return '';
		}
		return str_repeat( '•', 12 );
	}

	/**
	 * A new random secret (32 bytes, base64url, 43 characters) like the service generates.
	 *
	 * @return string
	 */
	public static function generate_secret() {
		return rtrim( strtr( base64_encode( random_bytes( 32 ) ), '+/', '-_' ), '=' );
	}

	/**
	 * Validates a service URL: http(s), host present, no query or fragment.
	 *
	 * @param string $url Raw input.
	 * @return string|null Normalised URL or null when invalid.
	 */
	public static function normalize_url( $url ) {
		$url   = trim( (string) $url );
		$parts = wp_parse_url( $url );
		if ( ! is_array( $parts ) || empty( $parts['host'] ) || ! in_array( strtolower( isset( $parts['scheme'] ) ? $parts['scheme'] : '' ), array( 'http', 'https' ), true ) || isset( $parts['query'] ) || isset( $parts['fragment'] ) ) {
			return null;
		}
		return untrailingslashit( esc_url_raw( $url, array( 'http', 'https' ) ) );
	}

	/**
	 * Saves the service URLs.
	 *
	 * @param string $service_url        Normalised URL.
	 * @param string $public_service_url Normalised URL or ''.
	 */
	public function save_urls( $service_url, $public_service_url ) {
		update_option( self::OPTION_SERVICE_URL, $service_url, true );
		update_option( self::OPTION_PUBLIC_SERVICE_URL, $public_service_url, true );
	}

	/**
	 * Saves the secret; not autoloaded so it is read only when a request is signed.
	 *
	 * @param string $secret Secret of at least MIN_SECRET_LENGTH characters.
	 */
	public function save_secret( $secret ) {
		update_option( self::OPTION_SHARED_SECRET, $secret, false );
	}

	/**
	 * Origin of this site (scheme://host[:port]), as browsers send it in the Origin header.
	 *
	 * @return string
	 */
	public static function site_origin() {
		$parts  = wp_parse_url( home_url() );
		$scheme = strtolower( $parts['scheme'] );
		$origin = $scheme . '://' . strtolower( $parts['host'] );
		// Browsers leave the default port out of the Origin header, so must we.
		$default_port = 'https' === $scheme ? 443 : 80;
		return isset( $parts['port'] ) && (int) $parts['port'] !== $default_port ? $origin . ':' . $parts['port'] : $origin;
	}
}
