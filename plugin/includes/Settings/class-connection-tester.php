<?php
/**
 * Checks that WordPress and the service can talk.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Settings;

use AffiliateAgent\Roles\Capabilities;
use AffiliateAgent\Security\Request_Signer;
use AffiliateAgent\Service\Service_Client;
use AffiliateAgent\Service\Service_Exception;

defined( 'ABSPATH' ) || exit;

/**
 * Three questions, each with its own answer so an owner knows what to fix: is the service
 * reachable (GET /health, public), is the clock close enough for signatures, and does the
 * service accept this site's signature (a signed GET /v1/agents).
 */
class Connection_Tester {

	/**
	 * Settings.
	 *
	 * @var Settings
	 */
	private $settings;

	/**
	 * Service client.
	 *
	 * @var Service_Client
	 */
	private $service;

	/**
	 * Constructor.
	 *
	 * @param Settings       $settings Settings.
	 * @param Service_Client $service  Service client.
	 */
	public function __construct( Settings $settings, Service_Client $service ) {
		$this->settings = $settings;
		$this->service  = $service;
	}

	/**
	 * Runs the test.
	 *
	 * @param int $user_id Acting user.
	 * @return array{configured:bool, reachable:bool, version:?string, clockSkewSeconds:?int, signatureAccepted:?bool, ok:bool, messages:string[]}
	 */
	public function run( $user_id ) {
		$report = array(
			'configured'        => $this->settings->is_configured(),
			'serviceUrl'        => $this->settings->service_url(),
			'reachable'         => false,
			'version'           => null,
			'clockSkewSeconds'  => null,
			'signatureAccepted' => null,
			'ok'                => false,
			'messages'          => array(),
		);
		if ( '' === $this->settings->service_url() ) {
			$report['messages'][] = __( 'Set the service URL first.', 'affiliate-agent' );
			return $report;
		}
		$started  = time();
		$response = wp_remote_get(
			$this->settings->service_url() . '/health',
			array(
				'timeout'     => 10,
				'redirection' => 0,
				'headers'     => array( 'Accept' => 'application/json' ),
			)
		);
		if ( is_wp_error( $response ) ) {
			/* translators: %s: transport error message. */
			$report['messages'][] = sprintf( __( 'The service cannot be reached: %s', 'affiliate-agent' ), $response->get_error_message() );
			return $report;
		}
		$health              = json_decode( (string) wp_remote_retrieve_body( $response ), true );
		$report['reachable'] = is_array( $health ) && isset( $health['status'] );
		if ( ! $report['reachable'] ) {
			/* translators: %d: HTTP status code. */
			$report['messages'][] = sprintf( __( 'Something answered at that URL (HTTP %d), but it is not the Affiliate Agent service.', 'affiliate-agent' ), (int) wp_remote_retrieve_response_code( $response ) );
			return $report;
		}
		$report['version'] = isset( $health['version'] ) ? (string) $health['version'] : null;
		$service_time      = isset( $health['time'] ) ? strtotime( (string) $health['time'] ) : false;
		if ( false !== $service_time ) {
			$report['clockSkewSeconds'] = self::skew( $service_time, $started, time() );
			if ( abs( $report['clockSkewSeconds'] ) > Request_Signer::TOLERANCE_SECONDS ) {
				/* translators: 1: seconds, 2: allowed seconds. */
				$report['messages'][] = sprintf( __( 'The clocks differ by %1$d s; signed requests allow at most %2$d s. Fix the server clocks (NTP).', 'affiliate-agent' ), $report['clockSkewSeconds'], Request_Signer::TOLERANCE_SECONDS );
			}
		}
		if ( isset( $health['status'] ) && 'ok' !== $health['status'] ) {
			/* translators: %s: status word reported by the service. */
			$report['messages'][] = sprintf( __( 'The service reports its state as "%s".', 'affiliate-agent' ), (string) $health['status'] );
		}
		if ( ! $report['configured'] ) {
			$report['messages'][] = __( 'Set a shared secret of at least 32 characters to sign requests.', 'affiliate-agent' );
			return $report;
		}
		try {
			$this->service->json( 'GET', '/v1/agents', array(), null, $user_id, Capabilities::of_user( $user_id ), array( 'timeout' => 10 ) );
			$report['signatureAccepted'] = true;
		} catch ( Service_Exception $error ) {
			$report['signatureAccepted'] = 0 === strpos( $error->error_code(), 'signature_' ) ? false : null;
			/* translators: %s: error message from the service. */
			$report['messages'][] = sprintf( __( 'A signed request failed: %s', 'affiliate-agent' ), $error->getMessage() );
		}
		$report['ok'] = $report['reachable'] && true === $report['signatureAccepted'] && ( null === $report['clockSkewSeconds'] || abs( $report['clockSkewSeconds'] ) <= Request_Signer::TOLERANCE_SECONDS );
		if ( $report['ok'] ) {
			$report['messages'][] = __( 'Connected: the service is reachable and accepts this site\'s signature.', 'affiliate-agent' );
		}
		return $report;
	}

	/**
	 * Clock skew: the service's time minus this site's time at the middle of the round trip.
	 *
	 * @param int $service_time Service's Unix time.
	 * @param int $sent_at      Local time before the request.
	 * @param int $received_at  Local time after the answer.
	 * @return int Seconds; positive when the service is ahead.
	 */
	public static function skew( $service_time, $sent_at, $received_at ) {
		return (int) round( $service_time - ( $sent_at + $received_at ) / 2 );
	}
}
