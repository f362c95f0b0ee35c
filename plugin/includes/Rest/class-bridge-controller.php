<?php
/**
 * The bridge: routes the service calls to reach what only WordPress can do.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Rest;

use AffiliateAgent\Bridge\AffiliateWP_Bridge;
use AffiliateAgent\Bridge\Bridge_Exception;
use AffiliateAgent\Bridge\Mail_Bridge;
use AffiliateAgent\Bridge\Program_Terms_Reader;
use AffiliateAgent\Content\Content_Items;
use AffiliateAgent\Security\Nonce_Store;
use AffiliateAgent\Security\Signature_Exception;
use AffiliateAgent\Security\Signature_Verifier;
use AffiliateAgent\Settings\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * `POST affiliate-agent/v1/bridge/<operation>` (docs/protocol.md section 3). No WordPress user
 * calls these: access is the service's HMAC signature over the exact request, verified with a
 * 300-second clock tolerance and single-use nonces, and the signed capability `bridge`.
 */
class Bridge_Controller {

	/**
	 * Settings.
	 *
	 * @var Settings
	 */
	private $settings;

	/**
	 * Nonce store.
	 *
	 * @var Nonce_Store
	 */
	private $nonces;

	/**
	 * Constructor.
	 *
	 * @param Settings    $settings Settings.
	 * @param Nonce_Store $nonces   Nonce store.
	 */
	public function __construct( Settings $settings, Nonce_Store $nonces ) {
		$this->settings = $settings;
		$this->nonces   = $nonces;
	}

	/**
	 * Operation name → handler. Adding an operation is one line here and one in the protocol.
	 *
	 * @return array<string, callable>
	 */
	public static function operations() {
		$affiliatewp = new AffiliateWP_Bridge();
		$mail        = new Mail_Bridge();
		return array(
			'affiliatewp/status'               => static function () use ( $affiliatewp ) {
				return $affiliatewp->status();
			},
			'affiliatewp/find-by-email'        => array( $affiliatewp, 'find_by_email' ),
			'affiliatewp/get-affiliate'        => array( $affiliatewp, 'get_affiliate' ),
			'affiliatewp/create-pending'       => array( $affiliatewp, 'create_pending' ),
			'affiliatewp/set-status'           => array( $affiliatewp, 'set_status' ),
			'affiliatewp/referral-url'         => array( $affiliatewp, 'referral_url' ),
			'affiliatewp/update-payment-email' => array( $affiliatewp, 'update_payment_email' ),
			'affiliatewp/program-terms'        => array( new Program_Terms_Reader(), 'read' ),
			'mail/send'                        => array( $mail, 'send' ),
			'content/list'                     => array( Content_Items::class, 'list_changed' ),
		);
	}

	/**
	 * Registers the route.
	 */
	public function register_routes() {
		register_rest_route(
			Admin_Proxy_Controller::NAMESPACE_V1,
			'/bridge/(?P<operation>[a-z]+/[a-z-]+)',
			array(
				'methods'             => 'POST',
				'callback'            => array( $this, 'handle' ),
				// Not a WordPress user's call: the service's signature is the access rule (see the class comment).
				'permission_callback' => array( $this, 'verify_signature' ),
			)
		);
	}

	/**
	 * Permission callback: the protocol's signature checks, then the `bridge` capability.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function verify_signature( $request ) {
		$headers = array();
		foreach ( array( 'x-aa-timestamp', 'x-aa-nonce', 'x-aa-user', 'x-aa-capabilities', 'x-aa-signature' ) as $name ) {
			$value = $request->get_header( $name );
			if ( null !== $value ) {
				$headers[ $name ] = $value;
			}
		}
		try {
			$verifier = new Signature_Verifier( $this->settings->shared_secret(), $this->nonces );
			$actor    = $verifier->verify( $request->get_method(), self::received_path( $request ), $headers, (string) $request->get_body() );
		} catch ( Signature_Exception $error ) {
			return Error_Response::from( $error, false );
		}
		if ( ! in_array( 'bridge', $actor['capabilities'], true ) ) {
			return new \WP_Error( 'forbidden', __( 'Bridge routes need the signed capability "bridge".', 'affiliate-agent' ), array( 'status' => 403 ) );
		}
		return true;
	}

	/**
	 * Runs an operation.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function handle( $request ) {
		return Error_Response::guard(
			static function () use ( $request ) {
				$operations = self::operations();
				$operation  = (string) $request['operation'];
				if ( ! isset( $operations[ $operation ] ) ) {
					/* translators: 1: operation, 2: list of operations. */
					throw new Bridge_Exception( 'unknown_operation', sprintf( __( 'Unknown bridge operation "%1$s". Available: %2$s.', 'affiliate-agent' ), $operation, implode( ', ', array_keys( $operations ) ) ), 404 );
				}
				$body  = (string) $request->get_body();
				$input = '' === trim( $body ) ? array() : json_decode( $body, true );
				if ( ! is_array( $input ) ) {
					throw new Bridge_Exception( 'invalid_body', __( 'The bridge expects a JSON object body.', 'affiliate-agent' ), 400 );
				}
				$response = new \WP_REST_Response( call_user_func( $operations[ $operation ], $input ) );
				$response->header( 'Cache-Control', 'no-store' );
				return $response;
			},
			true
		);
	}

	/**
	 * The path and query as this request arrived, which is what the service signed. With pretty
	 * permalinks that is /wp-json/…, with plain ones /?rest_route=…; both come from REQUEST_URI.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return string
	 */
	public static function received_path( $request ) {
		if ( isset( $_SERVER['REQUEST_URI'] ) && '' !== $_SERVER['REQUEST_URI'] ) {
			return (string) wp_unslash( $_SERVER['REQUEST_URI'] ); // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- compared byte for byte inside an HMAC, never output.
		}
		return '/' . rest_get_url_prefix() . $request->get_route();
	}
}
