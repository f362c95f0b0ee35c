<?php
/**
 * The bridge: the service's signed calls into WordPress.
 *
 * @package AffiliateAgent
 */

use AffiliateAgent\Bridge\Mail_Bridge;
use AffiliateAgent\Rest\Bridge_Controller;
use AffiliateAgent\Security\Request_Signer;
use AffiliateAgent\Security\Transient_Nonce_Store;
use AffiliateAgent\Settings\Settings;
use PHPUnit\Framework\TestCase;

require_once __DIR__ . '/fake-affiliatewp.php';

class BridgeTest extends TestCase {

	const SECRET = 'bridge-test-secret-0123456789abcdefghijk';

	private $controller;

	protected function setUp(): void {
		wp_test_reset();
		update_option( Settings::OPTION_SERVICE_URL, 'http://127.0.0.1:8787' );
		update_option( Settings::OPTION_SHARED_SECRET, self::SECRET );
		// Most tests run on a site where anyone may register; the account tests below switch it off.
		update_option( 'users_can_register', 1 );
		$this->controller = new Bridge_Controller( new Settings(), new Transient_Nonce_Store() );
	}

	/** A request as the service sends it: signed over the path it calls, user 0, capability bridge. */
	private static function signed( $operation, $body, array $capabilities = array( 'bridge' ), $secret = self::SECRET ) {
		$path                   = '/wp-json/affiliate-agent/v1/bridge/' . $operation;
		$_SERVER['REQUEST_URI'] = $path;
		$headers                = ( new Request_Signer( $secret ) )->headers( 'POST', $path, $body, 0, $capabilities );
		return new WP_REST_Request( 'POST', '/affiliate-agent/v1/bridge/' . $operation, array( 'operation' => $operation ), array(), $body, $headers );
	}

	private function call( $operation, array $input ) {
		$request    = self::signed( $operation, json_encode( $input ) );
		$permission = $this->controller->verify_signature( $request );
		$this->assertTrue( $permission );
		return $this->controller->handle( $request );
	}

	public function test_a_signed_call_is_accepted_once_and_its_replay_is_refused() {
		$request = self::signed( 'affiliatewp/status', '{}' );
		$this->assertTrue( $this->controller->verify_signature( $request ) );
		$replay = $this->controller->verify_signature( $request );
		$this->assertSame( 'signature_replayed', $replay->get_error_code() );
		$this->assertSame( 401, $replay->get_error_data()['status'] );
	}

	public function test_unsigned_wrongly_signed_and_non_bridge_calls_are_refused() {
		$unsigned = new WP_REST_Request( 'POST', '/affiliate-agent/v1/bridge/mail/send', array( 'operation' => 'mail/send' ), array(), '{}' );
		$this->assertSame( 'signature_missing', $this->controller->verify_signature( $unsigned )->get_error_code() );

		$wrong_secret = self::signed( 'mail/send', '{}', array( 'bridge' ), 'another-secret-another-secret-another-secret' );
		$this->assertSame( 'signature_invalid', $this->controller->verify_signature( $wrong_secret )->get_error_code() );

		$admin_signed = self::signed( 'mail/send', '{}', array( 'aa_manage_agents' ) );
		$forbidden    = $this->controller->verify_signature( $admin_signed );
		$this->assertSame( 'forbidden', $forbidden->get_error_code() );
		$this->assertSame( 403, $forbidden->get_error_data()['status'] );
	}

	public function test_without_affiliatewp_the_affiliatewp_operations_answer_501_not_installed() {
		add_filter( 'affiliate_agent_affiliatewp_active', '__return_false' );
		$this->assertSame( array( 'installed' => false, 'version' => null ), $this->call( 'affiliatewp/status', array() )->get_data() );
		$error = $this->call( 'affiliatewp/find-by-email', array( 'email' => 'jane@example.com' ) );
		$this->assertSame( 'affiliatewp_not_installed', $error->get_error_code() );
		$this->assertSame( 501, $error->get_error_data()['status'] );
	}

