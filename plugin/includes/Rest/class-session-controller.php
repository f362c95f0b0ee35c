<?php
/**
 * Visitor sessions: a short-lived token for the chat widget.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Rest;

use AffiliateAgent\Security\Rate_Limiter;
use AffiliateAgent\Security\Token_Minter;
use AffiliateAgent\Settings\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * The widget asks for a token at the visitor's first click instead of finding one in the page,
 * so fully cached pages keep working (a nonce baked into cached HTML goes stale).
 */
class Session_Controller {

	const DEFAULT_LIMIT  = 30;
	const DEFAULT_WINDOW = 600;

	/**
	 * Settings.
	 *
	 * @var Settings
	 */
	private $settings;

	/**
	 * Rate limiter.
	 *
	 * @var Rate_Limiter
	 */
	private $limiter;

	/**
	 * Constructor.
	 *
	 * @param Settings     $settings Settings.
	 * @param Rate_Limiter $limiter  Rate limiter.
	 */
	public function __construct( Settings $settings, Rate_Limiter $limiter ) {
		$this->settings = $settings;
		$this->limiter  = $limiter;
	}

	/**
	 * Registers the route.
	 */
	public function register_routes() {
		register_rest_route(
			Admin_Proxy_Controller::NAMESPACE_V1,
			'/session',
			array(
				'methods'             => 'POST',
				'callback'            => array( $this, 'create' ),
				/*
				 * Public on purpose: anonymous visitors open the chat, and a cached page cannot carry
				 * a per-user nonce. What limits it: the token only lets its holder chat with one
				 * agent from this site's origin for an hour, the service enforces the agent's
				 * monthly cap, and this route allows DEFAULT_LIMIT tokens per IP every
				 * DEFAULT_WINDOW seconds (filter `affiliate_agent_session_rate_limit`).
				 */
				'permission_callback' => '__return_true',
				'args'                => array(
					'agentId'   => array(
						'type'     => 'string',
						'required' => true,
						'pattern'  => '^[A-Za-z0-9_-]{1,64}$',
					),
					'visitorId' => array(
						'type'    => 'string',
						'pattern' => '^vis_[a-f0-9]{32}$',
					),
				),
			)
		);
	}

	/**
	 * Mints a visitor token.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function create( $request ) {
		$limit = apply_filters(
			'affiliate_agent_session_rate_limit',
			array(
				'limit'  => self::DEFAULT_LIMIT,
				'window' => self::DEFAULT_WINDOW,
			)
		);
		$hit = $this->limiter->hit( self::client_ip(), (int) $limit['limit'], (int) $limit['window'], time() );
		if ( ! $hit['allowed'] ) {
			return new \WP_Error(
				'rate_limited',
				__( 'Too many chat sessions were started from your network. Please wait a few minutes and try again.', 'affiliate-agent' ),
				array(
					'status'     => 429,
					'retryAfter' => $hit['retry_after'],
				)
			);
		}
		if ( ! $this->settings->is_configured() ) {
			return new \WP_Error( 'service_not_configured', __( 'The chat is not available yet.', 'affiliate-agent' ), array( 'status' => 503 ) );
		}
		// The same agent lookup the block renders from (cached list, flushed when an agent is saved):
		// a switched-off agent gets no token, so its widget shows "not available" (issue 11).
		$agent = apply_filters( 'affiliate_agent_chat_agent', null, (string) $request['agentId'] );
		if ( is_array( $agent ) && isset( $agent['status'] ) && 'disabled' === $agent['status'] ) {
			return new \WP_Error( 'agent_disabled', __( 'This chat is switched off.', 'affiliate-agent' ), array( 'status' => 409 ) );
		}
		return self::session_response( $this->settings, (string) $request['agentId'], (string) $request['visitorId'], time() );
	}

	/**
	 * Builds the session answer. A visitor id the widget already holds is kept, so the same tab
	 * can reopen its conversation on the next page; it is a 128-bit random value only that tab
	 * knows, so presenting it proves nothing more than having been that visitor.
	 *
	 * @param Settings $settings   Settings.
	 * @param string   $agent_id   Agent id.
	 * @param string   $visitor_id Existing visitor id or ''.
	 * @param int      $now        Unix seconds.
	 * @return \WP_REST_Response
	 */
	public static function session_response( Settings $settings, $agent_id, $visitor_id, $now ) {
		$visitor_id = preg_match( '/^vis_[a-f0-9]{32}$/', $visitor_id ) ? $visitor_id : Token_Minter::new_visitor_id();
		$minter     = new Token_Minter( $settings->shared_secret() );
		$minted     = $minter->visitor_token( $agent_id, $visitor_id, Settings::site_origin(), $now, Token_Minter::VISITOR_TTL, self::logged_in_user() );
		$response   = new \WP_REST_Response(
			array(
				'token'      => $minted['token'],
				'expiresAt'  => gmdate( 'Y-m-d\TH:i:s\Z', $minted['expires_at'] ),
				'serviceUrl' => $settings->public_service_url(),
				'agentId'    => $agent_id,
				'visitorId'  => $visitor_id,
			),
			201
		);
		// Tokens are per visitor: page caches and CDNs must never store this answer.
		$response->header( 'Cache-Control', 'no-store, private' );
		return $response;
	}

	/**
	 * The logged-in WordPress user, for the token: their id and account email (issue 12, a signed-in
	 * user's own email needs no code). The widget sends no REST nonce (cached pages cannot carry one),
	 * so WordPress treats this request as anonymous; the logged-in cookie is read directly instead.
	 * That is safe here: the answer is only readable by the site's own pages (no CORS), and the token
	 * is bound to the site's origin, so another site making the browser call this learns nothing.
	 *
	 * @return array{id:int, email:string}|null
	 */
	public static function logged_in_user() {
		$user_id = get_current_user_id();
		if ( ! $user_id && function_exists( 'wp_validate_auth_cookie' ) ) {
			$user_id = (int) wp_validate_auth_cookie( '', 'logged_in' );
		}
		$user = $user_id ? get_userdata( $user_id ) : false;
		if ( ! $user || empty( $user->user_email ) ) {
			return null;
		}
		return array(
			'id'    => (int) $user->ID,
			'email' => (string) $user->user_email,
		);
	}

	/**
	 * The client's IP. REMOTE_ADDR only, because X-Forwarded-For is set by the client unless a
	 * trusted proxy rewrites it; sites behind a proxy pass the real IP through the filter.
	 *
	 * @return string
	 */
	public static function client_ip() {
		$ip = isset( $_SERVER['REMOTE_ADDR'] ) ? sanitize_text_field( wp_unslash( $_SERVER['REMOTE_ADDR'] ) ) : '';
		return (string) apply_filters( 'affiliate_agent_client_ip', $ip );
	}
}
