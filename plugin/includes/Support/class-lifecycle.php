<?php
/**
 * Activation and deactivation.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Support;

use AffiliateAgent\Roles\Capabilities;

defined( 'ABSPATH' ) || exit;

/**
 * Deactivation keeps every setting and role on purpose: a store owner who deactivates to debug
 * a conflict must not lose the connection. Only uninstall.php removes them.
 */
class Lifecycle {

	/**
	 * Adds the roles and capabilities.
	 */
	public static function activate() {
		Capabilities::install();
	}

	/**
	 * Keeps settings, roles and capabilities (see the class comment); the service keeps running
	 * on its own, so nothing needs stopping here. Registered so the intent is visible.
	 */
	public static function deactivate() {
		do_action( 'affiliate_agent_deactivated' );
	}
}
