<?php
/**
 * Signed HTTP calls from WordPress to the service.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Service;

use AffiliateAgent\Security\Request_Signer;
use AffiliateAgent\Settings\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * Every call is signed as docs/protocol.md section 1 describes, with the acting user and their
 * Affiliate Agent capabilities; the service trusts nothing else.
 */
class Service_Client {

	/**
	 * Settings.
	 *
	 * @var Settings
	 */
	private $settings;

	/**
	 * Constructor.
	 *
	 * @param Settings $settings Settings.
	 */
	public function __construct( Settings $settings ) {
		$this->settings = $settings;
	}

	/**
	 * Settings this client reads.
	 *
	 * @return Settings
	 */
	public function settings() {
		return $this->settings;
	}

	/**
	 * Sends a signed request and returns the raw answer, whatever its status.
	 *
	 * @param string   $method       HTTP method.
	 * @param string   $path         Service path starting with /v1/ (or /health).
	 * @param string   $query        Encoded query string without '?', '' for none.
	 * @param string   $body         Raw JSON body, '' for none.
	 * @param int      $user_id      Acting WordPress user.
	 * @param string[] $capabilities Their Affiliate Agent capabilities.
	 * @param array    $options      'timeout' (seconds), 'accept' (Accept header).
	 * @return array{status:int, content_type:string, body:string, headers:array<string,string>}
	 * @throws Service_Exception When the service is not configured or cannot be reached.
	 */
	public function send( $method, $path, $query, $body, $user_id, array $capabilities, array $options = array() ) {
		if ( ! $this->settings->is_configured() ) {
			throw new Service_Exception( 'service_not_configured', __( 'Affiliate Agent is not connected yet: paste the service\'s connection key in Affiliate Agent → Settings.', 'affiliate-agent' ), 503 );
		}
		$base        = $this->settings->service_url();
		$base_parts  = wp_parse_url( $base );
		$base_path   = isset( $base_parts['path'] ) ? untrailingslashit( $base_parts['path'] ) : '';
		$signed_path = $base_path . $path . ( '' !== $query ? '?' . $query : '' );
		$signer      = new Request_Signer( $this->settings->shared_secret() );
		$headers     = $signer->headers( $method, $signed_path, $body, $user_id, $capabilities );

		$headers['Accept'] = isset( $options['accept'] ) ? $options['accept'] : 'application/json';
		if ( '' !== $body ) {
			$headers['Content-Type'] = 'application/json';
		}
		$response = wp_remote_request(
			$base . $path . ( '' !== $query ? '?' . $query : '' ),
			array(
				'method'      => strtoupper( $method ),
				'headers'     => $headers,
				'body'        => '' !== $body ? $body : null,
				'timeout'     => isset( $options['timeout'] ) ? $options['timeout'] : 20,
				'redirection' => 0,
			)
		);
		if ( is_wp_error( $response ) ) {
			$timed_out = false !== stripos( $response->get_error_message(), 'timed out' );
			throw new Service_Exception(
				$timed_out ? 'service_timeout' : 'service_unreachable',
				$timed_out ? __( 'The Affiliate Agent service did not answer in time.', 'affiliate-agent' ) : __( 'The Affiliate Agent service cannot be reached.', 'affiliate-agent' ),
				$timed_out ? 504 : 502,
				array(
					'url'   => $base,
					'error' => $response->get_error_message(),
				)
			);
		}
		$content_type = (string) wp_remote_retrieve_header( $response, 'content-type' );
		$passed       = array();
		foreach ( array( 'content-disposition', 'retry-after', 'x-total-count' ) as $name ) {
			$value = wp_remote_retrieve_header( $response, $name );
			if ( '' !== $value && ! is_array( $value ) ) {
				$passed[ $name ] = (string) $value;
			}
		}
		return array(
			'status'       => (int) wp_remote_retrieve_response_code( $response ),
			'content_type' => $content_type,
			'body'         => (string) wp_remote_retrieve_body( $response ),
			'headers'      => $passed,
		);
	}

	/**
	 * Sends a signed request and decodes a JSON answer; error answers become Service_Exception.
	 *
	 * @param string   $method       HTTP method.
	 * @param string   $path         Service path.
	 * @param array    $query        Query parameters.
	 * @param mixed    $payload      Data to JSON-encode, or null for no body.
	 * @param int      $user_id      Acting WordPress user.
	 * @param string[] $capabilities Their capabilities.
	 * @param array    $options      See send().
	 * @return mixed Decoded JSON.
	 * @throws Service_Exception On failure.
	 */
	public function json( $method, $path, array $query, $payload, $user_id, array $capabilities, array $options = array() ) {
		$body   = null === $payload ? '' : (string) wp_json_encode( $payload );
		$answer = $this->send( $method, $path, self::build_query( $query ), $body, $user_id, $capabilities, $options );
		if ( $answer['status'] >= 400 ) {
			throw self::error_from( $answer );
		}
		if ( 204 === $answer['status'] || '' === $answer['body'] ) {
			return null;
		}
		$decoded = json_decode( $answer['body'], true );
		if ( null === $decoded && 'null' !== trim( $answer['body'] ) ) {
			throw new Service_Exception( 'service_bad_response', __( 'The Affiliate Agent service sent an answer that is not JSON.', 'affiliate-agent' ), 502 );
		}
		return $decoded;
	}

	/**
	 * Turns a non-2xx answer into an exception with the status WordPress should answer.
	 *
	 * A 401 from the service means it refused *the plugin's* signature (wrong secret, clock),
	 * not the WordPress user's login, so it becomes 502: answering 401 would make the admin app
	 * believe the user was logged out.
	 *
	 * @param array{status:int, content_type:string, body:string} $answer Raw answer.
	 * @return Service_Exception
	 */
	public static function error_from( array $answer ) {
		$decoded = json_decode( $answer['body'], true );
		$error   = is_array( $decoded ) && isset( $decoded['error'] ) && is_array( $decoded['error'] ) ? $decoded['error'] : null;
		$status  = (int) $answer['status'];
		if ( null === $error ) {
			return new Service_Exception(
				'service_error',
				/* translators: %d: HTTP status code. */
				sprintf( __( 'The Affiliate Agent service answered with HTTP %d.', 'affiliate-agent' ), $status ),
				$status >= 500 ? 502 : $status
			);
		}
		$code    = isset( $error['code'] ) && is_string( $error['code'] ) ? $error['code'] : 'service_error';
		$message = isset( $error['message'] ) && is_string( $error['message'] ) ? $error['message'] : __( 'The Affiliate Agent service refused the request.', 'affiliate-agent' );
		$details = isset( $error['details'] ) ? $error['details'] : null;
		if ( 401 === $status ) {
			$status = 502;
		}
		return new Service_Exception( $code, $message, $status, $details );
	}

	/**
	 * Encodes query parameters the way the service's parser reads them: RFC 3986, lists as
	 * repeated keys (`tag=a&tag=b`).
	 *
	 * @param array<string,mixed> $query Parameters.
	 * @return string
	 */
	public static function build_query( array $query ) {
		$pairs = array();
		foreach ( $query as $key => $value ) {
			foreach ( is_array( $value ) ? array_values( $value ) : array( $value ) as $item ) {
				if ( is_array( $item ) || is_object( $item ) || null === $item ) {
					continue;
				}
				if ( is_bool( $item ) ) {
					$item = $item ? 'true' : 'false';
				}
				$pairs[] = rawurlencode( (string) $key ) . '=' . rawurlencode( (string) $item );
			}
		}
		return implode( '&', $pairs );
	}
}
