<?php
/**
 * Plugin Name: Fake AffiliateWP (tests only)
 * Description: Stands in for AffiliateWP's PHP API offline; affiliates live in one option.
 *
 * AffiliateWP is a paid plugin and cannot be installed offline. The Affiliate Agent bridge only
 * uses its public PHP API, so this file implements that API as described in
 * docs/affiliatewp-rest.md ("Its PHP API inside WordPress", "Affiliate object",
 * "Referral URL", "Hooks worth knowing") — nothing more. It stands in for the outside world:
 * the plugin under test must not know it is talking to a fake.
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

if ( ! defined( 'AFFILIATEWP_VERSION' ) ) {
	define( 'AFFILIATEWP_VERSION', '2.8.0-fake' );
}

const AA_FAKE_AFFWP_OPTION = 'aa_fake_affiliatewp_affiliates';

/** The affiliate object's shape and types, as AffWP\Affiliate exposes them. */
final class AA_Fake_AffWP_Affiliate {
	public $affiliate_id    = 0;
	public $rest_id         = '';
	public $user_id         = 0;
	public $rate            = '';
	public $rate_type       = '';
	public $flat_rate_basis = '';
	public $payment_email   = '';
	public $status          = 'pending';
	public $earnings        = 0.0;
	public $unpaid_earnings = 0.0;
	public $referrals       = 0;
	public $visits          = 0;
	public $date_registered = '';
	public $notes           = '';

	public function __construct( array $row ) {
		foreach ( $row as $key => $value ) {
			if ( property_exists( $this, $key ) ) {
				$this->$key = $value;
			}
		}
		$this->affiliate_id    = (int) $this->affiliate_id;
		$this->user_id         = (int) $this->user_id;
		$this->referrals       = (int) $this->referrals;
		$this->visits          = (int) $this->visits;
		$this->earnings        = (float) $this->earnings;
		$this->unpaid_earnings = (float) $this->unpaid_earnings;
	}

	public function __get( $name ) {
		return 'ID' === $name || 'id' === $name ? $this->affiliate_id : null;
	}

	public function to_array() {
		$data       = get_object_vars( $this );
		$data['id'] = $this->affiliate_id;
		unset( $data['notes'] );
		return $data;
	}
}

/** Minimal affiliate_wp()->affiliates->get_by() for code that looks affiliates up that way. */
final class AA_Fake_AffWP_Affiliates_DB {
	public function get_by( $column, $value ) {
		foreach ( aa_fake_affwp_all() as $row ) {
			if ( isset( $row[ $column ] ) && (string) $row[ $column ] === (string) $value ) {
				return new AA_Fake_AffWP_Affiliate( $row );
			}
		}
		return false;
	}

	/** The arguments AffiliateWP's Affiliates DB accepts that matter here: filters, number, fields. */
	public function get_affiliates( $args = array() ) {
		$args = wp_parse_args( $args, array( 'number' => 20, 'offset' => 0, 'fields' => '' ) );
		$rows = array_values( aa_fake_affwp_all() );
		foreach ( array( 'status', 'payment_email', 'user_id', 'affiliate_id' ) as $filter ) {
			if ( isset( $args[ $filter ] ) && '' !== $args[ $filter ] ) {
				$wanted = (string) $args[ $filter ];
				$rows   = array_values( array_filter( $rows, static fn( $row ) => isset( $row[ $filter ] ) && strtolower( (string) $row[ $filter ] ) === strtolower( $wanted ) ) );
			}
		}
		$number = (int) $args['number'];
		$rows   = array_slice( $rows, (int) $args['offset'], $number > 0 ? $number : null );
		if ( 'ids' === $args['fields'] ) {
			return array_map( static fn( $row ) => (int) $row['affiliate_id'], $rows );
		}
		return array_map( static fn( $row ) => new AA_Fake_AffWP_Affiliate( $row ), $rows );
	}
}

/**
 * AffiliateWP's settings API: `affiliate_wp()->settings->get( $key, $default )` over the
 * `affwp_settings` option. The test shop runs an open program, so the install seeds
 * "Allow affiliate registration" on, as an owner taking applications would have it.
 */
final class AA_Fake_AffWP_Settings {
	public function get( $key, $default = false ) {
		$settings = get_option( 'affwp_settings', array() );
		return is_array( $settings ) && array_key_exists( $key, $settings ) ? $settings[ $key ] : $default;
	}
}

