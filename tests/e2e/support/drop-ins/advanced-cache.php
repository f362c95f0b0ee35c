<?php
/**
 * A full-page cache, as WP Super Cache or a CDN would serve it (tests only).
 *
 * WordPress loads advanced-cache.php before almost anything else when WP_CACHE is on; this one
 * answers from wp-content/cache/aa-e2e/<path>/index.html when such a file exists and stops, so the
 * visitor gets yesterday's HTML without WordPress running at all. The test writes the file.
 * It proves the chat block works from cached HTML: nothing in it may be per-visitor or expiring.
 */

if ( 'GET' === ( isset( $_SERVER['REQUEST_METHOD'] ) ? $_SERVER['REQUEST_METHOD'] : '' ) && empty( $_COOKIE ) ) {
	$aa_cache_path = rtrim( (string) parse_url( isset( $_SERVER['REQUEST_URI'] ) ? $_SERVER['REQUEST_URI'] : '/', PHP_URL_PATH ), '/' );
	$aa_cache_file = WP_CONTENT_DIR . '/cache/aa-e2e' . ( '' === $aa_cache_path ? '' : $aa_cache_path ) . '/index.html';
	if ( false === strpos( $aa_cache_path, '..' ) && is_file( $aa_cache_file ) ) {
		header( 'Content-Type: text/html; charset=UTF-8' );
		header( 'X-AA-E2E-Cache: HIT' );
		readfile( $aa_cache_file );
		exit;
	}
}
