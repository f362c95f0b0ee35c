<?php
/**
 * The one place exceptions become WP_Error.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Rest;

use AffiliateAgent\Bridge\Bridge_Exception;
use AffiliateAgent\Security\Signature_Exception;
use AffiliateAgent\Service\Service_Exception;

defined( 'ABSPATH' ) || exit;

/**
 * Known failures keep their code and status; details (validation issues, transport errors with
 * internal addresses) go only to users allowed to see them. Anything unexpected becomes a
 * generic 500 whose message is shown only to those users, so internals never reach visitors.
 */
class Error_Response {

	/**
	 * Runs a route callback and converts what it throws.
	 *
	 * @param callable $callback     Route body.
	 * @param bool     $with_details Whether the current user may see details.
	 * @return mixed|\WP_Error
	 */
	public static function guard( callable $callback, $with_details ) {
		try {
			return $callback();
		} catch ( \Throwable $error ) {
			return self::from( $error, $with_details );
		}
	}

	/**
	 * Converts one exception.
	 *
	 * @param \Throwable $error        What was thrown.
	 * @param bool       $with_details Whether the current user may see details.
	 * @return \WP_Error
	 */
	public static function from( \Throwable $error, $with_details ) {
		if ( $error instanceof Service_Exception ) {
			$data = array( 'status' => $error->status() );
			if ( $with_details && null !== $error->details() ) {
				$data['details'] = $error->details();
			}
			return new \WP_Error( $error->error_code(), $error->getMessage(), $data );
		}
		if ( $error instanceof Signature_Exception ) {
			return new \WP_Error( $error->error_code(), $error->getMessage(), array( 'status' => 401 ) );
		}
		if ( $error instanceof Bridge_Exception ) {
			return new \WP_Error( $error->error_code(), $error->getMessage(), array( 'status' => $error->status() ) );
		}
		$data = array( 'status' => 500 );
		if ( $with_details ) {
			$data['details'] = array( 'exception' => get_class( $error ) . ': ' . $error->getMessage() );
		}
		return new \WP_Error( 'affiliate_agent_internal_error', __( 'Affiliate Agent hit an unexpected error. An administrator can see the details.', 'affiliate-agent' ), $data );
	}
}
