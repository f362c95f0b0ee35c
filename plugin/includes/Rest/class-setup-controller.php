<?php
/**
 * The setup checklist's WordPress steps for the admin app.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Rest;

use AffiliateAgent\Admin\Setup_Progress;
use AffiliateAgent\Roles\Capabilities;

defined( 'ABSPATH' ) || exit;

/**
 * GET /setup → Setup_Progress::report(); POST /setup/playground records the first playground answer.
 */
class Setup_Controller {

	/**
	 * Progress.
	 *
	 * @var Setup_Progress
	 */
	private $progress;

	/**
	 * Constructor.
	 *
	 * @param Setup_Progress $progress Progress.
	 */
	public function __construct( Setup_Progress $progress ) {
		$this->progress = $progress;
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
			'/setup',
			array(
				'methods'             => 'GET',
				'callback'            => function () {
					return new \WP_REST_Response( $this->progress->report() );
				},
				'permission_callback' => $managers,
			)
		);
		register_rest_route(
			Admin_Proxy_Controller::NAMESPACE_V1,
			'/setup/playground',
			array(
				'methods'             => 'POST',
				'callback'            => function () {
					$this->progress->mark_playground_tried();
					return new \WP_REST_Response( $this->progress->report() );
				},
				'permission_callback' => $managers,
			)
		);
	}
}
