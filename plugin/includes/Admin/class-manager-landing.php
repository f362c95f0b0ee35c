<?php
/**
 * Affiliate managers land on the leads inbox after logging in.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Admin;

use AffiliateAgent\Roles\Capabilities;

defined( 'ABSPATH' ) || exit;

/**
 * WordPress sends a user without edit_posts to their Profile after login, which is where an
 * affiliate manager has nothing to do. Whoever may review leads but does not run the site
 * (no manage_options) goes to Affiliate Agent → Leads instead, unless the login asked for
 * another page (a link they followed, `redirect_to`).
 */
class Manager_Landing {

	/**
	 * `login_redirect` filter.
	 *
	 * @param string          $redirect_to The destination WordPress chose.
	 * @param string          $requested   The destination the login form asked for ('' when none).
	 * @param \WP_User|object $user        The user who logged in, or a WP_Error when the login failed.
	 * @return string
	 */
	public static function redirect( $redirect_to, $requested, $user ) {
		if ( ! is_object( $user ) || is_wp_error( $user ) || empty( $user->ID ) ) {
			return $redirect_to;
		}
		$user_id = (int) $user->ID;
		if ( ! user_can( $user_id, Capabilities::REVIEW_LEADS ) || user_can( $user_id, 'manage_options' ) ) {
			return $redirect_to;
		}
		if ( ! self::is_default_destination( (string) $requested ) ) {
			return $redirect_to;
		}
		return self::leads_url();
	}

	/**
	 * The leads inbox in the admin app.
	 *
	 * @return string
	 */
	public static function leads_url() {
		return admin_url( 'admin.php?page=' . Admin_Page::SLUG . '#/leads' );
	}

	/**
	 * The login form's own defaults: nothing, the dashboard or the profile.
	 *
	 * @param string $requested Requested destination.
	 * @return bool
	 */
	private static function is_default_destination( $requested ) {
		if ( '' === $requested ) {
			return true;
		}
		$path = (string) wp_parse_url( $requested, PHP_URL_PATH );
		$base = (string) wp_parse_url( admin_url(), PHP_URL_PATH );
		return in_array( $path, array( $base, rtrim( $base, '/' ), $base . 'index.php', $base . 'profile.php' ), true );
	}
}
