<?php
/**
 * Plugin Name:       Affiliate Agent
 * Plugin URI:        https://github.com/affiliate-agent/affiliate-agent
 * Description:       An AI chat agent for affiliate programs: answers from your own pages, runs no-code custom actions such as affiliate applications, and qualifies and routes leads for your affiliate managers.
 * Version:           0.1.0
 * Requires at least: 6.5
 * Requires PHP:      7.4
 * Author:            Affiliate Agent contributors
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       affiliate-agent
 * Domain Path:       /languages
 *
 * @package AffiliateAgent
 */

defined( 'ABSPATH' ) || exit;

define( 'AFFILIATE_AGENT_VERSION', '0.1.0' );
define( 'AFFILIATE_AGENT_FILE', __FILE__ );
define( 'AFFILIATE_AGENT_MIN_PHP', '7.4' );
define( 'AFFILIATE_AGENT_MIN_WP', '6.5' );

/**
 * Lists what this site lacks to run the plugin; empty when all is well.
 *
 * Checked before any class loads, so an old PHP or WordPress gets an admin notice
 * instead of a fatal error on a syntax or function it does not know.
 *
 * @return string[] Human-readable problems.
 */
function affiliate_agent_requirement_problems() {
	global $wp_version;
	$problems = array();
	if ( version_compare( PHP_VERSION, AFFILIATE_AGENT_MIN_PHP, '<' ) ) {
		/* translators: 1: required PHP version, 2: running PHP version. */
		$problems[] = sprintf( __( 'Affiliate Agent needs PHP %1$s or newer; this site runs PHP %2$s.', 'affiliate-agent' ), AFFILIATE_AGENT_MIN_PHP, PHP_VERSION );
	}
	if ( isset( $wp_version ) && version_compare( $wp_version, AFFILIATE_AGENT_MIN_WP, '<' ) ) {
		/* translators: 1: required WordPress version, 2: running WordPress version. */
		$problems[] = sprintf( __( 'Affiliate Agent needs WordPress %1$s or newer; this site runs WordPress %2$s.', 'affiliate-agent' ), AFFILIATE_AGENT_MIN_WP, $wp_version );
	}
	if ( ! function_exists( 'hash_hmac' ) || ! in_array( 'sha256', hash_hmac_algos(), true ) ) {
		$problems[] = __( 'Affiliate Agent needs the PHP hash extension with HMAC-SHA256 to sign requests.', 'affiliate-agent' );
	}
	return $problems;
}

/**
 * Maps AffiliateAgent\Rest\Session_Controller to includes/Rest/class-session-controller.php
 * (namespace = folder, WordPress file naming; interfaces use the interface- prefix).
 *
 * @param string $class_name Fully qualified class name.
 */
function affiliate_agent_autoload( $class_name ) {
	$prefix = 'AffiliateAgent\\';
	if ( 0 !== strpos( $class_name, $prefix ) ) {
		return;
	}
	$parts = explode( '\\', substr( $class_name, strlen( $prefix ) ) );
	$class = array_pop( $parts );
	$folder = __DIR__ . '/includes/' . ( $parts ? implode( '/', $parts ) . '/' : '' );
	$name   = strtolower( str_replace( '_', '-', $class ) ) . '.php';
	foreach ( array( 'class-', 'interface-' ) as $kind ) {
		if ( is_readable( $folder . $kind . $name ) ) {
			require $folder . $kind . $name;
			return;
		}
	}
}

/**
 * Every hook the plugin uses, in one place, so the whole wiring can be read at a glance.
 */
