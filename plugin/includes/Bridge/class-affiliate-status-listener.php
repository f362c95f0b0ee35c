<?php
/**
 * Tells the service when an affiliate's status changes in AffiliateWP itself.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Bridge;

use AffiliateAgent\Roles\Capabilities;
use AffiliateAgent\Service\Service_Client;
use AffiliateAgent\Service\Service_Exception;

defined( 'ABSPATH' ) || exit;

/**
 * AffiliateWP fires `affwp_set_affiliate_status( $affiliate_id, $status, $old_status )` just
 * BEFORE it stores the new status, and since 2.6 also when the status does not change
 * (includes/affiliate-functions.php, affwp_set_affiliate_status()). So the hook only records the
 * change; on `shutdown`, once AffiliateWP is done, the stored status is read back with
 * affwp_get_affiliate_status() and the service is told only about changes that were really
 * stored: a no-op, or a store that failed, sends nothing. Several changes in one request collapse
 * into one call per affiliate (first old status → last stored status). The call is signed as the
 * plugin itself (user 0); the WordPress user who made the change goes in the body for the lead's
 * activity log. The service moves only the lead that owns this affiliate (404 otherwise, which is
 * normal for affiliates that did not come through the chat).
 */
class Affiliate_Status_Listener {

	const PATH = '/v1/affiliatewp/status-changed';

	/**
	 * Service client.
	 *
	 * @var Service_Client
	 */
	private $service;

	/**
	 * Changes seen this request: affiliate id => { old, status, user_id }.
	 *
	 * @var array<int, array{old: string, status: string, user_id: int}>
	 */
	private $changes = array();

	/**
	 * Constructor.
	 *
	 * @param Service_Client $service Service client.
	 */
	public function __construct( Service_Client $service ) {
		$this->service = $service;
	}

	/**
	 * `affwp_set_affiliate_status`, fired before the status is stored.
	 *
	 * @param int    $affiliate_id Affiliate id.
	 * @param string $status       The new status (not stored yet).
	 * @param string $old_status   The status before.
	 */
	public function on_set_status( $affiliate_id, $status = '', $old_status = '' ) {
		$affiliate_id = absint( $affiliate_id );
		if ( ! $affiliate_id || ! is_string( $status ) || '' === $status ) {
			return;
		}
		$first = isset( $this->changes[ $affiliate_id ] ) ? $this->changes[ $affiliate_id ]['old'] : (string) $old_status;
		$this->changes[ $affiliate_id ] = array(
			'old'     => $first,
			'status'  => $status,
			'user_id' => (int) get_current_user_id(),
		);
	}

	/**
	 * The calls to send: one per affiliate whose stored status now differs from where it started.
	 *
	 * @return array<int, array<string, mixed>>
	 */
	public function pending_reports() {
		$reports = array();
		foreach ( $this->changes as $affiliate_id => $change ) {
			$stored = affwp_get_affiliate_status( $affiliate_id );
			// Not stored (AffiliateWP refused it, or it changed again), or no change at all.
			if ( $stored !== $change['status'] || $stored === $change['old'] ) {
				continue;
			}
			$user      = $change['user_id'] ? get_userdata( $change['user_id'] ) : false;
			$reports[] = array(
				'affiliateId'    => (int) $affiliate_id,
				'status'         => $stored,
				'previousStatus' => $change['old'],
				'actor'          => array(
					'userId'      => $change['user_id'],
					'displayName' => $user && isset( $user->display_name ) ? (string) $user->display_name : '',
				),
			);
		}
		return $reports;
	}

	/**
	 * `shutdown`: reports what was stored.
	 */
	public function flush() {
		if ( ! $this->changes ) {
			return;
		}
		$reports       = $this->service->settings()->is_configured() && function_exists( 'affwp_get_affiliate_status' ) ? $this->pending_reports() : array();
		$this->changes = array();
		foreach ( $reports as $report ) {
			try {
				$this->service->json( 'POST', self::PATH, array(), $report, 0, array( Capabilities::MANAGE_AGENTS ), array( 'timeout' => 5 ) );
			} catch ( Service_Exception $error ) {
				// An affiliate no lead owns is not ours to follow; anything else is worth a debug line.
				if ( 'affiliate_not_linked' !== $error->error_code() && defined( 'WP_DEBUG' ) && WP_DEBUG ) {
					error_log( 'Affiliate Agent: AffiliateWP status report failed: ' . $error->error_code() . ' ' . $error->getMessage() ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log
				}
			}
		}
	}
}
