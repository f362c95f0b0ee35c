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
	 * Sends one email.
	 *
	 * @param array $input Body: to, subject, html, text, headers?.
	 * @return array{sent: bool}
	 * @throws Bridge_Exception On invalid input.
	 */
	public function send( array $input ) {
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
