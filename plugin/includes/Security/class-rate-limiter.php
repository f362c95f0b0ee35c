<?php
/**
 * Fixed-window rate limit per client IP, kept in transients.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Security;

defined( 'ABSPATH' ) || exit;

/**
 * Counts hits per IP in a fixed window. The IP is hashed with the site's salt so the options
 * table never holds visitors' addresses. The count is not atomic without an object cache: a
 * burst can overshoot by the number of concurrent PHP workers, which is fine for a token route.
 */
class Rate_Limiter {

	/**
	 * Bucket name ('session').
	 *
	 * @var string
	 */
	private $bucket;

	/**
	 * Constructor.
	 *
	 * @param string $bucket Bucket name.
	 */
	public function __construct( $bucket ) {
		$this->bucket = $bucket;
	}

	/**
	 * Records a hit and says whether it is allowed.
	 *
	 * @param string $ip      Client IP.
	 * @param int    $limit   Hits allowed per window.
	 * @param int    $window  Window length in seconds.
	 * @param int    $now     Unix seconds.
	 * @return array{allowed:bool, remaining:int, retry_after:int}
	 */
	public function hit( $ip, $limit, $window, $now ) {
		$window       = max( 1, (int) $window );
		$window_start = (int) ( floor( $now / $window ) * $window );
		$key          = 'aa_rl_' . $this->bucket . '_' . substr( hash_hmac( 'sha256', $ip . '|' . $window_start, wp_salt( 'nonce' ) ), 0, 24 );
		$count        = (int) get_transient( $key );
		$retry_after  = $window_start + $window - (int) $now;
		if ( $count >= $limit ) {
			return array(
				'allowed'     => false,
				'remaining'   => 0,
				'retry_after' => max( 1, $retry_after ),
			);
		}
		set_transient( $key, $count + 1, $window );
		return array(
			'allowed'     => true,
			'remaining'   => max( 0, $limit - $count - 1 ),
			'retry_after' => 0,
		);
	}
}