	public function test_an_application_creates_the_user_and_a_pending_affiliate_and_a_retry_links_it() {
		$created = $this->call( 'affiliatewp/create-pending', array( 'email' => 'jane@example.com', 'name' => 'Jane Doe', 'website_url' => 'https://jane.example', 'notes' => 'Food blog' ) )->get_data();
		$this->assertTrue( $created['created'] );
		$this->assertSame( 'pending', $created['affiliate']['status'] );
		$this->assertSame( 'jane@example.com', $created['affiliate']['payment_email'] );
		$this->assertSame( 1, $created['affiliate']['affiliate_id'] );
		$this->assertSame( 1, $created['affiliate']['id'] );
		$this->assertSame( 0.0, $created['affiliate']['earnings'] );
		$this->assertSame( 0, $created['affiliate']['visits'] );
		$user = get_user_by( 'email', 'jane@example.com' );
		$this->assertSame( 'jane', $user->user_login );
		$this->assertSame( 'Jane', $user->first_name );
		$this->assertSame( 'Doe', $user->last_name );

		$again = $this->call( 'affiliatewp/create-pending', array( 'email' => 'JANE@example.com', 'name' => 'Jane Doe' ) )->get_data();
		$this->assertFalse( $again['created'] );
		$this->assertSame( 1, $again['affiliate']['affiliate_id'] );
		$this->assertCount( 1, $GLOBALS['wp_test']['users'] );
	}

	public function test_an_existing_user_becomes_an_affiliate_and_a_taken_login_gets_a_suffix() {
		$GLOBALS['wp_test']['users'][] = (object) array( 'ID' => 7, 'user_login' => 'sam', 'user_email' => 'sam@example.com', 'roles' => array( 'subscriber' ) );
		$linked                         = $this->call( 'affiliatewp/create-pending', array( 'email' => 'sam@example.com', 'name' => 'Sam', 'email_verified' => true ) )->get_data();
		$this->assertSame( 7, $linked['affiliate']['user_id'] );
		$this->assertCount( 1, $GLOBALS['wp_test']['users'] );

		$this->call( 'affiliatewp/create-pending', array( 'email' => 'sam@other.example', 'name' => 'Sam Two' ) );
		$this->assertSame( 'sam2', get_user_by( 'email', 'sam@other.example' )->user_login );
	}

	public function test_a_linked_account_gets_the_applicants_name_only_where_it_had_none() {
		$GLOBALS['wp_test']['users'][] = (object) array( 'ID' => 7, 'user_login' => 'sam', 'display_name' => 'sam', 'user_email' => 'sam@example.com', 'roles' => array( 'subscriber' ) );
		$GLOBALS['wp_test']['users'][] = (object) array( 'ID' => 8, 'user_login' => 'kim', 'display_name' => 'Kimberly', 'first_name' => 'Kimberly', 'user_email' => 'kim@example.com', 'roles' => array( 'customer' ) );
		$this->call( 'affiliatewp/create-pending', array( 'email' => 'sam@example.com', 'name' => 'Sam Smith', 'email_verified' => true ) );
		$this->call( 'affiliatewp/create-pending', array( 'email' => 'kim@example.com', 'name' => 'Kim Lee', 'email_verified' => true ) );
		$sam = get_user_by( 'id', 7 );
		$kim = get_user_by( 'id', 8 );
		$this->assertSame( array( 'Sam Smith', 'Sam', 'Smith' ), array( $sam->display_name, $sam->first_name, $sam->last_name ) );
		$this->assertSame( array( 'Kimberly', 'Kimberly', 'Lee' ), array( $kim->display_name, $kim->first_name, $kim->last_name ), 'names the owner chose stay' );
	}

	public function test_get_affiliate_names_the_account_so_a_manager_sees_who_they_link() {
		$GLOBALS['wp_test']['users'][] = (object) array( 'ID' => 8, 'user_login' => 'ed', 'display_name' => 'Eve Editor', 'user_email' => 'editor@example.com', 'roles' => array( 'editor' ) );
		$affiliate_id                  = affwp_add_affiliate( array( 'user_id' => 8, 'status' => 'active', 'payment_email' => 'pay@example.com' ) );
		$found                         = $this->call( 'affiliatewp/get-affiliate', array( 'affiliate_id' => $affiliate_id ) )->get_data()['affiliate'];
		$this->assertSame( array( 'user_login' => 'ed', 'user_email' => 'editor@example.com', 'display_name' => 'Eve Editor' ), $found['user'] );
		$this->assertSame( 'active', $found['status'] );
		$this->assertSame( 'invalid_affiliate', $this->call( 'affiliatewp/get-affiliate', array( 'affiliate_id' => 999 ) )->get_error_code() );
	}

