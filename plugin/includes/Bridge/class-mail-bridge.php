<?php
/**
 * `mail/send`: email through the site's own mail setup.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Bridge;

defined( 'ABSPATH' ) || exit;

/**
 * wp_mail() goes through whatever SMTP plugin the site uses, so the service's emails get the
 * site's sender, deliverability setup and logs. HTML with a plain-text alternative.
 */
class Mail_Bridge {

	/**
	 * Headers the service may set; From and the rest stay under the site's control.
	 */
	const ALLOWED_HEADERS = array( 'reply-to', 'cc', 'bcc' );

	/**
	 * Sends one email, at most once per idempotency key: a repeat of a sent key answers
	 * `already_sent` without mailing (the service retries after crashes and timeouts).
	 *
	 * @param array $input Body: idempotency_key?, to, subject, html, text, headers?.
	 * @return array{sent: bool, already_sent?: bool}
	 * @throws Bridge_Exception On invalid input, or 409 while the same key is being sent.
	 */
	public function send( array $input ) {
		$key = isset( $input['idempotency_key'] ) && is_string( $input['idempotency_key'] ) ? $input['idempotency_key'] : '';
		if ( strlen( $key ) > 200 ) {
			throw new Bridge_Exception( 'invalid_idempotency_key', __( 'Field idempotency_key must be at most 200 characters.', 'affiliate-agent' ), 400 );
		}
		if ( '' === $key ) {
			// A service from before idempotency keys: send as it asked.
			return $this->send_now( $input );
		}
		$now = time();
		Sent_Mail_Keys::prune( $now );
		$claim = Sent_Mail_Keys::claim( $key, $now );
		if ( 'sent' === $claim ) {
			return array(
				'sent'         => true,
				'already_sent' => true,
			);
		}
		if ( 'sending' === $claim ) {
			throw new Bridge_Exception( 'mail_in_progress', __( 'This email is being sent by another request; try again shortly.', 'affiliate-agent' ), 409 );
		}
		try {
			$result = $this->send_now( $input );
		} catch ( \Throwable $error ) {
			Sent_Mail_Keys::release( $key );
			throw $error;
		}
		if ( $result['sent'] ) {
			Sent_Mail_Keys::mark_sent( $key, $now );
		} else {
			Sent_Mail_Keys::release( $key );
		}
		return $result;
	}

	/**
	 * Validates and sends through wp_mail().
	 *
	 * @param array $input Body.
	 * @return array{sent: bool}
	 * @throws Bridge_Exception On invalid input.
	 */
	private function send_now( array $input ) {
		$to = isset( $input['to'] ) ? sanitize_email( (string) $input['to'] ) : '';
		if ( '' === $to || ! is_email( $to ) ) {
			throw new Bridge_Exception( 'invalid_email', __( 'Field to must be an email address.', 'affiliate-agent' ), 400 );
		}
		$subject = isset( $input['subject'] ) ? sanitize_text_field( (string) $input['subject'] ) : '';
		$html    = isset( $input['html'] ) ? (string) $input['html'] : '';
		$text    = isset( $input['text'] ) ? (string) $input['text'] : '';
		if ( '' === $subject || ( '' === $html && '' === $text ) ) {
			throw new Bridge_Exception( 'invalid_mail', __( 'An email needs a subject and an html or text body.', 'affiliate-agent' ), 400 );
		}
		$headers = self::allowed_headers( isset( $input['headers'] ) ? $input['headers'] : array() );
		if ( '' === $html ) {
			return array( 'sent' => (bool) wp_mail( $to, $subject, $text, $headers ) );
		}
		$headers[]   = 'Content-Type: text/html; charset=UTF-8';
		$alternative = static function ( $phpmailer ) use ( $text ) {
			$phpmailer->AltBody = $text; // phpcs:ignore WordPress.NamingConventions.ValidVariableName.UsedPropertyNotSnakeCase -- PHPMailer's property.
		};
		add_action( 'phpmailer_init', $alternative );
		try {
			$sent = wp_mail( $to, $subject, $html, $headers );
		} finally {
			remove_action( 'phpmailer_init', $alternative );
		}
		return array( 'sent' => (bool) $sent );
	}

	/**
	 * Keeps Reply-To, Cc and Bcc lines; drops anything with a line break (header injection).
	 *
	 * @param mixed $headers Header lines or a name => value map.
	 * @return string[]
	 */
	public static function allowed_headers( $headers ) {
		$lines = array();
		foreach ( is_array( $headers ) ? $headers : array() as $name => $value ) {
			$line = is_string( $name ) ? $name . ': ' . ( is_scalar( $value ) ? (string) $value : '' ) : ( is_scalar( $value ) ? (string) $value : '' );
			if ( preg_match( '/[\r\n]/', $line ) || false === strpos( $line, ':' ) ) {
				continue;
			}
			$header = strtolower( trim( strstr( $line, ':', true ) ) );
			if ( in_array( $header, self::ALLOWED_HEADERS, true ) ) {
				$lines[] = $line;
			}
		}
		return $lines;
	}
}
