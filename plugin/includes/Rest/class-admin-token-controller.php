<?php
/**
 * Short-lived admin tokens for the playground stream.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Rest;

use AffiliateAgent\Roles\Capabilities;
use AffiliateAgent\Security\Token_Minter;
use AffiliateAgent\Settings\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * Streaming through PHP would hold a PHP worker for the whole answer, so the playground streams
 * from the service directly with a 900-second token (docs/protocol.md section 2).
 */
class Admin_Token_Controller {

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
	 * Registers the route.
	 */
	public function register_routes() {
		register_rest_route(
			Admin_Proxy_Controller::NAMESPACE_V1,
			'/admin-token',
			array(
				'methods'             => array( 'POST', 'GET' ),
				'callback'            => array( $this, 'mint' ),
				'permission_callback' => static function () {
					return current_user_can( Capabilities::MANAGE_AGENTS );
				},
			)
		);
	}

	/**
	 * Mints a token for the current user.
	 *
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function mint() {
		if ( ! $this->settings->is_configured() ) {
			return new \WP_Error( 'service_not_configured', __( 'Affiliate Agent is not connected yet: paste the service\'s connection key in Affiliate Agent → Settings.', 'affiliate-agent' ), array( 'status' => 503 ) );
		}
		$user_id = get_current_user_id();
		$minter  = new Token_Minter( $this->settings->shared_secret() );
		$minted  = $minter->admin_token( $user_id, Capabilities::of_user( $user_id ), time() );
		$response = new \WP_REST_Response(
			array(
				'token'      => $minted['token'],
				'expiresAt'  => gmdate( 'Y-m-d\TH:i:s\Z', $minted['expires_at'] ),
				'serviceUrl' => $this->settings->public_service_url(),
			)
		);
		$response->header( 'Cache-Control', 'no-store' );
		return $response;
	}
}
