<?php
/**
 * Loads the plugin against small WordPress stand-ins, so its classes can be tested in
 * isolation with Debian's php-cli and phpunit. Real WordPress is exercised by the end-to-end
 * tests (tests/e2e). The stand-ins keep their state in $GLOBALS['wp_test'], reset per test.
 *
 * @package AffiliateAgent
 */

error_reporting( E_ALL );

define( 'ABSPATH', sys_get_temp_dir() . '/affiliate-agent-tests/' );
define( 'MINUTE_IN_SECONDS', 60 );
$GLOBALS['wp_version'] = '6.5.5';

/** Resets every stand-in's state; tests call it in setUp(). */
function wp_test_reset() {
	$GLOBALS['wp_test'] = array(
		'options'       => array(),
		'filters'       => array(),
		'actions'       => array(),
		'routes'        => array(),
		'user_id'       => 0,
		'user_caps'     => array(),
		'roles'         => array( 'administrator' => new WP_Test_Role( 'administrator', array( 'manage_options' => true ) ) ),
		'http_requests' => array(),
		'http_response' => null,
		'home_url'      => 'https://shop.example',
		'locale'        => 'en_US',
		'ext_cache'     => false,
		'cache'         => array(),
		'now'           => null,
		'users'         => array(),
		'affiliates'    => array(),
		'mail'          => array(),
		'posts'         => array(),
		'cron'          => array(),
	);
}

class WP_Test_Role {
	public $name;
	public $capabilities;
	public function __construct( $name, $capabilities ) {
		$this->name         = $name;
		$this->capabilities = $capabilities;
	}
	public function add_cap( $cap ) {
		$this->capabilities[ $cap ] = true;
	}
	public function remove_cap( $cap ) {
		unset( $this->capabilities[ $cap ] );
	}
	public function has_cap( $cap ) {
		return ! empty( $this->capabilities[ $cap ] );
	}
}

class WP_Error {
	public $code;
	public $message;
	public $data;
	public function __construct( $code = '', $message = '', $data = '' ) {
		$this->code    = $code;
		$this->message = $message;
		$this->data    = $data;
	}
	public function get_error_code() {
		return $this->code;
	}
	public function get_error_message() {
		return $this->message;
	}
	public function get_error_data() {
		return $this->data;
	}
}

class WP_HTTP_Response {
	public $data;
	public $status;
	public $headers = array();
	public function __construct( $data = null, $status = 200, $headers = array() ) {
		$this->data    = $data;
		$this->status  = $status;
		$this->headers = $headers;
	}
	public function get_data() {
		return $this->data;
	}
	public function get_status() {
		return $this->status;
	}
	public function get_headers() {
		return $this->headers;
	}
	public function header( $key, $value ) {
		$this->headers[ $key ] = $value;
	}
}

class WP_REST_Response extends WP_HTTP_Response {
}

/** The parts of WP_REST_Request the plugin reads. */
class WP_REST_Request implements ArrayAccess {
	private $method;
	private $route;
	private $params;
	private $query;
	private $body;
	private $headers;
	public function __construct( $method, $route, array $params = array(), array $query = array(), $body = '', array $headers = array() ) {
		$this->method  = $method;
		$this->route   = $route;
		$this->params  = $params;
		$this->query   = $query;
		$this->body    = $body;
		$this->headers = array_change_key_case( $headers, CASE_LOWER );
	}
	public function get_method() {
		return $this->method;
	}
	public function get_route() {
		return $this->route;
	}
	public function get_body() {
		return $this->body;
	}
	public function get_json_params() {
		return json_decode( (string) $this->body, true );
	}
	public function get_query_params() {
		return $this->query;
	}
	public function get_header( $name ) {
		$name = strtolower( $name );
		return isset( $this->headers[ $name ] ) ? $this->headers[ $name ] : null;
	}
	#[\ReturnTypeWillChange]
	public function offsetExists( $offset ) {
		return isset( $this->params[ $offset ] );
	}
	#[\ReturnTypeWillChange]
	public function offsetGet( $offset ) {
		return isset( $this->params[ $offset ] ) ? $this->params[ $offset ] : null;
	}
	#[\ReturnTypeWillChange]
	public function offsetSet( $offset, $value ) {
		$this->params[ $offset ] = $value;
	}
	#[\ReturnTypeWillChange]
	public function offsetUnset( $offset ) {
		unset( $this->params[ $offset ] );
	}
}

