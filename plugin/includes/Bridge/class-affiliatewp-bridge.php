<?php
/**
 * AffiliateWP through its PHP API (protocol section 3, affiliatewp/*).
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Bridge;

use AffiliateAgent\Roles\Capabilities;

defined( 'ABSPATH' ) || exit;

/**
 * The PHP API works on every AffiliateWP install, unlike its REST writes which need a paid
 * add-on. Visitor-driven calls can only create pending affiliates; approving happens through
 * set-status, which the service sends only after a manager approved the lead.
 */
class AffiliateWP_Bridge {

	const STATUSES = array( 'active', 'inactive', 'pending', 'rejected' );

	/**
	 * `affiliatewp/status`.
	 *
	 * @return array{installed:bool, version:?string}
	 */
	public function status() {
		$installed = Capabilities::affiliatewp_active();
		return array(
			'installed' => $installed,
			'version'   => $installed && defined( 'AFFILIATEWP_VERSION' ) ? (string) AFFILIATEWP_VERSION : null,
		);
	}

	/**
	 * `affiliatewp/find-by-email`: the account email first, then the payment email.
	 *
	 * @param array $input Body.
	 * @return array{affiliate: ?array}
	 */
	public function find_by_email( array $input ) {
		$this->require_affiliatewp();
		$affiliate_id = $this->find_affiliate_id( $this->email( $input, 'email' ) );
		return array( 'affiliate' => $affiliate_id ? $this->affiliate( $affiliate_id ) : null );
	}

	/**
	 * `affiliatewp/get-affiliate`: one affiliate with its account's login, email and display name,
	 * so a manager sees who an affiliate id is before linking it to a lead.
	 *
	 * @param array $input Body.
	 * @return array{affiliate: array}
	 */
	public function get_affiliate( array $input ) {
		$this->require_affiliatewp();
		$affiliate_id = $this->affiliate_id( $input );
		$shaped       = $this->affiliate( $affiliate_id );
		$user         = get_userdata( (int) $shaped['user_id'] );
		if ( $user ) {
			$shaped['user'] = array(
				'user_login'   => (string) $user->user_login,
				'user_email'   => (string) $user->user_email,
				'display_name' => (string) $user->display_name,
			);
		}
		return array( 'affiliate' => $shaped );
	}

	/**
	 * `affiliatewp/create-pending`: links an existing affiliate, else creates the WordPress user
	 * (when needed) and a pending affiliate. Safe to retry: a second call finds the first one's work.
	 *
	 * @param array $input Body.
	 * @return array{affiliate: array, created: bool}
	 * @throws Bridge_Exception When WordPress or AffiliateWP refuse.
	 */
	public function create_pending( array $input ) {
		$this->require_affiliatewp();
		$email    = $this->email( $input, 'email' );
		$existing = $this->find_affiliate_id( $email );
		if ( $existing ) {
			return array(
				'affiliate' => $this->affiliate( $existing ),
				'created'   => false,
			);
		}
		$name         = isset( $input['name'] ) ? sanitize_text_field( (string) $input['name'] ) : '';
		$user         = get_user_by( 'email', $email );
		$created_user = false;
		if ( $user && ! Account_Policy::may_link( $user, ! empty( $input['email_verified'] ) ) ) {
			throw new Bridge_Exception( 'needs_manager_link', __( 'A WordPress account with this email exists; only a manager may link it to an affiliate (the applicant is not verified, or the account has a role above subscriber).', 'affiliate-agent' ), 409 );
		}
		if ( ! $user && ! Account_Policy::may_create_users() ) {
			throw new Bridge_Exception( 'registration_closed', __( 'This site does not let visitors register, so no account was created; add the affiliate by hand, or allow it under Affiliate Agent → Settings.', 'affiliate-agent' ), 409 );
		}
		if ( ! $user ) {
			$user_id = wp_insert_user( $this->new_user_data( $email, $name, isset( $input['username'] ) ? (string) $input['username'] : '' ) );
			if ( is_wp_error( $user_id ) ) {
				throw new Bridge_Exception( $user_id->get_error_code(), $user_id->get_error_message(), 400 );
			}
			$user         = get_user_by( 'id', $user_id );
			$created_user = true;
		} elseif ( '' !== $name ) {
			$this->fill_missing_names( $user, $name );
		}
		$affiliate_id = affwp_add_affiliate(
			array(
				'user_id'       => $user->ID,
				'status'        => 'pending',
				'payment_email' => $email,
				'website_url'   => isset( $input['website_url'] ) ? esc_url_raw( (string) $input['website_url'] ) : '',
				'notes'         => isset( $input['notes'] ) ? sanitize_textarea_field( (string) $input['notes'] ) : '',
			)
		);
		if ( ! $affiliate_id ) {
			if ( $created_user ) {
				// Do not leave an account behind for an application that does not exist.
				require_once ABSPATH . 'wp-admin/includes/user.php';
				wp_delete_user( $user->ID );
			}
			throw new Bridge_Exception( 'affiliate_create_failed', __( 'AffiliateWP did not create the affiliate.', 'affiliate-agent' ), 500 );
		}
		return array(
			'affiliate' => $this->affiliate( (int) $affiliate_id ),
			'created'   => true,
		);
	}

