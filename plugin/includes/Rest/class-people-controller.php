<?php
/**
 * Display names for the user ids the service records (who changed a lead, who wrote a note).
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Rest;

use AffiliateAgent\Roles\Capabilities;

defined( 'ABSPATH' ) || exit;

/**
 * GET /people?ids=1,2 → { people: { "1": "Ana Admin" } }. The service only knows user ids (the
 * signed requests carry them); names stay in WordPress, so a renamed user reads right everywhere.
 * Only display names, and only for lead reviewers, who see these users' work on the lead page.
 */
class People_Controller {

	const MAX_IDS = 100;

	/**
	 * Registers the route.
	 */
	public function register_routes() {
		register_rest_route(
			Admin_Proxy_Controller::NAMESPACE_V1,
			'/people',
			array(
				'methods'             => 'GET',
				'callback'            => array( $this, 'people' ),
				'permission_callback' => static function () {
					return current_user_can( Capabilities::REVIEW_LEADS );
				},
				'args'                => array(
					'ids' => array(
						'type'     => 'string',
						'required' => true,
					),
				),
			)
		);
	}

	/**
	 * Names of the given users; unknown ids are left out.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response
	 */
	public function people( $request ) {
		$ids    = array_slice( array_unique( array_filter( array_map( 'absint', explode( ',', (string) $request['ids'] ) ) ) ), 0, self::MAX_IDS );
		$people = array();
		foreach ( $ids as $id ) {
			$user = get_userdata( $id );
			if ( $user ) {
				$people[ (string) $id ] = (string) $user->display_name;
			}
		}
		return new \WP_REST_Response( array( 'people' => (object) $people ) );
	}
}
