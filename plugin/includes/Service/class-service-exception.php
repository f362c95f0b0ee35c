<?php
/**
 * A failed call to the service.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Service;

defined( 'ABSPATH' ) || exit;

/**
 * Either the service answered with its error envelope `{ error: { code, message, details } }`,
 * or it could not be reached. `internal` holds transport detail (addresses, cURL text) that only
 * administrators may see.
 */
class Service_Exception extends \RuntimeException {

	/**
	 * Error code.
	 *
	 * @var string
	 */
	private $error_code;

	/**
	 * HTTP status the WordPress REST response should carry.
	 *
	 * @var int
	 */
	private $status;

	/**
	 * The service's `details`, or transport detail.
	 *
	 * @var mixed
	 */
	private $details;

	/**
	 * Constructor.
	 *
	 * @param string $error_code Error code.
	 * @param string $message    Message safe for any user who may call the route.
	 * @param int    $status     HTTP status.
	 * @param mixed  $details    Details for users with the capability.
	 */
	public function __construct( $error_code, $message, $status, $details = null ) {
		parent::__construct( $message );
		$this->error_code = (string) $error_code;
		$this->status     = (int) $status;
		$this->details    = $details;
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

	/**
	 * Details.
	 *
	 * @return mixed
	 */
	public function details() {
		return $this->details;
	}
}
