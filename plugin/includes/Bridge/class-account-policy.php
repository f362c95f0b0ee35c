<?php
/**
 * Which WordPress accounts an applicant from the chat may get or be linked to.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Bridge;

defined( 'ABSPATH' ) || exit;

/**
 * A chat visitor is anonymous: typing an email proves nothing. So the bridge creates accounts only
 * where the site lets anyone register anyway, and links an existing account only when the service
 * says the visitor proved the email and the account holds no role above subscriber/customer — an
 * editor's or administrator's account never becomes an affiliate from the chat (issue 12, attack 3).
 */
class Account_Policy {

	/** Our own switch (Settings), off by default: create accounts even though registration is closed. */
	const CREATE_USERS_OPTION = 'affiliate_agent_create_users';

	/** Roles an applicant's existing account may hold to be linked without the manager. */
	const LINKABLE_ROLES = array( 'subscriber', 'customer' );

	/**
	 * Whether the bridge may create a WordPress user for an applicant.
	 *
	 * @return bool
	 */
	public static function may_create_users() {
		if ( (bool) get_option( 'users_can_register' ) || (bool) get_option( self::CREATE_USERS_OPTION, false ) ) {
			return true;
		}
		$affiliate_wp = function_exists( 'affiliate_wp' ) ? affiliate_wp() : null;
		if ( $affiliate_wp && isset( $affiliate_wp->settings ) && is_object( $affiliate_wp->settings ) && method_exists( $affiliate_wp->settings, 'get' ) ) {
			return (bool) $affiliate_wp->settings->get( 'allow_affiliate_registration' );
		}
		return false;
	}

	/**
	 * Whether an existing account may be linked to an applicant's new affiliate.
	 *
	 * @param object $user           The account whose email the applicant typed.
	 * @param bool   $email_verified The service proved the applicant owns the email.
	 * @return bool
	 */
	public static function may_link( $user, $email_verified ) {
		if ( ! $email_verified ) {
			return false;
		}
		$roles = isset( $user->roles ) && is_array( $user->roles ) ? $user->roles : array();
		return array() === array_diff( $roles, self::LINKABLE_ROLES );
	}
}
