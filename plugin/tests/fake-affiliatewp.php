<?php
/**
 * A stand-in for AffiliateWP's PHP API, enough to test the bridge's logic.
 * Affiliates live in $GLOBALS['wp_test']['affiliates'].
 *
 * @package AffiliateAgent
 */

define( 'AFFILIATEWP_VERSION', '2.25.1' );

class WP_Test_AffiliateWP_Affiliates {
	public function get_affiliates( $args ) {
		$ids = array();
		foreach ( $GLOBALS['wp_test']['affiliates'] as $affiliate ) {
			if ( isset( $args['payment_email'] ) && $affiliate->payment_email === $args['payment_email'] ) {
				$ids[] = $affiliate->affiliate_id;
			}
		}
		return $ids;
	}
}

/** `affiliate_wp()->settings->get( $key, $default )` over $GLOBALS['wp_test']['affwp_settings']. */
class WP_Test_AffiliateWP_Settings {
	public function get( $key, $default = false ) {
		$settings = isset( $GLOBALS['wp_test']['affwp_settings'] ) ? $GLOBALS['wp_test']['affwp_settings'] : array();
		return array_key_exists( $key, $settings ) ? $settings[ $key ] : $default;
	}
}

function affiliate_wp() {
	return (object) array(
		'affiliates' => new WP_Test_AffiliateWP_Affiliates(),
		'settings'   => new WP_Test_AffiliateWP_Settings(),
	);
}
function affwp_get_affiliate( $affiliate_id ) {
	return isset( $GLOBALS['wp_test']['affiliates'][ (int) $affiliate_id ] ) ? $GLOBALS['wp_test']['affiliates'][ (int) $affiliate_id ] : false;
}
function affwp_get_affiliate_id( $user_id ) {
	foreach ( $GLOBALS['wp_test']['affiliates'] as $affiliate ) {
		if ( $affiliate->user_id === (int) $user_id ) {
			return $affiliate->affiliate_id;
		}
	}
	return false;
}
function affwp_add_affiliate( $data ) {
	if ( affwp_get_affiliate_id( $data['user_id'] ) ) {
		return false;
	}
	$affiliate_id = count( $GLOBALS['wp_test']['affiliates'] ) + 1;
	$GLOBALS['wp_test']['affiliates'][ $affiliate_id ] = (object) array(
		'affiliate_id'    => $affiliate_id,
		'rest_id'         => '',
		'user_id'         => (int) $data['user_id'],
		'rate'            => '',
		'rate_type'       => '',
		'flat_rate_basis' => '',
		'payment_email'   => $data['payment_email'],
		'status'          => $data['status'],
		'earnings'        => '0.00',
		'unpaid_earnings' => '0.00',
		'referrals'       => '0',
		'visits'          => '0',
		'date_registered' => '2026-11-25 03:00:00',
		'notes'           => isset( $data['notes'] ) ? $data['notes'] : '',
	);
	return $affiliate_id;
}
/**
 * As AffiliateWP 2.6+ (includes/affiliate-functions.php): the hook fires BEFORE the status is
 * stored, and also when it does not change; then a no-op returns false and a change is stored.
 * `$GLOBALS['wp_test']['affwp_store_fails']` makes the store fail after the hook, as a DB error would.
 */
function affwp_set_affiliate_status( $affiliate_id, $status = '' ) {
	$affiliate = affwp_get_affiliate( $affiliate_id );
	if ( ! $affiliate ) {
		return false;
	}
	$old_status = $affiliate->status;
	do_action( 'affwp_set_affiliate_status', (int) $affiliate_id, $status, $old_status );
	if ( $status === $old_status || ! empty( $GLOBALS['wp_test']['affwp_store_fails'] ) ) {
		return false;
	}
	$GLOBALS['wp_test']['affiliates'][ (int) $affiliate_id ]->status = $status;
	return true;
}
function affwp_get_affiliate_status( $affiliate_id ) {
	$affiliate = affwp_get_affiliate( $affiliate_id );
	return $affiliate ? $affiliate->status : false;
}
function affwp_update_affiliate( $data ) {
	$GLOBALS['wp_test']['affiliates'][ (int) $data['affiliate_id'] ]->payment_email = $data['payment_email'];
	return true;
}
function affwp_get_affiliate_referral_url( $args ) {
	return 'https://shop.example/ref/' . $args['affiliate_id'] . '/';
}
