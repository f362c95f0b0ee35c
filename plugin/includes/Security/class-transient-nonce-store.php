<?php
/**
 * Nonce store on the object cache or transients.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Security;

defined( 'ABSPATH' ) || exit;

/**
 * With a persistent object cache, wp_cache_add() is atomic and two concurrent replays cannot
 * both win. Without one, transients live in wp_options: add_option() is an INSERT on a unique
 * key, so it is atomic too; WordPress's daily cron deletes the expired rows.
 */
class Transient_Nonce_Store implements Nonce_Store {

	const GROUP = 'affiliate_agent_nonces';

	/**
	 * Returns Unix seconds; tests pass a fixed clock.
	 *
	 * @var callable
	 */
	private $clock;

	/**
	 * Constructor.
	 *
	 * @param callable|null $clock Returns Unix seconds; defaults to time().
	 */
	public function __construct( $clock = null ) {
		$this->clock = null === $clock ? 'time' : $clock;
	}

	/**
	 * {@inheritDoc}
	 *
	 * @param string $nonce Nonce.
	 * @param int    $ttl   Seconds.
	 * @return bool
	 */
	public function claim( $nonce, $ttl ) {
		$key = 'aa_nonce_' . $nonce;
		if ( wp_using_ext_object_cache() ) {
			return wp_cache_add( $key, 1, self::GROUP, (int) $ttl );
		}
		$option = '_transient_' . $key;
		if ( false !== get_transient( $key ) ) {
			return false;
		}
		// A stale row whose transient expired may still exist; get_transient() removed it above.
		if ( ! add_option( '_transient_timeout_' . $key, call_user_func( $this->clock ) + (int) $ttl, '', false ) ) {
			return false;
		}
		return add_option( $option, 1, '', false );
	}
}
