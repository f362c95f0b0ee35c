<?php
/**
 * `affiliatewp/program-terms`: the program's terms as AffiliateWP stores them (issue 16).
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Bridge;

use AffiliateAgent\Roles\Capabilities;

defined( 'ABSPATH' ) || exit;

/**
 * Reads the default commission, cookie length, currency and enabled payout methods from
 * `affiliate_wp()->settings` (AffiliateWP's Settings → Commissions: `referral_rate_type`,
 * `referral_rate`, `cookie_exp`; Advanced → Currency: `currency`; Payout Methods:
 * `paypal_payouts`, `manual_payouts`, `enable_payouts_service`), so the agent quotes the figures
 * the shop really pays instead of what a docs page says. Only settings are read: no affiliate's
 * record, nothing written. A payout minimum is not an AffiliateWP core setting, so the owner
 * enters it in the app.
 */
class Program_Terms_Reader {

	/** AffiliateWP's own defaults (Settings → Commissions) when a setting was never saved. */
	const DEFAULT_RATE        = 20;
	const DEFAULT_COOKIE_DAYS = 1;

	/**
	 * Handler of the bridge operation.
	 *
	 * @return array{commission: array{rate: float, type: string}, cookieDays: int, currency: ?string, payoutMethods: string[]}
	 * @throws Bridge_Exception When AffiliateWP is not active.
	 */
	public function read() {
		if ( ! Capabilities::affiliatewp_active() || ! function_exists( 'affiliate_wp' ) ) {
			throw new Bridge_Exception( 'affiliatewp_not_installed', __( 'AffiliateWP is not installed or not active on this site.', 'affiliate-agent' ), 501 );
		}
		$settings = affiliate_wp()->settings;
		$type     = 'flat' === $settings->get( 'referral_rate_type', 'percentage' ) ? 'flat' : 'percentage';
		$rate     = $settings->get( 'referral_rate', self::DEFAULT_RATE );
		$cookie   = $settings->get( 'cookie_exp', self::DEFAULT_COOKIE_DAYS );
		$currency = strtoupper( (string) $settings->get( 'currency', '' ) );
		return array(
			'commission'    => array(
				'rate' => is_numeric( $rate ) ? max( 0, (float) $rate ) : (float) self::DEFAULT_RATE,
				'type' => $type,
			),
			'cookieDays'    => is_numeric( $cookie ) ? max( 0, (int) $cookie ) : self::DEFAULT_COOKIE_DAYS,
			'currency'      => preg_match( '/^[A-Z]{3}$/', $currency ) ? $currency : null,
			'payoutMethods' => $this->payout_methods( $settings ),
		);
	}

	/**
	 * The payout methods switched on, in AffiliateWP's order.
	 *
	 * @param object $settings AffiliateWP's settings object.
	 * @return string[]
	 */
	private function payout_methods( $settings ) {
		$methods = array();
		foreach ( array(
			'paypal_payouts'         => 'PayPal',
			'enable_payouts_service' => 'Payouts Service',
			'manual_payouts'         => 'manual payment',
		) as $key => $label ) {
			if ( $settings->get( $key, false ) ) {
				$methods[] = $label;
			}
		}
		return $methods;
	}
}
