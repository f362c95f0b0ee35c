<?php
/**
 * Runs render.php outside WordPress with minimal stand-ins for the WordPress functions it calls,
 * so the jsdom tests can check its markup. Usage: php render-php-harness.php '<attributes JSON>' render.php ['<agent lookup JSON>']
 */
define( 'ABSPATH', __DIR__ . '/' );

function __( $text, $domain = 'default' ) { return $text; }
function esc_attr( $text ) { return htmlspecialchars( (string) $text, ENT_QUOTES, 'UTF-8' ); }
function esc_html( $text ) { return htmlspecialchars( (string) $text, ENT_QUOTES, 'UTF-8' ); }
function esc_url_raw( $url ) { return (string) $url; }
function esc_url( $url ) { return htmlspecialchars( (string) $url, ENT_QUOTES, 'UTF-8' ); }
// The plugin's Chat_Agents answer for the block's agent, given as the third argument (JSON).
function apply_filters( $hook, $value, ...$args ) {
	return 'affiliate_agent_chat_agent' === $hook && isset( $GLOBALS['aa_agent_lookup'] ) ? $GLOBALS['aa_agent_lookup'] : $value;
}
$GLOBALS['aa_agent_lookup'] = isset( $argv[3] ) ? json_decode( $argv[3], true ) : null;
function sanitize_text_field( $text ) { return trim( strip_tags( (string) $text ) ); }
function rest_url( $path ) { return 'https://shop.example/wp-json/' . ltrim( $path, '/' ); }
function plugins_url( $file, $base ) { return 'https://shop.example/wp-content/plugins/affiliate-agent/build/blocks/chat/' . $file; }
function add_query_arg( $key, $value, $url ) { return $url . ( false === strpos( $url, '?' ) ? '?' : '&' ) . rawurlencode( $key ) . '=' . rawurlencode( $value ); }
function wp_json_encode( $data, $flags = 0 ) { return json_encode( $data, $flags ); }
function wp_generate_password( $length, $special = true, $extra = false ) { return substr( bin2hex( random_bytes( $length ) ), 0, $length ); }
// Inline scripts are collected and printed after the markup, as wp_print_scripts() would.
$GLOBALS['aa_inline_scripts'] = array();
function wp_add_inline_script( $handle, $data, $position = 'after' ) { $GLOBALS['aa_inline_scripts'][] = array( $handle, $data, $position ); return true; }
class WP_Block {}
function wp_kses( $html, $allowed ) { return $html; }
function _wp_to_kebab_case( $text ) { return strtolower( preg_replace( '/([a-z])([A-Z0-9])/', '$1-$2', $text ) ); }
// As in WordPress: the block's own class first, extra attributes appended, every value escaped.
function get_block_wrapper_attributes( $extra = array() ) {
	$attributes          = $extra;
	$attributes['class'] = trim( 'wp-block-affiliate-agent-chat ' . ( $extra['class'] ?? '' ) );
	$parts               = array();
	foreach ( $attributes as $name => $value ) {
		if ( 'style' === $name && '' === $value ) {
			continue;
		}
		$parts[] = $name . '="' . esc_attr( $value ) . '"';
	}
	return implode( ' ', $parts );
}

// Agent_Locale hooks the plugin's gettext filters while render.php builds the phrases; this
// harness's __() returns the text as is, so the filters only need to exist.
function determine_locale() { return 'en_US'; }
function add_filter( $hook, $callback, $priority = 10, $args = 1 ) { return true; }
function remove_filter( $hook, $callback, $priority = 10 ) { return true; }

require __DIR__ . '/../../../plugin/includes/Support/class-chat-config.php';
require __DIR__ . '/../../../plugin/includes/Support/class-agent-locale.php';

// One or more blocks (a JSON object, or a list of them), rendered in one request like a page.
$pages = json_decode( $argv[1] ?? '{}', true );
$pages = isset( $pages[0] ) ? $pages : array( $pages );
foreach ( $pages as $attributes ) {
	$content = '';
	$block   = null;
	require $argv[2];
}
foreach ( $GLOBALS['aa_inline_scripts'] as list( $handle, $data, $position ) ) {
	echo '<script id="' . esc_attr( $handle . '-js-' . $position ) . '">' . $data . "</script>\n";
}
