<?php
/**
 * The site-wide bubble's settings for the admin app's Settings screen.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Rest;

use AffiliateAgent\Roles\Capabilities;
use AffiliateAgent\Settings\Site_Bubble_Settings;

defined( 'ABSPATH' ) || exit;

/**
 * A plugin route, not proxied: the setting is a WordPress option (where the bubble shows is a
 * question about this site's views), read by every front-end page without asking the service.
 */
class Site_Bubble_Controller {

	/**
	 * Settings.
	 *
	 * @var Site_Bubble_Settings
	 */
	private $settings;

	/**
	 * Constructor.
	 *
	 * @param Site_Bubble_Settings $settings Settings.
	 */
	public function __construct( Site_Bubble_Settings $settings ) {
		$this->settings = $settings;
	}

	/**
	 * Registers GET and PUT /site-bubble, both for those who manage agents.
	 */
	public function register_routes() {
		$managers = static function () {
			return current_user_can( Capabilities::MANAGE_AGENTS );
		};
		register_rest_route(
			Admin_Proxy_Controller::NAMESPACE_V1,
			'/site-bubble',
			array(
				array(
					'methods'             => 'GET',
					'callback'            => array( $this, 'show' ),
					'permission_callback' => $managers,
				),
				array(
					'methods'             => 'PUT',
					'callback'            => array( $this, 'update' ),
					'permission_callback' => $managers,
				),
			)
		);
	}

	/**
	 * GET → { settings, postTypes: [{ slug, label }] }.
	 *
	 * @return \WP_REST_Response
	 */
	public function show() {
		return $this->answer();
	}

	/**
	 * PUT { enabled, agentId, where, postTypes } → the stored settings, or 400 with field issues
	 * (nothing is stored then).
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function update( $request ) {
		$raw   = array();
		$body  = json_decode( (string) $request->get_body(), true );
		$input = is_array( $body ) ? $body : array();
		foreach ( array( 'enabled', 'agentId', 'where', 'postTypes' ) as $field ) {
			if ( array_key_exists( $field, $input ) ) {
				$raw[ $field ] = $input[ $field ];
			}
		}
		$clean = Site_Bubble_Settings::sanitize( $raw, Site_Bubble_Settings::public_post_types(), true );
		if ( array() !== $clean['issues'] ) {
			return new \WP_Error(
				'invalid_site_bubble',
				$clean['issues'][0]['message'],
				array(
					'status'  => 400,
					'details' => array( 'issues' => $clean['issues'] ),
				)
			);
		}
		$this->settings->save( $clean['settings'] );
		return $this->answer();
	}

	/**
	 * The stored settings and the post types the owner can choose from.
	 *
	 * @return \WP_REST_Response
	 */
	private function answer() {
		return new \WP_REST_Response(
			array(
				'settings'  => $this->settings->get(),
				'postTypes' => Site_Bubble_Settings::public_post_type_choices(),
			)
		);
	}
}
