<?php
/**
 * The agent picker in the chat block's editor.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Rest;

use AffiliateAgent\Roles\Capabilities;
use AffiliateAgent\Service\Service_Client;

defined( 'ABSPATH' ) || exit;

/**
 * Editors place the chat block but hold no Affiliate Agent capability. This route lets anyone
 * who can edit posts pick an agent: the plugin asks the service as that user with the read-only
 * lead-review capability and hands back only what the picker and the preview show.
 */
class Block_Agents_Controller {

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
			Admin_Proxy_Controller::NAMESPACE_V1,
			'/block-agents',
			array(
				'methods'             => 'GET',
				'callback'            => array( $this, 'list_agents' ),
				'permission_callback' => static function () {
					return current_user_can( 'edit_posts' );
				},
			)
		);
	}

	/**
	 * Lists agents with display fields only.
	 *
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function list_agents() {
		$user_id = get_current_user_id();
		return Error_Response::guard(
			function () use ( $user_id ) {
				$answer = $this->service->json( 'GET', '/v1/agents', array(), null, $user_id, array( Capabilities::REVIEW_LEADS ) );
				return new \WP_REST_Response( array( 'agents' => self::display_fields( is_array( $answer ) && isset( $answer['agents'] ) ? $answer['agents'] : array() ) ) );
			},
			current_user_can( Capabilities::MANAGE_AGENTS )
		);
	}

	/**
	 * Picks the fields the editor needs; instructions, origins and caps stay in the service.
	 *
	 * @param mixed $agents Agents from the service.
	 * @return array<int, array<string, mixed>>
	 */
	public static function display_fields( $agents ) {
		$picked = array();
		foreach ( is_array( $agents ) ? $agents : array() as $agent ) {
			if ( ! is_array( $agent ) || ! isset( $agent['id'], $agent['name'] ) ) {
				continue;
			}
			$appearance = isset( $agent['appearance'] ) && is_array( $agent['appearance'] ) ? $agent['appearance'] : array();
			$picked[]   = array(
				'id'         => (string) $agent['id'],
				'name'       => (string) $agent['name'],
				'enabled'    => ! isset( $agent['enabled'] ) || (bool) $agent['enabled'],
				'greeting'   => isset( $agent['greeting'] ) ? (string) $agent['greeting'] : '',
				'language'   => isset( $agent['language'] ) ? (string) $agent['language'] : '',
				'appearance' => array_intersect_key( $appearance, array_flip( array( 'title', 'primaryColor', 'position', 'avatarUrl' ) ) ),
			);
		}
		return $picked;
	}
}