// Translation and escaping: identity.
function __( $text, $domain = 'default' ) {
	return $text;
}
function _n( $single, $plural, $number, $domain = 'default' ) {
	return 1 === (int) $number ? $single : $plural;
}
function number_format_i18n( $number, $decimals = 0 ) {
	return number_format( $number, $decimals );
}
function esc_html__( $text, $domain = 'default' ) {
	return $text;
}
function esc_html( $text ) {
	return htmlspecialchars( (string) $text, ENT_QUOTES );
}
function esc_attr( $text ) {
	return htmlspecialchars( (string) $text, ENT_QUOTES );
}
function esc_url_raw( $url, $protocols = null ) {
	return (string) $url;
}

// Hooks.
function add_filter( $hook, $callback, $priority = 10, $args = 1 ) {
	$GLOBALS['wp_test']['filters'][ $hook ][] = $callback;
	return true;
}
function add_action( $hook, $callback, $priority = 10, $args = 1 ) {
	$GLOBALS['wp_test']['actions'][ $hook ][] = $callback;
	return true;
}
function remove_action( $hook, $callback ) {
	foreach ( isset( $GLOBALS['wp_test']['actions'][ $hook ] ) ? $GLOBALS['wp_test']['actions'][ $hook ] : array() as $index => $registered ) {
		if ( $registered === $callback ) {
			unset( $GLOBALS['wp_test']['actions'][ $hook ][ $index ] );
		}
	}
	return true;
}

// Mail: runs phpmailer_init on a plain object and records what PHPMailer would send.
function wp_mail( $to, $subject, $message, $headers = array() ) {
	$phpmailer = (object) array( 'AltBody' => '' );
	foreach ( isset( $GLOBALS['wp_test']['actions']['phpmailer_init'] ) ? $GLOBALS['wp_test']['actions']['phpmailer_init'] : array() as $callback ) {
		$callback( $phpmailer );
	}
	$GLOBALS['wp_test']['mail'][] = array( 'to' => $to, 'subject' => $subject, 'body' => $message, 'headers' => $headers, 'alt_body' => $phpmailer->AltBody );
	return true;
}
function apply_filters( $hook, $value, ...$args ) {
	foreach ( isset( $GLOBALS['wp_test']['filters'][ $hook ] ) ? $GLOBALS['wp_test']['filters'][ $hook ] : array() as $callback ) {
		$value = $callback( $value, ...$args );
	}
	return $value;
}
function do_action( $hook, ...$args ) {
	foreach ( isset( $GLOBALS['wp_test']['actions'][ $hook ] ) ? $GLOBALS['wp_test']['actions'][ $hook ] : array() as $callback ) {
		$callback( ...$args );
	}
}
function register_activation_hook( $file, $callback ) {
}
function register_deactivation_hook( $file, $callback ) {
}
function plugin_basename( $file ) {
	return 'affiliate-agent/affiliate-agent.php';
}
function __return_true() {
	return true;
}
function __return_false() {
	return false;
}

