<?php
/**
 * Remembers nonces of accepted signed requests.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Security;

defined( 'ABSPATH' ) || exit;

interface Nonce_Store {

	/**
	 * Records the nonce for $ttl seconds.
	 *
	 * @param string $nonce 32 hex characters.
	 * @param int    $ttl   Seconds to remember it.
	 * @return bool False when the nonce was already recorded (a replay).
	 */
	public function claim( $nonce, $ttl );
}
