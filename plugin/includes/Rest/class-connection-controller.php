<?php
/**
 * Connection test for the admin app.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Rest;

use AffiliateAgent\Roles\Capabilities;
use AffiliateAgent\Settings\Connection_Tester;

defined( 'ABSPATH' ) || exit;

/**
 * Same report as the settings screen's "Test connection" button, as JSON.
 */
class Connection_Controller {

	/**
	 * Tester.
	 *
	 * @var Connection_Tester
	 */
	private $tester;

	/**
	 * Constructor.
	 *
	 * @param Connection_Tester $tester Tester.
	 */
	public function __construct( Connection_Tester $tester ) {
		$this->tester = $tester;
	}

	/**
	 * Registers the route.
	 */
	public function register_routes() {
		register_rest_route(
			Admin_Proxy_Controller::NAMESPACE_V1,
			'/connection',
			array(
				'methods'             => 'GET',
				'callback'            => function () {
					return new \WP_REST_Response( $this->tester->run( get_current_user_id() ) );
				},
				'permission_callback' => static function () {
					return current_user_can( Capabilities::MANAGE_AGENTS );
				},
			)
		);
	}
}