// Seeded once the site exists (during installation there is no options table yet).
add_action(
	'init',
	static function () {
		if ( ! wp_installing() ) {
			add_option( 'affwp_settings', array( 'allow_affiliate_registration' => 1 ) );
		}
	}
);

final class Affiliate_WP {
	public $affiliates;
	public $settings;
	public $version = AFFILIATEWP_VERSION;
	private static $instance;

	public static function instance() {
		if ( ! self::$instance ) {
			self::$instance             = new self();
			self::$instance->affiliates = new AA_Fake_AffWP_Affiliates_DB();
			self::$instance->settings   = new AA_Fake_AffWP_Settings();
		}
		return self::$instance;
	}
}

function affiliate_wp() {
	return Affiliate_WP::instance();
}

function aa_fake_affwp_all() {
	$rows = get_option( AA_FAKE_AFFWP_OPTION, array() );
	return is_array( $rows ) ? $rows : array();
}

function aa_fake_affwp_save( array $row ) {
	$rows                           = aa_fake_affwp_all();
	$rows[ $row['affiliate_id'] ]   = $row;
	update_option( AA_FAKE_AFFWP_OPTION, $rows, false );
}

/** Returns the new affiliate id, or false (also when the user already is an affiliate). */
function affwp_add_affiliate( $data = array() ) {
	$data = (array) $data;
	if ( empty( $data['user_id'] ) && ! empty( $data['user_email'] ) ) {
		$existing = get_user_by( 'email', $data['user_email'] );
		if ( $existing ) {
			$data['user_id'] = $existing->ID;
		} else {
			$login   = sanitize_user( ! empty( $data['user_login'] ) ? $data['user_login'] : $data['user_email'], true );
			$user_id = wp_insert_user(
				array(
					'user_login'   => $login,
					'user_email'   => sanitize_email( $data['user_email'] ),
					'user_pass'    => wp_generate_password( 24 ),
					'display_name' => ! empty( $data['display_name'] ) ? $data['display_name'] : $login,
					'user_url'     => ! empty( $data['website_url'] ) ? esc_url_raw( $data['website_url'] ) : '',
				)
			);
			if ( is_wp_error( $user_id ) ) {
				return false;
			}
			$data['user_id'] = $user_id;
		}
	}
	if ( empty( $data['user_id'] ) ) {
		return false;
	}
	$user_id = absint( $data['user_id'] );
	if ( affwp_get_affiliate_id( $user_id ) ) {
		return false;
	}
	$rows = aa_fake_affwp_all();
	$id   = $rows ? max( array_keys( $rows ) ) + 1 : 1;
	$user = get_userdata( $user_id );
	$row  = array(
		'affiliate_id'    => $id,
		'user_id'         => $user_id,
		'rate'            => isset( $data['rate'] ) ? (string) $data['rate'] : '',
		'rate_type'       => isset( $data['rate_type'] ) ? (string) $data['rate_type'] : '',
		'flat_rate_basis' => isset( $data['flat_rate_basis'] ) ? (string) $data['flat_rate_basis'] : '',
		'payment_email'   => ! empty( $data['payment_email'] ) && is_email( $data['payment_email'] ) ? $data['payment_email'] : ( $user ? $user->user_email : '' ),
		'status'          => ! empty( $data['status'] ) ? (string) $data['status'] : 'pending',
		'date_registered' => gmdate( 'Y-m-d H:i:s' ),
		'notes'           => isset( $data['notes'] ) ? (string) $data['notes'] : '',
	);
	aa_fake_affwp_save( $row );
	do_action( 'affwp_insert_affiliate', $id, $row );
	return $id;
}

/**
 * Needs affiliate_id; an invalid payment_email is silently ignored, as in AffiliateWP. As
 * AffiliateWP's affwp_update_affiliate() (includes/affiliate-functions.php): a different `status`
 * goes through affwp_set_affiliate_status() first, then the row is stored and
 * `affwp_updated_affiliate( $affiliate, $updated )` fires with the updated object and a bool.
 */
function affwp_update_affiliate( $data = array() ) {
	$data = (array) $data;
	$id   = isset( $data['affiliate_id'] ) ? absint( $data['affiliate_id'] ) : 0;
	$rows = aa_fake_affwp_all();
	if ( ! $id || ! isset( $rows[ $id ] ) ) {
		return false;
	}
	if ( isset( $data['status'] ) && $data['status'] !== $rows[ $id ]['status'] ) {
		affwp_set_affiliate_status( $id, (string) $data['status'] );
		$rows = aa_fake_affwp_all();
	}
	$row = $rows[ $id ];
	foreach ( array( 'rate', 'rate_type', 'flat_rate_basis', 'notes' ) as $key ) {
		if ( isset( $data[ $key ] ) ) {
			$row[ $key ] = (string) $data[ $key ];
		}
	}
	if ( ! empty( $data['payment_email'] ) && is_email( $data['payment_email'] ) ) {
		$row['payment_email'] = $data['payment_email'];
	}
	aa_fake_affwp_save( $row );
	do_action( 'affwp_updated_affiliate', new AA_Fake_AffWP_Affiliate( $row ), true );
	return true;
}