	public function test_find_by_email_matches_the_account_email_then_the_payment_email() {
		$this->call( 'affiliatewp/create-pending', array( 'email' => 'jane@example.com', 'name' => 'Jane' ) );
		$this->assertSame( 1, $this->call( 'affiliatewp/find-by-email', array( 'email' => 'jane@example.com' ) )->get_data()['affiliate']['affiliate_id'] );
		$this->assertNull( $this->call( 'affiliatewp/find-by-email', array( 'email' => 'nobody@example.com' ) )->get_data()['affiliate'] );
		$this->assertSame( 'invalid_email', $this->call( 'affiliatewp/find-by-email', array( 'email' => 'not an email' ) )->get_error_code() );
	}

	public function test_status_changes_are_validated_and_the_referral_url_comes_from_affiliatewp() {
		$this->call( 'affiliatewp/create-pending', array( 'email' => 'jane@example.com', 'name' => 'Jane' ) );
		$this->assertSame( 'active', $this->call( 'affiliatewp/set-status', array( 'affiliate_id' => 1, 'status' => 'active' ) )->get_data()['affiliate']['status'] );
		$this->assertSame( 400, $this->call( 'affiliatewp/set-status', array( 'affiliate_id' => 1, 'status' => 'paid' ) )->get_error_data()['status'] );
		$this->assertSame( 404, $this->call( 'affiliatewp/set-status', array( 'affiliate_id' => 99, 'status' => 'active' ) )->get_error_data()['status'] );
		$this->assertSame( array( 'url' => 'https://shop.example/ref/1/' ), $this->call( 'affiliatewp/referral-url', array( 'affiliate_id' => 1 ) )->get_data() );
	}

	public function test_the_payment_email_changes_only_when_the_caller_knows_the_account_email() {
		$this->call( 'affiliatewp/create-pending', array( 'email' => 'jane@example.com', 'name' => 'Jane' ) );
		$refused = $this->call( 'affiliatewp/update-payment-email', array( 'affiliate_id' => 1, 'expected_email' => 'mallory@example.com', 'payment_email' => 'mallory@example.com' ) );
		$this->assertSame( 'email_mismatch', $refused->get_error_code() );
		$this->assertSame( 409, $refused->get_error_data()['status'] );
		$this->assertSame( 'jane@example.com', affwp_get_affiliate( 1 )->payment_email );

		$updated = $this->call( 'affiliatewp/update-payment-email', array( 'affiliate_id' => 1, 'expected_email' => 'Jane@Example.com', 'payment_email' => 'payouts@jane.example' ) )->get_data();
		$this->assertSame( 'payouts@jane.example', $updated['affiliate']['payment_email'] );
	}

	public function test_program_terms_are_read_from_affiliatewps_settings_with_its_defaults() {
		$defaults = $this->call( 'affiliatewp/program-terms', array() )->get_data();
		$this->assertSame( array( 'rate' => 20.0, 'type' => 'percentage' ), $defaults['commission'] );
		$this->assertSame( 1, $defaults['cookieDays'] );
		$this->assertNull( $defaults['currency'] );
		$this->assertSame( array(), $defaults['payoutMethods'] );

		$GLOBALS['wp_test']['affwp_settings'] = array(
			'referral_rate_type' => 'flat',
			'referral_rate'      => '12.5',
			'cookie_exp'         => '45',
			'currency'           => 'eur',
			'paypal_payouts'     => 1,
			'manual_payouts'     => 1,
		);
		$terms = $this->call( 'affiliatewp/program-terms', array() )->get_data();
		$this->assertSame( array( 'rate' => 12.5, 'type' => 'flat' ), $terms['commission'] );
		$this->assertSame( 45, $terms['cookieDays'] );
		$this->assertSame( 'EUR', $terms['currency'] );
		$this->assertSame( array( 'PayPal', 'manual payment' ), $terms['payoutMethods'] );

		// A value a plugin or a bad import left in the option never reaches the agent as a figure.
		$GLOBALS['wp_test']['affwp_settings'] = array( 'referral_rate' => 'lots', 'cookie_exp' => '-3', 'currency' => '<b>' );
		$odd = $this->call( 'affiliatewp/program-terms', array() )->get_data();
		$this->assertSame( 20.0, $odd['commission']['rate'] );
		$this->assertSame( 0, $odd['cookieDays'] );
		$this->assertNull( $odd['currency'] );
	}

