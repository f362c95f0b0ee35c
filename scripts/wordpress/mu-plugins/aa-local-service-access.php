<?php
/**
 * Plugin Name: Affiliate Agent — local service access (development and tests only)
 * Description: Lets WordPress reach the Affiliate Agent service on 127.0.0.1 while all other outbound HTTP stays blocked.
 *
 * The local site defines WP_HTTP_BLOCK_EXTERNAL so WordPress never calls the internet (update checks
 * otherwise stall wp-admin offline). Requests to the site's own host pass that block, but
 * wp_safe_remote_*() still refuses loopback addresses and ports other than 80/443/8080, and the
 * local service listens on an ephemeral port. On a real site the service has its own public URL and
 * this file is not needed.
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

function aa_local_service_is_loopback( $host ) {
	return in_array( strtolower( (string) $host ), array( '127.0.0.1', 'localhost', '::1' ), true );
}

add_filter(
	'http_request_host_is_external',
	static function ( $is_external, $host ) {
		return $is_external || aa_local_service_is_loopback( $host );
	},
	10,
	2
);

add_filter(
	'http_allowed_safe_ports',
	static function ( $ports, $host, $url ) {
		$port = wp_parse_url( $url, PHP_URL_PORT );
		if ( is_array( $ports ) && $port && aa_local_service_is_loopback( $host ) ) {
			$ports[] = (int) $port;
		}
		return $ports;
	},
	10,
	3
);