/**
 * As AffiliateWP 2.6+: `affwp_set_affiliate_status( $affiliate_id, $status, $old_status )` fires
 * just BEFORE the new status is stored, and also when it does not change; a no-op then returns
 * false without storing. (AffiliateWP does not validate the status here either; the fake refuses
 * unknown ones so a typo in a test fails loudly.)
 */
function affwp_set_affiliate_status( $affiliate, $status = '' ) {
	$id   = is_object( $affiliate ) ? (int) $affiliate->affiliate_id : absint( $affiliate );
	$rows = aa_fake_affwp_all();
	if ( ! $id || ! isset( $rows[ $id ] ) || ! in_array( $status, array( 'active', 'inactive', 'pending', 'rejected' ), true ) ) {
		return false;
	}
	$old = $rows[ $id ]['status'];
	do_action( 'affwp_set_affiliate_status', $id, $status, $old );
	if ( $status === $old ) {
		return false;
	}
	$rows                  = aa_fake_affwp_all();
	$rows[ $id ]['status'] = $status;
	aa_fake_affwp_save( $rows[ $id ] );
	return true;
}

/** By id, by affiliate object, or by the user's login. */
function affwp_get_affiliate( $affiliate = 0 ) {
	if ( is_object( $affiliate ) && isset( $affiliate->affiliate_id ) ) {
		$affiliate = $affiliate->affiliate_id;
	}
	$rows = aa_fake_affwp_all();
	if ( is_numeric( $affiliate ) ) {
		return isset( $rows[ (int) $affiliate ] ) ? new AA_Fake_AffWP_Affiliate( $rows[ (int) $affiliate ] ) : false;
	}
	$user = get_user_by( 'login', (string) $affiliate );
	return $user ? affiliate_wp()->affiliates->get_by( 'user_id', $user->ID ) : false;
}

function affwp_get_affiliate_id( $user_id = 0 ) {
	$user_id = $user_id ? absint( $user_id ) : get_current_user_id();
	$found   = affiliate_wp()->affiliates->get_by( 'user_id', $user_id );
	return $found ? $found->affiliate_id : false;
}

function affwp_get_affiliate_status( $affiliate ) {
	$found = affwp_get_affiliate( $affiliate );
	return $found ? $found->status : false;
}

function affwp_get_affiliate_email( $affiliate ) {
	$found = affwp_get_affiliate( $affiliate );
	$user  = $found ? get_userdata( $found->user_id ) : false;
	return $user ? $user->user_email : false;
}

function affwp_get_affiliate_payment_email( $affiliate ) {
	$found = affwp_get_affiliate( $affiliate );
	return $found ? $found->payment_email : false;
}

/** Pretty permalinks give {base}/ref/{id}/, else {base}?ref={id} (the default referral variable). */
function affwp_get_affiliate_referral_url( $args = array() ) {
	$args         = wp_parse_args( $args, array( 'affiliate_id' => 0, 'base_url' => '' ) );
	$affiliate_id = $args['affiliate_id'] ? absint( $args['affiliate_id'] ) : affwp_get_affiliate_id();
	$base         = $args['base_url'] ? $args['base_url'] : home_url( '/' );
	if ( get_option( 'permalink_structure' ) ) {
		return trailingslashit( $base ) . 'ref/' . $affiliate_id . '/';
	}
	return add_query_arg( 'ref', $affiliate_id, $base );
}

/** Administrators get AffiliateWP's capabilities, as on its activation. */
add_filter(
	'user_has_cap',
	static function ( $allcaps ) {
		if ( ! empty( $allcaps['manage_options'] ) ) {
			foreach ( array( 'manage_affiliates', 'manage_referrals', 'manage_customers', 'manage_visits', 'manage_creatives', 'manage_payouts', 'manage_affiliate_options', 'view_affiliate_reports' ) as $cap ) {
				$allcaps[ $cap ] = true;
			}
		}
		return $allcaps;
	}
);
