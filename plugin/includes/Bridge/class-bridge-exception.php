<?php
/**
 * A bridge operation that cannot be done.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Bridge;

defined( 'ABSPATH' ) || exit;

/**
 * Carries the code and status the service receives, e.g. 501 affiliatewp_not_installed.
 */
class Bridge_Exception extends \RuntimeException {

	/**
	 * Error code.
	 *
	 * @var string
	 */
	private $error_code;

	/**
	 * HTTP status.
	 *
	 * @var int
	 */
	private $status;

	/**
	 * Constructor.
	 *
	 * @param string $error_code Error code.
	 * @param string $message    Message.
	 * @param int    $status     HTTP status.
	 */
	public function __construct( $error_code, $message, $status ) {
		parent::__construct( $message );
		$this->error_code = $error_code;
		$this->status     = (int) $status;
	}

	/**
	 * Error code.
	 *
	 * @return string
	 */
	public function error_code() {
		return $this->error_code;
	}

	/**
	 * HTTP status.
	 *
	 * @return int
	 */
	public function status() {
		return $this->status;
	}
}
