<?php
/**
 * The plugin's capabilities and the Affiliate manager role.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Roles;

defined( 'ABSPATH' ) || exit;

/**
 * Two capabilities split the work: aa_manage_agents (agents, actions, knowledge, playground,
 * settings) for administrators, and aa_review_leads (list, read, export, annotate, approve and
 * reject leads) for administrators and affiliate managers. The service receives them signed on
 * every proxied request and checks them again.
 */
class Capabilities {

	const MANAGE_AGENTS = 'aa_manage_agents';
	const REVIEW_LEADS  = 'aa_review_leads';
	const MANAGER_ROLE  = 'aa_affiliate_manager';

	/**
	 * Bumped when the role or capability layout changes, so existing sites are upgraded on init.
	 */
	const SCHEMA_VERSION = '1';
	const OPTION_VERSION = 'affiliate_agent_roles_version';

	/**
	 * Every capability the plugin defines.
	 *
	 * @return string[]
	 */
	public static function all() {
		return array( self::MANAGE_AGENTS, self::REVIEW_LEADS );
	}

	/**
	 * Adds the role and grants the capabilities to administrators.
	 */
	public static function install() {
		$administrator = get_role( 'administrator' );
		if ( $administrator ) {
			$administrator->add_cap( self::MANAGE_AGENTS );
			$administrator->add_cap( self::REVIEW_LEADS );
		}
		if ( ! get_role( self::MANAGER_ROLE ) ) {
			add_role(
				self::MANAGER_ROLE,
				/* translators: Name of a user role that may review leads but not manage agents. */
				__( 'Affiliate manager', 'affiliate-agent' ),
				array(
					'read'             => true,
					self::REVIEW_LEADS => true,
				)
			);
		}
		update_option( self::OPTION_VERSION, self::SCHEMA_VERSION, true );
	}

	/**
	 * Installs roles on sites that updated the plugin files without re-activating it.
	 */
	public static function ensure_installed() {
		if ( self::SCHEMA_VERSION !== get_option( self::OPTION_VERSION ) ) {
			self::install();
		}
	}

	/**
	 * Removes the role and every grant of the capabilities (uninstall only).
	 */
	public static function uninstall() {
		remove_role( self::MANAGER_ROLE );
		foreach ( wp_roles()->role_objects as $role ) {
			foreach ( self::all() as $capability ) {
				$role->remove_cap( $capability );
			}
		}
		delete_option( self::OPTION_VERSION );
	}

	/**
	 * `user_has_cap` filter: where AffiliateWP is active, whoever may manage affiliates may review
	 * the leads that become affiliates. Granted at check time, never stored, so deactivating
	 * AffiliateWP takes it away again.
	 *
	 * @param array<string,bool> $allcaps The user's capabilities.
	 * @return array<string,bool>
	 */
	public static function grant_to_affiliate_managers( $allcaps ) {
		if ( ! empty( $allcaps['manage_affiliates'] ) && empty( $allcaps[ self::REVIEW_LEADS ] ) && self::affiliatewp_active() ) {
			$allcaps[ self::REVIEW_LEADS ] = true;
		}
		return $allcaps;
	}

	/**
	 * Whether AffiliateWP is loaded.
	 *
	 * @return bool
	 */
	public static function affiliatewp_active() {
		return (bool) apply_filters( 'affiliate_agent_affiliatewp_active', function_exists( 'affiliate_wp' ) && function_exists( 'affwp_get_affiliate' ) );
	}

	/**
	 * The plugin's capabilities a user holds, sorted, as the signature header carries them.
	 *
	 * @param int $user_id User id (0 = nobody).
	 * @return string[]
	 */
	public static function of_user( $user_id ) {
		$held = array();
		if ( $user_id > 0 ) {
			foreach ( self::all() as $capability ) {
				if ( user_can( $user_id, $capability ) ) {
					$held[] = $capability;
				}
			}
		}
		sort( $held, SORT_STRING );
		return $held;
	}
}