	public function test_an_unknown_operation_lists_the_available_ones() {
		$error = $this->call( 'crm/delete-everything', array() );
		$this->assertSame( 404, $error->get_error_data()['status'] );
		$this->assertStringContainsString( 'affiliatewp/create-pending', $error->get_error_message() );
	}

	public function test_a_body_that_is_not_a_json_object_is_refused() {
		$request = self::signed( 'mail/send', '"just a string"' );
		$this->assertTrue( $this->controller->verify_signature( $request ) );
		$this->assertSame( 'invalid_body', $this->controller->handle( $request )->get_error_code() );
	}

	public function test_mail_is_sent_as_html_with_a_plain_text_alternative_through_wp_mail() {
		$answer = $this->call( 'mail/send', array( 'to' => 'jane@example.com', 'subject' => 'Welcome', 'html' => '<p>Your link: <a href="https://shop.example/ref/1/">here</a></p>', 'text' => 'Your link: https://shop.example/ref/1/', 'headers' => array( 'Reply-To: manager@shop.example' ) ) );
		$this->assertSame( array( 'sent' => true ), $answer->get_data() );
		$mail = $GLOBALS['wp_test']['mail'][0];
		$this->assertSame( 'jane@example.com', $mail['to'] );
		$this->assertSame( 'Your link: https://shop.example/ref/1/', $mail['alt_body'] );
		$this->assertSame( array( 'Reply-To: manager@shop.example', 'Content-Type: text/html; charset=UTF-8' ), $mail['headers'] );
		$this->assertEmpty( $GLOBALS['wp_test']['actions']['phpmailer_init'], 'the alternative body does not leak into the next email' );

		$this->assertSame( 'invalid_email', $this->call( 'mail/send', array( 'to' => 'nope', 'subject' => 'x', 'text' => 'y' ) )->get_error_code() );
	}

	public function test_mail_keeps_only_reply_to_cc_and_bcc_headers_and_drops_injected_lines() {
		$this->assertSame(
			array( 'Reply-To: manager@shop.example', 'Cc: team@shop.example' ),
			Mail_Bridge::allowed_headers(
				array(
					'Reply-To: manager@shop.example',
					'From: ceo@bank.example',
					"Bcc: a@b.example\r\nX-Injected: 1",
					'Cc'           => 'team@shop.example',
					'Content-Type' => 'text/plain',
				)
			)
		);
	}

	public function test_a_mail_is_sent_once_per_idempotency_key_and_a_failed_send_can_be_retried() {
		$mail  = array( 'idempotency_key' => 'lead_1:notify:lead-created', 'to' => 'manager@example.com', 'subject' => 'New lead', 'text' => 'A lead arrived.' );
		$first = $this->call( 'mail/send', $mail )->get_data();
		$again = $this->call( 'mail/send', $mail )->get_data();
		$this->assertSame( array( 'sent' => true ), $first );
		$this->assertSame( array( 'sent' => true, 'already_sent' => true ), $again );
		$this->assertCount( 1, $GLOBALS['wp_test']['mail'] );

		$other = $this->call( 'mail/send', array_merge( $mail, array( 'idempotency_key' => 'lead_2:notify:lead-created' ) ) )->get_data();
		$this->assertSame( array( 'sent' => true ), $other );
		$this->assertCount( 2, $GLOBALS['wp_test']['mail'] );
		$this->assertSame( 'invalid_idempotency_key', $this->call( 'mail/send', array_merge( $mail, array( 'idempotency_key' => str_repeat( 'k', 201 ) ) ) )->get_error_code() );
	}