	/**
	 * `affiliatewp/set-status`.
	 *
	 * @param array $input Body.
	 * @return array{affiliate: array}
	 * @throws Bridge_Exception For an unknown status or a refused change.
	 */
	public function set_status( array $input ) {
		$this->require_affiliatewp();
		$affiliate_id = $this->affiliate_id( $input );
		$status       = isset( $input['status'] ) ? (string) $input['status'] : '';
		if ( ! in_array( $status, self::STATUSES, true ) ) {
			/* translators: %s: list of statuses. */
			throw new Bridge_Exception( 'invalid_status', sprintf( __( 'Unknown affiliate status; expected one of %s.', 'affiliate-agent' ), implode( ', ', self::STATUSES ) ), 400 );
		}
		$current = affwp_get_affiliate( $affiliate_id );
		if ( $current && $current->status !== $status && ! affwp_set_affiliate_status( $affiliate_id, $status ) ) {
			throw new Bridge_Exception( 'affiliate_update_failed', __( 'AffiliateWP did not change the status.', 'affiliate-agent' ), 500 );
		}
		return array( 'affiliate' => $this->affiliate( $affiliate_id ) );
	}

	/**
	 * `affiliatewp/referral-url`.
	 *
	 * @param array $input Body.
	 * @return array{url: string}
	 */
	public function referral_url( array $input ) {
		$this->require_affiliatewp();
		$affiliate_id = $this->affiliate_id( $input );
		return array( 'url' => (string) affwp_get_affiliate_referral_url( array( 'affiliate_id' => $affiliate_id ) ) );
	}

	/**
	 * `affiliatewp/update-payment-email`: only when the request knows the affiliate's account
	 * email, so a visitor cannot redirect someone else's payouts.
	 *
	 * @param array $input Body.
	 * @return array{affiliate: array}
	 * @throws Bridge_Exception When the expected email does not match.
	 */
	public function update_payment_email( array $input ) {
		$this->require_affiliatewp();
		$affiliate_id = $this->affiliate_id( $input );
		$expected     = $this->email( $input, 'expected_email' );
		$payment      = $this->email( $input, 'payment_email' );
		$affiliate    = affwp_get_affiliate( $affiliate_id );
		$user         = get_userdata( (int) $affiliate->user_id );
		if ( ! $user || strtolower( $user->user_email ) !== strtolower( $expected ) ) {
			throw new Bridge_Exception( 'email_mismatch', __( 'The affiliate\'s account email is not the expected one; the payment email was not changed.', 'affiliate-agent' ), 409 );
		}
		if ( ! affwp_update_affiliate(
			array(
				'affiliate_id'  => $affiliate_id,
				'payment_email' => $payment,
			)
		) ) {
			throw new Bridge_Exception( 'affiliate_update_failed', __( 'AffiliateWP did not update the payment email.', 'affiliate-agent' ), 500 );
		}
		return array( 'affiliate' => $this->affiliate( $affiliate_id ) );
	}

	/**
	 * The affiliate object as AffiliateWP's REST API shapes it (docs/affiliatewp-rest.md).
	 *
	 * @param int $affiliate_id Affiliate id.
	 * @return array<string,mixed>
	 */
	public function affiliate( $affiliate_id ) {
		$affiliate = affwp_get_affiliate( $affiliate_id );
		if ( ! $affiliate ) {
			throw new Bridge_Exception( 'invalid_affiliate', __( 'No affiliate has that id.', 'affiliate-agent' ), 404 );
		}
		return self::shape( $affiliate );
	}

	/**
	 * Shapes an affiliate object.
	 *
	 * @param object $affiliate AffiliateWP affiliate.
	 * @return array<string,mixed>
	 */
	public static function shape( $affiliate ) {
		$field = static function ( $name, $default = '' ) use ( $affiliate ) {
			return isset( $affiliate->$name ) ? $affiliate->$name : $default;
		};
		return array(
			'affiliate_id'    => (int) $field( 'affiliate_id', 0 ),
			'rest_id'         => (string) $field( 'rest_id' ),
			'user_id'         => (int) $field( 'user_id', 0 ),
			'rate'            => (string) $field( 'rate' ),
			'rate_type'       => (string) $field( 'rate_type' ),
			'flat_rate_basis' => (string) $field( 'flat_rate_basis' ),
			'payment_email'   => (string) $field( 'payment_email' ),
			'status'          => (string) $field( 'status' ),
			'earnings'        => (float) $field( 'earnings', 0 ),
			'unpaid_earnings' => (float) $field( 'unpaid_earnings', 0 ),
			'referrals'       => (int) $field( 'referrals', 0 ),
			'visits'          => (int) $field( 'visits', 0 ),
			'date_registered' => (string) $field( 'date_registered' ),
			'id'              => (int) $field( 'affiliate_id', 0 ),
		);
	}

