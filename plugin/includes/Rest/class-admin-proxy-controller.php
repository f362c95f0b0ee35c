<?php
/**
 * Signed admin proxy: wp-admin → WordPress REST → service.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Rest;

use AffiliateAgent\Roles\Capabilities;
use AffiliateAgent\Service\Service_Client;

defined( 'ABSPATH' ) || exit;

/**
 * The admin app talks only to WordPress (cookie + REST nonce); this route checks the WordPress
 * capability, then forwards the method, query and raw body to `<serviceUrl>/v1/<path>` signed with
 * the acting user and their capabilities. The service checks the capabilities again.
 */
class Admin_Proxy_Controller {

	const NAMESPACE_V1 = 'affiliate-agent/v1';

	/**
	 * Query parameters WordPress itself uses; they mean nothing to the service.
	 */
	const WORDPRESS_QUERY_KEYS = array( '_locale', '_wpnonce', 'rest_route', '_envelope', '_method', '_fields', '_embed', '_jsonp' );

	/**
	 * Service client.
	 *
	 * @var Service_Client
	 */
	private $service;

	/**
	 * Constructor.
	 *
	 * @param Service_Client $service Service client.
	 */
	public function __construct( Service_Client $service ) {
		$this->service = $service;
	}

	/**
	 * Registers the route.
	 */
	public function register_routes() {
		register_rest_route(
			self::NAMESPACE_V1,
			'/admin/(?P<path>.+)',
			array(
				'methods'             => array( 'GET', 'POST', 'PUT', 'PATCH', 'DELETE' ),
				'callback'            => array( $this, 'forward' ),
				'permission_callback' => array( $this, 'can_forward' ),
				'args'                => array(
					'path' => array(
						'type'              => 'string',
						'required'          => true,
						'validate_callback' => array( self::class, 'is_safe_path' ),
					),
				),
			)
		);
	}

	/**
	 * The capabilities a path accepts (any one of them): lead review for leads and conversation
	 * transcripts, either one for the funnel, agent management for everything else (agents, actions, knowledge, playground,
	 * settings, usage). Reading the agent list is open to reviewers too, because the leads inbox
	 * filters by agent — the service applies the same rule.
	 *
	 * @param string $path   Path below /v1/.
	 * @param string $method HTTP method.
	 * @return string[]
	 */
	public static function accepted_capabilities( $path, $method ) {
		$is_read = 'GET' === strtoupper( $method );
		if ( preg_match( '#^leads(?:$|[/.])#', $path ) ) {
			return array( Capabilities::REVIEW_LEADS );
		}
		// The recruitment funnel (and its CSV) is read by owners and affiliate managers alike.
		if ( $is_read && preg_match( '#^funnel(?:$|/export\.csv$)#', $path ) ) {
			return array( Capabilities::REVIEW_LEADS, Capabilities::MANAGE_AGENTS );
		}
		// A lead's conversation transcript is read-only for reviewers.
		if ( $is_read && 0 === strpos( $path, 'conversations/' ) ) {
			return array( Capabilities::REVIEW_LEADS, Capabilities::MANAGE_AGENTS );
		}
		if ( $is_read && 'agents' === $path ) {
			// Editors reach the list too, for the chat block's agent picker, and get display fields only (see forward()).
			return array( Capabilities::MANAGE_AGENTS, Capabilities::REVIEW_LEADS, 'edit_posts' );
		}
		if ( $is_read && preg_match( '#^agents/[^/]+$#', $path ) ) {
			return array( Capabilities::MANAGE_AGENTS, Capabilities::REVIEW_LEADS );
		}
		return array( Capabilities::MANAGE_AGENTS );
	}

	/**
	 * Only plain path segments; no traversal, no scheme, no encoded tricks.
	 *
	 * @param mixed $path Path below /v1/.
	 * @return bool
	 */
	public static function is_safe_path( $path ) {
		return is_string( $path )
			&& strlen( $path ) <= 300
			&& (bool) preg_match( '#^[A-Za-z0-9][A-Za-z0-9._~-]*(?:/[A-Za-z0-9._~-]+)*$#', $path )
			&& ! preg_match( '#(?:^|/)\.\.?(?:/|$)#', $path );
	}

	/**
	 * Permission callback.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return bool|\WP_Error
	 */
	public function can_forward( $request ) {
		foreach ( self::accepted_capabilities( (string) $request['path'], $request->get_method() ) as $capability ) {
			if ( current_user_can( $capability ) ) {
				return true;
			}
		}
		return new \WP_Error(
			'rest_forbidden',
			__( 'Sorry, you are not allowed to do that.', 'affiliate-agent' ),
			array( 'status' => rest_authorization_required_code() )
		);
	}

	/**
	 * Forwards the request.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function forward( $request ) {
		$user_id = get_current_user_id();
		if ( ! Capabilities::of_user( $user_id ) && 'agents' === $request['path'] ) {
			return ( new Block_Agents_Controller( $this->service ) )->list_agents();
		}
		return Error_Response::guard(
			function () use ( $request, $user_id ) {
				$query  = array_diff_key( $request->get_query_params(), array_flip( self::WORDPRESS_QUERY_KEYS ) );
				$method = $request->get_method();
				$body   = in_array( $method, array( 'GET', 'DELETE' ), true ) && '' === (string) $request->get_body() ? '' : (string) $request->get_body();
				$answer = $this->service->send(
					$method,
					'/v1/' . $request['path'],
					Service_Client::build_query( $query ),
					$body,
					$user_id,
					Capabilities::of_user( $user_id ),
					array( 'accept' => 'application/json, text/csv;q=0.9' )
				);
				return self::to_response( $answer );
			},
			current_user_can( Capabilities::MANAGE_AGENTS )
		);
	}

	/**
	 * Turns the service's answer into a REST response; errors are thrown for Error_Response.
	 *
	 * @param array{status:int, content_type:string, body:string, headers:array<string,string>} $answer Answer.
	 * @return \WP_REST_Response
	 * @throws \AffiliateAgent\Service\Service_Exception For error answers.
	 */
	public static function to_response( array $answer ) {
		if ( $answer['status'] >= 400 ) {
			throw Service_Client::error_from( $answer );
		}
		if ( 0 === stripos( $answer['content_type'], 'text/csv' ) ) {
			$response = new \WP_REST_Response( new Raw_Body( $answer['body'], $answer['content_type'] ), $answer['status'] );
			$response->header( 'Content-Type', $answer['content_type'] );
			if ( isset( $answer['headers']['content-disposition'] ) ) {
				$response->header( 'Content-Disposition', $answer['headers']['content-disposition'] );
			}
			return $response;
		}
		// Objects stay objects: an empty `{}` must not come back as `[]`.
		$data = '' === $answer['body'] ? null : json_decode( $answer['body'] );
		if ( '' !== $answer['body'] && null === $data && 'null' !== trim( $answer['body'] ) ) {
			throw new \AffiliateAgent\Service\Service_Exception( 'service_bad_response', __( 'The Affiliate Agent service sent an answer that is not JSON.', 'affiliate-agent' ), 502 );
		}
		$response = new \WP_REST_Response( $data, $answer['status'] );
		foreach ( array( 'retry-after' => 'Retry-After', 'x-total-count' => 'X-Total-Count' ) as $name => $header ) {
			if ( isset( $answer['headers'][ $name ] ) ) {
				$response->header( $header, $answer['headers'][ $name ] );
			}
		}
		return $response;
	}
}