	public function test_sent_mail_keys_are_pruned_after_seven_days() {
		$now = 1700000000;
		$this->assertSame( 'claimed', \AffiliateAgent\Bridge\Sent_Mail_Keys::claim( 'old-key', $now ) );
		\AffiliateAgent\Bridge\Sent_Mail_Keys::mark_sent( 'old-key', $now );
		$this->assertSame( 'sent', \AffiliateAgent\Bridge\Sent_Mail_Keys::claim( 'old-key', $now + 60 ) );
		\AffiliateAgent\Bridge\Sent_Mail_Keys::prune( $now + 604801 );
		$this->assertSame( 'claimed', \AffiliateAgent\Bridge\Sent_Mail_Keys::claim( 'old-key', $now + 604802 ) );
		// A claim still "sending" is reported as such to a concurrent request, not sent twice.
		$this->assertSame( 'sending', \AffiliateAgent\Bridge\Sent_Mail_Keys::claim( 'old-key', $now + 604803 ) );
	}

	public function test_attack_3_with_registration_closed_no_account_is_created_from_the_chat() {
		update_option( 'users_can_register', 0 );
		$refused = $this->call( 'affiliatewp/create-pending', array( 'email' => 'new@example.com', 'name' => 'New Person' ) );
		$this->assertSame( 'registration_closed', $refused->get_error_code() );
		$this->assertSame( 409, $refused->get_error_data()['status'] );
		$this->assertFalse( get_user_by( 'email', 'new@example.com' ) );
		$this->assertSame( array(), $GLOBALS['wp_test']['affiliates'] );

		// The owner's own switch in our settings allows it again.
		update_option( \AffiliateAgent\Bridge\Account_Policy::CREATE_USERS_OPTION, 1 );
		$created = $this->call( 'affiliatewp/create-pending', array( 'email' => 'new@example.com', 'name' => 'New Person' ) )->get_data();
		$this->assertTrue( $created['created'] );
		$user = get_user_by( 'email', 'new@example.com' );
		$this->assertSame( array( 'New Person', 'New', 'Person' ), array( $user->display_name, $user->first_name, $user->last_name ) );
	}

	public function test_attack_3_an_editors_or_administrators_email_never_becomes_an_affiliate_from_the_chat() {
		$GLOBALS['wp_test']['users'][] = (object) array( 'ID' => 8, 'user_login' => 'ed', 'user_email' => 'editor@example.com', 'roles' => array( 'editor' ) );
		$GLOBALS['wp_test']['users'][] = (object) array( 'ID' => 9, 'user_login' => 'admin', 'user_email' => 'admin@example.com', 'roles' => array( 'administrator' ) );
		$GLOBALS['wp_test']['users'][] = (object) array( 'ID' => 10, 'user_login' => 'sub', 'user_email' => 'sub@example.com', 'roles' => array( 'subscriber' ) );
		foreach ( array( 'editor@example.com', 'admin@example.com' ) as $email ) {
			foreach ( array( false, true ) as $verified ) {
				$refused = $this->call( 'affiliatewp/create-pending', array( 'email' => $email, 'name' => 'Mallory', 'email_verified' => $verified ) );
				$this->assertSame( 'needs_manager_link', $refused->get_error_code(), $email );
			}
		}
		// A subscriber's account links only when the service says the email was verified.
		$this->assertSame( 'needs_manager_link', $this->call( 'affiliatewp/create-pending', array( 'email' => 'sub@example.com', 'name' => 'Sub' ) )->get_error_code() );
		$this->assertSame( array(), $GLOBALS['wp_test']['affiliates'] );
		$linked = $this->call( 'affiliatewp/create-pending', array( 'email' => 'sub@example.com', 'name' => 'Sub', 'email_verified' => true ) )->get_data();
		$this->assertSame( 10, $linked['affiliate']['user_id'] );
	}
}
