<?php
/**
 * A signed request that must be refused.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Security;

defined( 'ABSPATH' ) || exit;

/**
 * Carries the protocol's error code (signature_missing, signature_expired, signature_invalid,
 * signature_replayed); all of them answer 401.
 */
class Signature_Exception extends \RuntimeException {

	/**
	 * Protocol error code.
	 *
	 * @var string
	 */
	private $error_code;

	/**
	 * Constructor.
	 *
	 * @param string $error_code Protocol error code.
	 * @param string $message    Translated message.
	 */
	public function __construct( $error_code, $message ) {
		parent::__construct( $message );
		$this->error_code = $error_code;
	}

	/**
	 * Protocol error code.
	 *
	 * @return string
	 */
	public function error_code() {
		return $this->error_code;
	}
}
