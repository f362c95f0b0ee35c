<?php
/**
 * The number of new priority leads, as a bubble on the "Affiliate Agent" menu item.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Admin;

use AffiliateAgent\Roles\Capabilities;
use AffiliateAgent\Service\Service_Client;
use AffiliateAgent\Service\Service_Exception;

defined( 'ABSPATH' ) || exit;

/**
 * Like WordPress's update counts, the number comes from a transient: at most one short service
 * call every few minutes, whatever the number of admin pages opened. A manager's own change to a
 * lead (status, approve, reject) clears it so the bubble follows at once. When the service does
 * not answer, no bubble is shown (and the miss is cached too, so wp-admin never waits on it twice).
 */
class New_Leads_Count {

	const TRANSIENT = 'affiliate_agent_new_priority_leads';
	const TTL       = 300;

	/**
	 * Service client.
	 *
	 * @var Service_Client
	 */
	private $service;

	/**
	 * Constructor.
	 *
	 * @param Service_Client $service Service client.
	 */
	public function __construct( Service_Client $service ) {
		$this->service = $service;
	}

	/**
	 * New priority leads, or null when unknown.
	 *
	 * @return int|null
	 */
	public function count() {
		$cached = get_transient( self::TRANSIENT );
		if ( is_array( $cached ) && array_key_exists( 'count', $cached ) ) {
			return null === $cached['count'] ? null : (int) $cached['count'];
		}
		$count = $this->fetch();
		set_transient( self::TRANSIENT, array( 'count' => $count ), self::TTL );
		return $count;
	}

	/**
	 * `admin_menu` (after the page is added): appends the bubble to the top-level item for lead reviewers.
	 */
	public function decorate_menu() {
		global $menu;
		if ( ! is_array( $menu ) || ! current_user_can( Capabilities::REVIEW_LEADS ) ) {
			return;
		}
		$count = $this->count();
		if ( null === $count || $count < 1 ) {
			return;
		}
		foreach ( $menu as $index => $item ) {
			if ( isset( $item[2] ) && Admin_Page::SLUG === $item[2] ) {
				$menu[ $index ][0] .= ' ' . self::bubble( $count ); // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- core's own way to add a count (see wp-admin/menu.php).
			}
		}
	}

	/**
	 * The markup core uses for its update and comment counts.
	 *
	 * @param int $count Count.
	 * @return string
	 */
	public static function bubble( $count ) {
		/* translators: %s: number of new priority leads. */
		$label = sprintf( _n( '%s new priority lead', '%s new priority leads', $count, 'affiliate-agent' ), number_format_i18n( $count ) );
		return '<span class="awaiting-mod count-' . (int) $count . '"><span class="pending-count" aria-hidden="true">' . esc_html( number_format_i18n( $count ) ) . '</span><span class="screen-reader-text">' . esc_html( $label ) . '</span></span>';
	}

	/**
	 * `rest_request_after_callbacks` filter: a change to a lead through the proxy clears the count.
	 *
	 * @param mixed  $response Response.
	 * @param mixed  $handler  Handler.
	 * @param object $request  Request.
	 * @return mixed
	 */
	public static function flush_after_lead_change( $response, $handler, $request ) {
		if ( $request instanceof \WP_REST_Request && 'GET' !== $request->get_method() && 0 === strpos( $request->get_route(), '/affiliate-agent/v1/admin/leads' ) ) {
			delete_transient( self::TRANSIENT );
		}
		return $response;
	}

	/**
	 * One short signed request; the service counts (route priority, status new).
	 *
	 * @return int|null
	 */
	private function fetch() {
		try {
			$answer = $this->service->json(
				'GET',
				'/v1/leads',
				array(
					'route'  => 'priority',
					'status' => 'new',
					'limit'  => 1,
				),
				null,
				0,
				array( Capabilities::REVIEW_LEADS ),
				array( 'timeout' => 2 )
			);
		} catch ( Service_Exception $error ) {
			return null;
		}
		return is_array( $answer ) && isset( $answer['total'] ) ? (int) $answer['total'] : null;
	}
}
