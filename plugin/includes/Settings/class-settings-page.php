<?php
/**
 * Settings → Affiliate Agent: kept only as a way in to the app's one Settings screen.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Settings;

use AffiliateAgent\Admin\Admin_Page;
use AffiliateAgent\Roles\Capabilities;

defined( 'ABSPATH' ) || exit;

/**
 * The connection and the deliveries are set on one screen, Affiliate Agent → Settings in the admin
 * app (it reaches the plugin's own connection route, so it works before the service answers).
 * Owners look under Settings too, and older notes link there, so the entry stays and redirects.
 */
class Settings_Page {

	const SLUG = 'affiliate-agent-settings';

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
	 * Adds Settings → Affiliate Agent, which redirects before any output.
	 */
	public function add_menu() {
		$hook = add_options_page(
			__( 'Affiliate Agent settings', 'affiliate-agent' ),
			__( 'Affiliate Agent', 'affiliate-agent' ),
			Capabilities::MANAGE_AGENTS,
			self::SLUG,
			'__return_null'
		);
		if ( $hook ) {
			add_action( 'load-' . $hook, array( $this, 'redirect' ) );
		}
	}

	/**
	 * Sends the old options page to the app's Settings screen.
	 */
	public function redirect() {
		wp_safe_redirect( self::url() );
		exit;
	}

	/**
	 * URL of Affiliate Agent → Settings (the app's screen).
	 *
	 * @return string
	 */
	public static function url() {
		return admin_url( 'admin.php?page=' . Admin_Page::SLUG ) . '#/settings';
	}

	/**
	 * "Settings" link on the Plugins screen.
	 *
	 * @param string[] $links Links.
	 * @return string[]
	 */
	public function action_links( $links ) {
		if ( current_user_can( Capabilities::MANAGE_AGENTS ) ) {
			array_unshift( $links, '<a href="' . esc_url( self::url() ) . '">' . esc_html__( 'Settings', 'affiliate-agent' ) . '</a>' );
		}
		return $links;
	}

	/**
	 * Reminds administrators to connect, except inside the app (its Settings screen shows the field).
	 */
	public function notice_when_not_connected() {
		if ( $this->settings->is_configured() || ! current_user_can( Capabilities::MANAGE_AGENTS ) ) {
			return;
		}
		$screen = function_exists( 'get_current_screen' ) ? get_current_screen() : null;
		if ( $screen && 'toplevel_page_' . Admin_Page::SLUG === $screen->id ) {
			return;
		}
		printf(
			'<div class="notice notice-warning"><p>%s <a href="%s">%s</a></p></div>',
			esc_html__( 'Affiliate Agent is not connected to its service yet.', 'affiliate-agent' ),
			esc_url( self::url() ),
			esc_html__( 'Paste the connection key in Affiliate Agent → Settings', 'affiliate-agent' )
		);
	}
}
