<?php
/**
 * Plugin Name: Affiliate Agent — offline internet (development and tests only)
 * Description: Answers every outbound HTTP request to a non-loopback host with "503 offline" at once.
 *
 * The local site has no internet. WP_HTTP_BLOCK_EXTERNAL alone makes core's update and API checks
 * fail with WP_Error, which wp-admin reports as PHP warnings ("could not establish a secure
 * connection to WordPress.org") — noise that would hide the plugin's own notices. A plain 503
 * is what core expects from a server that is down, and it handles that silently.
 * Requests to 127.0.0.1 (the Affiliate Agent service, the site itself) pass through untouched.
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

add_filter(
	'pre_http_request',
	static function ( $response, $args, $url ) {
		$host = strtolower( (string) wp_parse_url( $url, PHP_URL_HOST ) );
		if ( false !== $response || in_array( $host, array( '127.0.0.1', 'localhost', '::1', '[::1]' ), true ) ) {
			return $response;
		}
		return array(
			'headers'  => array(),
			'body'     => '',
			'response' => array(
				'code'    => 503,
				'message' => 'Service Unavailable (offline)',
			),
			'cookies'  => array(),
			'filename' => null,
		);
	},
	1,
	3
);

/*
 * Features that only exist online: the block directory (the inserter searches wordpress.org and
 * shows a server error offline) and the dashboard's "Events and News" feeds (SimplePie warns about
 * the missing answer). An offline site simply does not offer them.
 */
add_action(
	'init',
	static function () {
		remove_action( 'enqueue_block_editor_assets', 'wp_enqueue_editor_block_directory_assets' );
	}
);
add_action(
	'wp_dashboard_setup',
	static function () {
		remove_meta_box( 'dashboard_primary', 'dashboard', 'side' );
	}
);