// Options, transients, cache.
function get_option( $name, $default = false ) {
	return array_key_exists( $name, $GLOBALS['wp_test']['options'] ) ? $GLOBALS['wp_test']['options'][ $name ] : $default;
}
function update_option( $name, $value, $autoload = null ) {
	$GLOBALS['wp_test']['options'][ $name ] = $value;
	return true;
}
function add_option( $name, $value = '', $deprecated = '', $autoload = 'yes' ) {
	if ( array_key_exists( $name, $GLOBALS['wp_test']['options'] ) ) {
		return false;
	}
	$GLOBALS['wp_test']['options'][ $name ] = $value;
	return true;
}
function delete_option( $name ) {
	unset( $GLOBALS['wp_test']['options'][ $name ] );
	return true;
}
function wp_test_now() {
	return null !== $GLOBALS['wp_test']['now'] ? $GLOBALS['wp_test']['now'] : time();
}
function get_transient( $key ) {
	$timeout = get_option( '_transient_timeout_' . $key );
	if ( false !== $timeout && $timeout < wp_test_now() ) {
		delete_option( '_transient_timeout_' . $key );
		delete_option( '_transient_' . $key );
		return false;
	}
	return get_option( '_transient_' . $key );
}
function set_transient( $key, $value, $ttl = 0 ) {
	update_option( '_transient_' . $key, $value );
	if ( $ttl ) {
		update_option( '_transient_timeout_' . $key, wp_test_now() + $ttl );
	}
	return true;
}
function delete_transient( $key ) {
	delete_option( '_transient_' . $key );
	delete_option( '_transient_timeout_' . $key );
	return true;
}
function wp_using_ext_object_cache() {
	return $GLOBALS['wp_test']['ext_cache'];
}
function wp_cache_add( $key, $value, $group = '', $ttl = 0 ) {
	if ( isset( $GLOBALS['wp_test']['cache'][ $group ][ $key ] ) ) {
		return false;
	}
	$GLOBALS['wp_test']['cache'][ $group ][ $key ] = $value;
	return true;
}
function wp_salt( $scheme = 'auth' ) {
	return 'test-salt-' . $scheme;
}

// Users and roles.
function get_current_user_id() {
	return $GLOBALS['wp_test']['user_id'];
}
function wp_test_log_in( $user_id, array $caps ) {
	$GLOBALS['wp_test']['user_id']             = $user_id;
	$GLOBALS['wp_test']['user_caps'][ $user_id ] = array_fill_keys( $caps, true );
}
function user_can( $user_id, $capability ) {
	$caps = isset( $GLOBALS['wp_test']['user_caps'][ $user_id ] ) ? $GLOBALS['wp_test']['user_caps'][ $user_id ] : array();
	$caps = apply_filters( 'user_has_cap', $caps, array( $capability ), array( $capability, $user_id ) );
	return ! empty( $caps[ $capability ] );
}
function current_user_can( $capability ) {
	return user_can( get_current_user_id(), $capability );
}
function get_role( $name ) {
	return isset( $GLOBALS['wp_test']['roles'][ $name ] ) ? $GLOBALS['wp_test']['roles'][ $name ] : null;
}
function add_role( $name, $display_name, $capabilities ) {
	$GLOBALS['wp_test']['roles'][ $name ] = new WP_Test_Role( $name, $capabilities );
	return $GLOBALS['wp_test']['roles'][ $name ];
}
function remove_role( $name ) {
	unset( $GLOBALS['wp_test']['roles'][ $name ] );
}
function wp_roles() {
	return (object) array( 'role_objects' => $GLOBALS['wp_test']['roles'] );
}

