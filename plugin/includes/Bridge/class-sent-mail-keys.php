<?php
/**
 * The idempotency keys of mails the bridge has sent, so a retry never mails twice.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Bridge;

defined( 'ABSPATH' ) || exit;

/**
 * One non-autoloaded option per key: add_option() is a single INSERT on a unique option name, so two
 * concurrent calls with the same key cannot both claim it. A claim is "sending" until wp_mail()
 * returns; a failed send releases it, so the retry sends. Keys older than KEEP_SECONDS are pruned
 * through a small index option (the service gives up on a job long before that).
 */
class Sent_Mail_Keys {

	const PREFIX       = 'affiliate_agent_mail_';
	const INDEX        = 'affiliate_agent_mail_keys';
	const KEEP_SECONDS = 604800; // 7 days.
	/** A "sending" claim older than this belongs to a PHP process that died: the mail may be sent again. */
	const STALE_SECONDS = 600;

	/**
	 * Claims a key for sending.
	 *
	 * @param string $key The outbox job's idempotency key.
	 * @param int    $now Unix time.
	 * @return string 'claimed', 'sent' (already sent) or 'sending' (another request is sending it).
	 */
	public static function claim( $key, $now ) {
		$name = self::option_name( $key );
		if ( add_option( $name, array( 'state' => 'sending', 'at' => $now ), '', false ) ) {
			self::remember( $name, $now );
			return 'claimed';
		}
		$stored = get_option( $name );
		if ( is_array( $stored ) && 'sent' === ( $stored['state'] ?? '' ) ) {
			return 'sent';
		}
		if ( is_array( $stored ) && (int) ( $stored['at'] ?? 0 ) > $now - self::STALE_SECONDS ) {
			return 'sending';
		}
		update_option( $name, array( 'state' => 'sending', 'at' => $now ), false );
		return 'claimed';
	}

	/**
	 * Marks a claimed key as sent.
	 *
	 * @param string $key Key.
	 * @param int    $now Unix time.
	 */
	public static function mark_sent( $key, $now ) {
		update_option( self::option_name( $key ), array( 'state' => 'sent', 'at' => $now ), false );
	}

	/**
	 * Releases a claim whose send failed, so the retry sends.
	 *
	 * @param string $key Key.
	 */
	public static function release( $key ) {
		delete_option( self::option_name( $key ) );
	}

	/**
	 * Drops keys older than KEEP_SECONDS.
	 *
	 * @param int $now Unix time.
	 */
	public static function prune( $now ) {
		$index = get_option( self::INDEX, array() );
		$index = is_array( $index ) ? $index : array();
		$kept  = array();
		foreach ( $index as $name => $at ) {
			if ( (int) $at < $now - self::KEEP_SECONDS ) {
				delete_option( (string) $name );
			} else {
				$kept[ $name ] = (int) $at;
			}
		}
		if ( count( $kept ) !== count( $index ) ) {
			update_option( self::INDEX, $kept, false );
		}
	}

	/**
	 * Option name for a key: hashed, since option names are at most 191 characters.
	 *
	 * @param string $key Key.
	 * @return string
	 */
	private static function option_name( $key ) {
		return self::PREFIX . hash( 'sha256', $key );
	}

	/**
	 * Adds a claimed key to the pruning index.
	 *
	 * @param string $name Option name.
	 * @param int    $now  Unix time.
	 */
	private static function remember( $name, $now ) {
		$index          = get_option( self::INDEX, array() );
		$index          = is_array( $index ) ? $index : array();
		$index[ $name ] = $now;
		update_option( self::INDEX, $index, false );
	}
}
