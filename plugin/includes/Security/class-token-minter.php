<?php
/**
 * Visitor and admin tokens, docs/protocol.md section 2.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Security;

defined( 'ABSPATH' ) || exit;

/**
 * The JSON is encoded as JavaScript's JSON.stringify would (no escaped slashes or Unicode), so
 * the same payload gives the same token on both sides; the vectors file checks it.
 */
class Token_Minter {

	const VISITOR_TTL     = 3600;
	const VISITOR_MAX_TTL = 86400;
	const ADMIN_TTL       = 900;

	/**
	 * Shared secret.
	 *
	 * @var string
	 */
	private $secret;

	/**
	 * Constructor.
	 *
	 * @param string $secret Shared secret.
	 */
	public function __construct( $secret ) {
		$this->secret = (string) $secret;
	}

	/**
	 * Base64url without padding.
	 *
	 * @param string $bytes Bytes.
	 * @return string
	 */
	public static function base64url( $bytes ) {
		return rtrim( strtr( base64_encode( $bytes ), '+/', '-_' ), '=' );
	}

	/**
	 * Signs a payload whose key order is already the protocol's.
	 *
	 * @param array<string,mixed> $payload Payload.
	 * @return string
	 */
	public function mint( array $payload ) {
		$prefix       = 'admin' === $payload['kind'] ? 'aa-admin.' : 'aa-visitor.';
		$payload_part = self::base64url( (string) wp_json_encode( $payload, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_LINE_TERMINATORS ) );
		return $payload_part . '.' . self::base64url( hash_hmac( 'sha256', $prefix . $payload_part, $this->secret, true ) );
	}

	/**
	 * A visitor token for one agent, one visitor and this site's origin.
	 *
	 * @param string $agent_id   Agent id.
	 * @param string $visitor_id Visitor id (vis_…).
	 * @param string $origin     Site origin.
	 * @param int    $now        Unix seconds.
	 * @param int    $ttl        Lifetime in seconds, at most VISITOR_MAX_TTL.
	 * @param array{id:int, email:string}|null $wp_user The logged-in WordPress user, signed into the
	 *                                                  token so the service counts their account email
	 *                                                  as verified in the chat (issue 12).
	 * @return array{token:string, expires_at:int}
	 */
	public function visitor_token( $agent_id, $visitor_id, $origin, $now, $ttl = self::VISITOR_TTL, $wp_user = null ) {
		$ttl     = max( 60, min( (int) $ttl, self::VISITOR_MAX_TTL ) );
		$payload = array(
			'v'       => 1,
			'kind'    => 'visitor',
			'agent'   => (string) $agent_id,
			'visitor' => (string) $visitor_id,
			'origin'  => (string) $origin,
			'iat'     => (int) $now,
			'exp'     => (int) $now + $ttl,
		);
		if ( is_array( $wp_user ) && ! empty( $wp_user['id'] ) && is_email( (string) $wp_user['email'] ) ) {
			$payload['wp_user']  = (int) $wp_user['id'];
			$payload['wp_email'] = (string) $wp_user['email'];
		}
		return array(
			'token'      => $this->mint( $payload ),
			'expires_at' => $payload['exp'],
		);
	}

	/**
	 * An admin token for the playground stream.
	 *
	 * @param int      $user_id      WordPress user id.
	 * @param string[] $capabilities The user's Affiliate Agent capabilities.
	 * @param int      $now          Unix seconds.
	 * @return array{token:string, expires_at:int}
	 */
	public function admin_token( $user_id, array $capabilities, $now ) {
		$payload = array(
			'v'    => 1,
			'kind' => 'admin',
			'user' => (int) $user_id,
			'caps' => Request_Signer::normalize_capabilities( $capabilities ),
			'iat'  => (int) $now,
			'exp'  => (int) $now + self::ADMIN_TTL,
		);
		return array(
			'token'      => $this->mint( $payload ),
			'expires_at' => $payload['exp'],
		);
	}

	/**
	 * A new visitor id: 16 random bytes, like the widget's conversations expect.
	 *
	 * @return string
	 */
	public static function new_visitor_id() {
		return 'vis_' . bin2hex( random_bytes( 16 ) );
	}
}