// URLs and sanitising.
function home_url( $path = '' ) {
	return $GLOBALS['wp_test']['home_url'] . $path;
}
function get_locale() {
	return $GLOBALS['wp_test']['locale'];
}
function site_url( $path = '' ) {
	return home_url( $path );
}
function admin_url( $path = '' ) {
	return home_url( '/wp-admin/' . $path );
}
function wp_parse_url( $url, $component = -1 ) {
	return parse_url( $url, $component );
}
function untrailingslashit( $value ) {
	return rtrim( $value, '/\\' );
}
function trailingslashit( $value ) {
	return untrailingslashit( $value ) . '/';
}
function wp_unslash( $value ) {
	return is_string( $value ) ? stripslashes( $value ) : $value;
}
function sanitize_text_field( $value ) {
	return trim( preg_replace( '/[\r\n\t ]+/', ' ', strip_tags( (string) $value ) ) );
}
function sanitize_email( $value ) {
	return preg_replace( '/[^a-zA-Z0-9+_.@-]/', '', (string) $value );
}
function is_email( $value ) {
	return false !== filter_var( $value, FILTER_VALIDATE_EMAIL ) ? $value : false;
}
function sanitize_key( $value ) {
	return preg_replace( '/[^a-z0-9_\-]/', '', strtolower( (string) $value ) );
}
function absint( $value ) {
	return abs( (int) $value );
}
function wp_json_encode( $data, $options = 0, $depth = 512 ) {
	return json_encode( $data, $options, $depth );
}
function is_wp_error( $thing ) {
	return $thing instanceof WP_Error;
}

// REST.
function register_rest_route( $namespace, $route, $args ) {
	$GLOBALS['wp_test']['routes'][ $namespace . $route ] = $args;
	return true;
}
function rest_authorization_required_code() {
	return is_user_logged_in() ? 403 : 401;
}
function is_user_logged_in() {
	return get_current_user_id() > 0;
}
function rest_get_url_prefix() {
	return 'wp-json';
}

// HTTP: records requests and answers with $GLOBALS['wp_test']['http_response'] (a callable or an array).
function wp_remote_request( $url, $args ) {
	$GLOBALS['wp_test']['http_requests'][] = array( 'url' => $url, 'args' => $args );
	$answer = $GLOBALS['wp_test']['http_response'];
	return is_callable( $answer ) ? $answer( $url, $args ) : $answer;
}
function wp_remote_get( $url, $args = array() ) {
	return wp_remote_request( $url, array_merge( $args, array( 'method' => 'GET' ) ) );
}
function wp_remote_retrieve_response_code( $response ) {
	return $response['response']['code'];
}
function wp_remote_retrieve_body( $response ) {
	return $response['body'];
}
function wp_remote_retrieve_header( $response, $name ) {
	$headers = array_change_key_case( $response['headers'], CASE_LOWER );
	return isset( $headers[ strtolower( $name ) ] ) ? $headers[ strtolower( $name ) ] : '';
}
function wp_test_http_answer( $status, $body, $content_type = 'application/json' ) {
	return array(
		'response' => array( 'code' => $status ),
		'headers'  => array( 'Content-Type' => $content_type ),
		'body'     => is_string( $body ) ? $body : json_encode( $body ),
	);
}

// Users (for the AffiliateWP bridge).
function get_user_by( $field, $value ) {
	foreach ( $GLOBALS['wp_test']['users'] as $user ) {
		if ( ( 'email' === $field && strtolower( $user->user_email ) === strtolower( $value ) ) || ( 'id' === $field && $user->ID === (int) $value ) ) {
			return $user;
		}
	}
	return false;
}
function get_userdata( $user_id ) {
	return get_user_by( 'id', $user_id );
}
function username_exists( $login ) {
	foreach ( $GLOBALS['wp_test']['users'] as $user ) {
		if ( $user->user_login === $login ) {
			return $user->ID;
		}
	}
	return false;
}
function wp_insert_user( $data ) {
	if ( get_user_by( 'email', $data['user_email'] ) ) {
		return new WP_Error( 'existing_user_email', 'Sorry, that email address is already used!' );
	}
	$user = (object) array_merge( $data, array( 'ID' => count( $GLOBALS['wp_test']['users'] ) + 100 ) );
	$GLOBALS['wp_test']['users'][] = $user;
	return $user->ID;
}
function wp_update_user( $data ) {
	$user = get_user_by( 'id', $data['ID'] );
	if ( ! $user ) {
		return new WP_Error( 'invalid_user_id', 'Invalid user ID.' );
	}
	foreach ( $data as $field => $value ) {
		$user->$field = $value;
	}
	return $user->ID;
}
function sanitize_user( $name, $strict = false ) {
	return preg_replace( '/[^a-z0-9 _.\-@]/i', '', (string) $name );
}
function wp_generate_password( $length = 12, $special = true, $extra = false ) {
	return str_repeat( 'x', $length );
}
function sanitize_textarea_field( $value ) {
	return trim( strip_tags( (string) $value ) );
}

