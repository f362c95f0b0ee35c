<?php
/**
 * The connection for the admin app's Settings screen: test it, or save a key and test it.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Rest;

use AffiliateAgent\Roles\Capabilities;
use AffiliateAgent\Settings\Connection_Setup;
use AffiliateAgent\Settings\Connection_Tester;

defined( 'ABSPATH' ) || exit;

/**
 * Plugin routes, not proxied: they must work while the service is unknown or down.
 */
class Connection_Controller {

	/**
	 * Tester.
	 *
	 * @var Connection_Tester
	 */
	private $tester;

	/**
	 * Setup.
	 *
	 * @var Connection_Setup
	 */
	private $setup;

	/**
	 * Constructor.
	 *
	 * @param Connection_Tester $tester Tester.
	 * @param Connection_Setup  $setup  Setup.
	 */
	public function __construct( Connection_Tester $tester, Connection_Setup $setup ) {
		$this->tester = $tester;
		$this->setup  = $setup;
	}

	/**
	 * Registers the routes.
	 */
	public function register_routes() {
		$managers = static function () {
			return current_user_can( Capabilities::MANAGE_AGENTS );
		};
		register_rest_route(
			Admin_Proxy_Controller::NAMESPACE_V1,
			'/connection',
			array(
				array(
					'methods'             => 'GET',
					'callback'            => function () {
						return new \WP_REST_Response( $this->tester->run( get_current_user_id() ) );
					},
					'permission_callback' => $managers,
				),
				array(
					'methods'             => 'POST',
					'callback'            => array( $this, 'connect' ),
					'permission_callback' => $managers,
					'args'                => array(
						'key'              => array(
							'type'    => 'string',
							'default' => '',
						),
						'publicServiceUrl' => array(
							'type' => 'string',
						),
					),
				),
			)
		);
	}

	/**
	 * POST /connection { key, publicServiceUrl? } → { report, connection }.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function connect( $request ) {
		$public = $request->get_param( 'publicServiceUrl' );
		try {
			$report = $this->setup->connect( (string) $request->get_param( 'key' ), null === $public ? null : (string) $public, get_current_user_id() );
		} catch ( \InvalidArgumentException $error ) {
			return new \WP_Error( 'invalid_connection_key', $error->getMessage(), array( 'status' => 400 ) );
		}
		return new \WP_REST_Response(
			array(
				'report'     => $report,
				'connection' => $this->setup->state(),
			)
		);
	}
}
