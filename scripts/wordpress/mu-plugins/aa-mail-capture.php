<?php
/**
 * Plugin Name: Affiliate Agent — mail capture (development and tests only)
 * Description: Writes every wp_mail() to a JSON-lines file instead of sending it.
 *
 * The local site has no mail transport; capturing keeps the site's real wp_mail() path (filters,
 * headers) while letting the demo show and the tests assert what would have been sent.
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

add_filter(
	'pre_wp_mail',
	static function ( $short_circuit, $attributes ) {
		if ( null !== $short_circuit || ! defined( 'AA_MAIL_LOG' ) ) {
			return $short_circuit;
		}
		$entry = array(
			'time'    => gmdate( 'c' ),
			'to'      => $attributes['to'],
			'subject' => $attributes['subject'],
			'message' => $attributes['message'],
			'headers' => $attributes['headers'],
		);
		file_put_contents( AA_MAIL_LOG, wp_json_encode( $entry ) . "\n", FILE_APPEND | LOCK_EX );
		return true;
	},
	10,
	2
);
