<?php
/**
 * The "Affiliate Agent" menu page that mounts the admin app.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Admin;

use AffiliateAgent\Roles\Capabilities;
use AffiliateAgent\Settings\Connection_Setup;
use AffiliateAgent\Settings\Settings;
use AffiliateAgent\Settings\Settings_Page;
use AffiliateAgent\Support\Paths;

defined( 'ABSPATH' ) || exit;

/**
 * The page is open to lead reviewers; the app itself shows affiliate managers only the leads
 * screen, from the capabilities passed in window.affiliateAgentAdmin. The proxy enforces the
 * same rule on every request, so hiding screens is convenience, not security.
 */
class Admin_Page {

	const SLUG          = 'affiliate-agent';
	const SCRIPT_HANDLE = 'affiliate-agent-admin';

	/**
	 * Settings.
	 *
	 * @var Settings
	 */
	private $settings;

	/**
	 * Connection setup, for the saved connection's state.
	 *
	 * @var Connection_Setup|null
	 */
	private $setup;

	/**
	 * Hook suffix of the page, known after add_menu().
	 *
	 * @var string
	 */
	private $hook_suffix = '';

	/**
	 * Constructor.
	 *
	 * @param Settings              $settings Settings.
	 * @param Connection_Setup|null $setup    Connection setup.
	 */
	public function __construct( Settings $settings, ?Connection_Setup $setup = null ) {
		$this->settings = $settings;
		$this->setup    = $setup;
	}

	/**
	 * Adds the top-level menu.
	 */
	public function add_menu() {
		$this->hook_suffix = (string) add_menu_page(
			__( 'Affiliate Agent', 'affiliate-agent' ),
			__( 'Affiliate Agent', 'affiliate-agent' ),
			Capabilities::REVIEW_LEADS,
			self::SLUG,
			array( $this, 'render' ),
			'dashicons-format-chat',
			58
		);
	}

	/**
	 * Enqueues the admin app on its page only.
	 *
	 * @param string $hook_suffix Current admin page.
	 */
	public function enqueue( $hook_suffix ) {
		if ( '' === $this->hook_suffix || $hook_suffix !== $this->hook_suffix ) {
			return;
		}
		$build = Paths::asset_dir( 'build' );
		if ( null === $build || ! is_readable( $build . '/admin-ui/index.js' ) ) {
			return;
		}
		$asset = is_readable( $build . '/admin-ui/index.asset.php' )
			? require $build . '/admin-ui/index.asset.php'
			: array(
				'dependencies' => array(),
				'version'      => AFFILIATE_AGENT_VERSION,
			);
		wp_enqueue_script( self::SCRIPT_HANDLE, Paths::url_of( $build . '/admin-ui/index.js' ), $asset['dependencies'], $asset['version'], true );
		wp_set_script_translations( self::SCRIPT_HANDLE, 'affiliate-agent', (string) Paths::asset_dir( 'languages' ) );
		wp_add_inline_script( self::SCRIPT_HANDLE, 'window.affiliateAgentAdmin = ' . wp_json_encode( $this->app_config( get_current_user_id() ) ) . ';', 'before' );
		if ( is_readable( $build . '/admin-ui/index.css' ) ) {
			wp_enqueue_style( self::SCRIPT_HANDLE, Paths::url_of( $build . '/admin-ui/index.css' ), array( 'wp-components' ), $asset['version'] );
		} elseif ( in_array( 'wp-components', $asset['dependencies'], true ) ) {
			wp_enqueue_style( 'wp-components' );
		}
	}

	/**
	 * What the app needs to know about the user and the site.
	 *
	 * @param int $user_id Current user.
	 * @return array<string,mixed>
	 */
	public function app_config( $user_id ) {
		$capabilities = Capabilities::of_user( $user_id );
		return array(
			'restPath'          => '/affiliate-agent/v1/admin',
			'restNamespace'     => 'affiliate-agent/v1',
			'capabilities'      => $capabilities,
			'canManage'         => in_array( Capabilities::MANAGE_AGENTS, $capabilities, true ),
			'canReview'         => in_array( Capabilities::REVIEW_LEADS, $capabilities, true ),
			'adminUrl'          => admin_url(),
			'settingsUrl'       => in_array( Capabilities::MANAGE_AGENTS, $capabilities, true ) ? Settings_Page::url() : null,
			'serviceConfigured' => $this->settings->is_configured(),
			'connection'        => null !== $this->setup && in_array( Capabilities::MANAGE_AGENTS, $capabilities, true ) ? $this->setup->state() : null,
			'newPageUrl'        => admin_url( 'post-new.php?post_type=page' ),
			'publicServiceUrl'  => $this->settings->public_service_url(),
			'siteOrigin'        => Settings::site_origin(),
			'affiliateWpActive' => Capabilities::affiliatewp_active(),
			'pluginVersion'     => AFFILIATE_AGENT_VERSION,
		);
	}

	/**
	 * The mount point; a clear message when the app was not built.
	 */
	public function render() {
		$build = Paths::asset_dir( 'build' );
		echo '<div class="wrap"><div id="affiliate-agent-admin"></div>';
		if ( null === $build || ! is_readable( $build . '/admin-ui/index.js' ) ) {
			echo '<div class="notice notice-error"><p>' . esc_html__( 'The Affiliate Agent admin app is missing from this installation (build/admin-ui). Reinstall the plugin from its release zip, or run `npm run build` in a development checkout.', 'affiliate-agent' ) . '</p></div>';
		}
		echo '</div>';
	}
}