	/**
	 * User data for a new applicant: a unique login from the requested username or the email,
	 * a random password (they reset it), the site's default role.
	 *
	 * @param string $email    Email.
	 * @param string $name     Full name.
	 * @param string $username Requested username.
	 * @return array<string,mixed>
	 */
	public function new_user_data( $email, $name, $username ) {
		$base  = sanitize_user( '' !== $username ? $username : strstr( $email, '@', true ), true );
		$base  = '' !== $base ? substr( $base, 0, 50 ) : 'affiliate';
		$login = $base;
		for ( $suffix = 2; username_exists( $login ); $suffix++ ) {
			$login = $base . $suffix;
		}
		$names = preg_split( '/\s+/', trim( $name ), 2 );
		return array(
			'user_login'   => $login,
			'user_email'   => $email,
			'user_pass'    => wp_generate_password( 24, true, true ),
			'display_name' => '' !== $name ? $name : $login,
			'first_name'   => isset( $names[0] ) ? $names[0] : '',
			'last_name'    => isset( $names[1] ) ? $names[1] : '',
			'role'         => (string) get_option( 'default_role', 'subscriber' ),
		);
	}

	/**
	 * The applicant's name on an existing account being linked (a verified subscriber/customer):
	 * only fields the account left empty, or a display name that is just the login (WordPress's
	 * default), so AffiliateWP shows a name without overwriting what the account owner chose.
	 *
	 * @param object $user Account.
	 * @param string $name Full name from the application.
	 */
	private function fill_missing_names( $user, $name ) {
		$names   = preg_split( '/\s+/', trim( $name ), 2 );
		$current = static function ( $field ) use ( $user ) {
			return isset( $user->$field ) ? (string) $user->$field : '';
		};
		$changes = array();
		if ( '' === $current( 'first_name' ) && isset( $names[0] ) && '' !== $names[0] ) {
			$changes['first_name'] = $names[0];
		}
		if ( '' === $current( 'last_name' ) && isset( $names[1] ) && '' !== $names[1] ) {
			$changes['last_name'] = $names[1];
		}
		if ( '' === $current( 'display_name' ) || $current( 'display_name' ) === $current( 'user_login' ) ) {
			$changes['display_name'] = $name;
		}
		if ( $changes ) {
			wp_update_user( array_merge( array( 'ID' => (int) $user->ID ), $changes ) );
		}
	}

	/**
	 * Affiliate id for an email: through the WordPress account, else the payment email.
	 *
	 * @param string $email Email.
	 * @return int 0 when none.
	 */
	private function find_affiliate_id( $email ) {
		$user = get_user_by( 'email', $email );
		if ( $user ) {
			$affiliate_id = (int) affwp_get_affiliate_id( $user->ID );
			if ( $affiliate_id ) {
				return $affiliate_id;
			}
		}
		$matches = affiliate_wp()->affiliates->get_affiliates(
			array(
				'payment_email' => $email,
				'number'        => 1,
				'fields'        => 'ids',
			)
		);
		return is_array( $matches ) && $matches ? (int) reset( $matches ) : 0;
	}

	/**
	 * Reads and validates an email field.
	 *
	 * @param array  $input Body.
	 * @param string $key   Field.
	 * @return string
	 * @throws Bridge_Exception When missing or invalid.
	 */
	private function email( array $input, $key ) {
		$email = isset( $input[ $key ] ) ? sanitize_email( (string) $input[ $key ] ) : '';
		if ( '' === $email || ! is_email( $email ) ) {
			/* translators: %s: field name. */
			throw new Bridge_Exception( 'invalid_email', sprintf( __( 'Field %s must be an email address.', 'affiliate-agent' ), $key ), 400 );
		}
		return $email;
	}

	/**
	 * Reads an existing affiliate's id.
	 *
	 * @param array $input Body.
	 * @return int
	 * @throws Bridge_Exception When missing or unknown.
	 */
	private function affiliate_id( array $input ) {
		$affiliate_id = isset( $input['affiliate_id'] ) ? absint( $input['affiliate_id'] ) : 0;
		if ( ! $affiliate_id || ! affwp_get_affiliate( $affiliate_id ) ) {
			throw new Bridge_Exception( 'invalid_affiliate', __( 'No affiliate has that id.', 'affiliate-agent' ), 404 );
		}
		return $affiliate_id;
	}

	/**
	 * Stops with 501 where AffiliateWP is not active.
	 *
	 * @throws Bridge_Exception When AffiliateWP is missing.
	 */
	private function require_affiliatewp() {
		if ( ! Capabilities::affiliatewp_active() ) {
			throw new Bridge_Exception( 'affiliatewp_not_installed', __( 'AffiliateWP is not installed or not active on this site.', 'affiliate-agent' ), 501 );
		}
	}
}