function affiliate_agent_add_hooks() {
	$settings = new AffiliateAgent\Settings\Settings();
	$service  = new AffiliateAgent\Service\Service_Client( $settings );

	// Lifecycle and translations.
	add_action( 'init', array( AffiliateAgent\Support\Paths::class, 'load_textdomain' ) );
	add_action( 'init', array( AffiliateAgent\Roles\Capabilities::class, 'ensure_installed' ) );

	// Capabilities: AffiliateWP managers may review leads.
	add_filter( 'user_has_cap', array( AffiliateAgent\Roles\Capabilities::class, 'grant_to_affiliate_managers' ), 10, 1 );

	// The chat block, registered from its build manifest (block.json is the contract).
	add_action( 'init', array( AffiliateAgent\Support\Blocks::class, 'register' ) );
	// Its agent's appearance and state at render time (render.php applies this filter).
	add_filter( 'affiliate_agent_chat_agent', array( new AffiliateAgent\Support\Chat_Agents( $service ), 'lookup' ), 10, 2 );
	add_filter( 'rest_request_after_callbacks', array( AffiliateAgent\Support\Chat_Agents::class, 'flush_after_agent_change' ), 10, 3 );
	// The site-wide bubble: the same block, rendered in the footer of the chosen views unless one is placed.
	$site_bubble_settings = new AffiliateAgent\Settings\Site_Bubble_Settings();
	$site_bubble          = new AffiliateAgent\Support\Site_Bubble( $site_bubble_settings );
	add_filter( 'render_block_affiliate-agent/chat', array( $site_bubble, 'note_block' ), 10, 1 );
	add_action( 'wp_footer', array( $site_bubble, 'print_bubble' ), 5 );

	// wp-admin: the admin app and the settings screen.
	$tester        = new AffiliateAgent\Settings\Connection_Tester( $settings, $service );
	$setup         = new AffiliateAgent\Settings\Connection_Setup( $settings, $tester, $service );
	$admin_page    = new AffiliateAgent\Admin\Admin_Page( $settings, $setup );
	$settings_page = new AffiliateAgent\Settings\Settings_Page( $settings );
	add_action( 'admin_menu', array( $admin_page, 'add_menu' ) );
	add_action( 'admin_menu', array( $settings_page, 'add_menu' ) );
	// The new priority leads bubble on the menu item, and affiliate managers land on Leads.
	$new_leads = new AffiliateAgent\Admin\New_Leads_Count( $service );
	add_action( 'admin_menu', array( $new_leads, 'decorate_menu' ), 20 );
	add_filter( 'rest_request_after_callbacks', array( AffiliateAgent\Admin\New_Leads_Count::class, 'flush_after_lead_change' ), 10, 3 );
	add_filter( 'login_redirect', array( AffiliateAgent\Admin\Manager_Landing::class, 'redirect' ), 10, 3 );
	add_action( 'admin_enqueue_scripts', array( $admin_page, 'enqueue' ) );
	add_action( 'admin_notices', array( $settings_page, 'notice_when_not_connected' ) );
	add_filter( 'plugin_action_links_' . plugin_basename( __FILE__ ), array( $settings_page, 'action_links' ) );

	// Site content: keep the service's knowledge in sync on save and delete; failed pushes wait in a queue.
	$content_sync = new AffiliateAgent\Content\Content_Sync( $service );
	add_action( 'save_post', array( $content_sync, 'on_save_post' ), 20, 2 );
	add_action( 'before_delete_post', array( $content_sync, 'on_delete_post' ), 10, 1 );
	add_action( 'shutdown', array( $content_sync, 'flush' ) );
	add_action( AffiliateAgent\Content\Push_Queue::CRON_HOOK, array( $content_sync, 'retry_queued' ), 10, 0 );

	// REST routes: admin proxy, tokens, visitor sessions, bridge, connection test.
	$nonces     = new AffiliateAgent\Security\Transient_Nonce_Store();
	$controllers = array(
		new AffiliateAgent\Rest\Admin_Proxy_Controller( $service ),
		new AffiliateAgent\Rest\Admin_Token_Controller( $settings ),
		new AffiliateAgent\Rest\Session_Controller( $settings, new AffiliateAgent\Security\Rate_Limiter( 'session' ) ),
		new AffiliateAgent\Rest\Block_Agents_Controller( $service ),
		new AffiliateAgent\Rest\Connection_Controller( $tester, $setup ),
		new AffiliateAgent\Rest\Setup_Controller( new AffiliateAgent\Admin\Setup_Progress() ),
		new AffiliateAgent\Rest\Bridge_Controller( $settings, $nonces ),
		new AffiliateAgent\Rest\People_Controller(),
		new AffiliateAgent\Rest\Site_Bubble_Controller( $site_bubble_settings ),
		new AffiliateAgent\Rest\Knowledge_Sync_Controller( $content_sync ),
	);
	add_action(
		'rest_api_init',
		static function () use ( $controllers ) {
			foreach ( $controllers as $controller ) {
				$controller->register_routes();
			}
		}
	);
	add_filter( 'rest_pre_serve_request', array( AffiliateAgent\Rest\Raw_Body::class, 'serve' ), 10, 4 );

	// Two-way status: a status changed in AffiliateWP's own screens moves the lead that owns the affiliate.
	// The hook fires before AffiliateWP stores the status, so the report waits for shutdown.
	$status_listener = new AffiliateAgent\Bridge\Affiliate_Status_Listener( $service );
	add_action( 'affwp_set_affiliate_status', array( $status_listener, 'on_set_status' ), 10, 3 );
	add_action( 'shutdown', array( $status_listener, 'flush' ) );

	// Privacy tools: leads and conversations live in the service.
	$privacy = new AffiliateAgent\Privacy\Privacy_Tools( $service );
	add_filter( 'wp_privacy_personal_data_exporters', array( $privacy, 'register_exporter' ) );
	add_filter( 'wp_privacy_personal_data_erasers', array( $privacy, 'register_eraser' ) );
	add_action( 'admin_init', array( $privacy, 'add_policy_text' ) );
}

/**
 * Shows why the plugin is idle instead of breaking the site.
 */
function affiliate_agent_requirements_notice() {
	if ( ! current_user_can( 'activate_plugins' ) ) {
		return;
	}
	foreach ( affiliate_agent_requirement_problems() as $problem ) {
		echo '<div class="notice notice-error"><p>' . esc_html( $problem ) . '</p></div>';
	}
}

if ( affiliate_agent_requirement_problems() ) {
	add_action( 'admin_notices', 'affiliate_agent_requirements_notice' );
	return;
}

spl_autoload_register( 'affiliate_agent_autoload' );
register_activation_hook( __FILE__, array( AffiliateAgent\Support\Lifecycle::class, 'activate' ) );
register_deactivation_hook( __FILE__, array( AffiliateAgent\Support\Lifecycle::class, 'deactivate' ) );
affiliate_agent_add_hooks();