// Posts (for content sync).
function wp_is_post_revision( $post_id ) {
	return false;
}
function wp_is_post_autosave( $post_id ) {
	return false;
}
function post_type_exists( $type ) {
	return in_array( $type, array( 'page', 'post' ), true );
}
function get_post( $post_id ) {
	return isset( $GLOBALS['wp_test']['posts'][ (int) $post_id ] ) ? $GLOBALS['wp_test']['posts'][ (int) $post_id ] : null;
}
function setup_postdata( $post ) {
	return true;
}
function get_the_title( $post ) {
	return $post->post_title;
}
function get_permalink( $post ) {
	return home_url( '/?p=' . $post->ID );
}
function wp_test_post( $id, $type, $status, $title, $content = '', $password = '' ) {
	$post = (object) array( 'ID' => $id, 'post_type' => $type, 'post_status' => $status, 'post_title' => $title, 'post_content' => $content, 'post_password' => $password, 'post_modified_gmt' => '2026-11-25 03:00:00' );
	$GLOBALS['wp_test']['posts'][ $id ] = $post;
	return $post;
}

function wp_strip_all_tags( $text ) {
	return strip_tags( preg_replace( '@<(script|style)[^>]*?>.*?</\\1>@si', '', (string) $text ) );
}
function get_post_type_object( $type ) {
	return post_type_exists( $type ) ? (object) array( 'name' => $type, 'public' => true, 'labels' => (object) array( 'name' => ucfirst( $type ) . 's' ) ) : null;
}
function get_posts( $args ) {
	$types = (array) $args['post_type'];
	return array_values(
		array_filter(
			$GLOBALS['wp_test']['posts'],
			static function ( $post ) use ( $types, $args ) {
				return in_array( $post->post_type, $types, true ) && $post->post_status === $args['post_status'];
			}
		)
	);
}
function wp_list_pluck( $list, $field ) {
	return array_map(
		static function ( $item ) use ( $field ) {
			return is_object( $item ) ? $item->$field : $item[ $field ];
		},
		$list
	);
}

// WP-Cron: one timestamp per hook is all the plugin schedules.
function wp_next_scheduled( $hook ) {
	return isset( $GLOBALS['wp_test']['cron'][ $hook ] ) ? $GLOBALS['wp_test']['cron'][ $hook ] : false;
}
function wp_schedule_single_event( $timestamp, $hook ) {
	$GLOBALS['wp_test']['cron'][ $hook ] = (int) $timestamp;
	return true;
}
function wp_unschedule_event( $timestamp, $hook ) {
	unset( $GLOBALS['wp_test']['cron'][ $hook ] );
	return true;
}
function wp_clear_scheduled_hook( $hook ) {
	unset( $GLOBALS['wp_test']['cron'][ $hook ] );
	return 1;
}

wp_test_reset();
require dirname( __DIR__ ) . '/affiliate-agent.php';

// Post types: post, page and attachment are public, like a fresh site; tests add more.
function get_post_types( $args = array(), $output = 'names' ) {
	$types = isset( $GLOBALS['wp_test']['post_types'] ) ? $GLOBALS['wp_test']['post_types'] : array( 'post' => 'Posts', 'page' => 'Pages', 'attachment' => 'Media' );
	$found = array();
	foreach ( $types as $slug => $label ) {
		$found[ $slug ] = 'objects' === $output ? (object) array( 'name' => $slug, 'labels' => (object) array( 'name' => $label ) ) : $slug;
	}
	return $found;
}
