<?php
/**
 * Connecting in one step: save the connection key, test it, pair the service with this site.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Settings;

use AffiliateAgent\Roles\Capabilities;
use AffiliateAgent\Service\Service_Client;
use AffiliateAgent\Service\Service_Exception;

defined( 'ABSPATH' ) || exit;

/**
 * Saving and testing are one step so "Connected" always describes what is saved. A key that
 * cannot be read changes nothing; a readable key is kept even when the service does not answer
 * yet (it may still be starting), and the report says what to fix.
 */
class Connection_Setup {

	/**
	 * Settings.
	 *
	 * @var Settings
	 */
	private $settings;

	/**
	 * Tester.
	 *
	 * @var Connection_Tester
	 */
	private $tester;

	/**
	 * Service client.
	 *
	 * @var Service_Client
	 */
	private $service;

	/**
	 * Constructor.
	 *
	 * @param Settings          $settings Settings.
	 * @param Connection_Tester $tester   Tester.
	 * @param Service_Client    $service  Service client.
	 */
	public function __construct( Settings $settings, Connection_Tester $tester, Service_Client $service ) {
		$this->settings = $settings;
		$this->tester   = $tester;
		$this->service  = $service;
	}

	/**
	 * What the Settings screen shows about the saved connection (never the secret).
	 *
	 * @return array{configured:bool, pinned:bool, serviceUrl:string, publicServiceUrl:string, secretHint:string}
	 */
	public function state() {
		return array(
			'configured'       => $this->settings->is_configured(),
			'pinned'           => $this->settings->is_pinned( 'service_url' ) || $this->settings->is_pinned( 'shared_secret' ),
			'serviceUrl'       => $this->settings->service_url(),
			'publicServiceUrl' => (string) get_option( Settings::OPTION_PUBLIC_SERVICE_URL, '' ),
			'secretHint'       => Settings::mask( $this->settings->shared_secret() ),
		);
	}

	/**
	 * Saves a key (and the optional public URL), then tests the connection.
	 *
	 * @param string      $key        Connection key; '' keeps the saved one (to change only the public URL).
	 * @param string|null $public_url Public service URL, '' to clear, null to keep.
	 * @param int         $user_id    Acting user.
	 * @return array<string,mixed> The connection report (Connection_Tester::run()).
	 * @throws \InvalidArgumentException When the key or URL cannot be used; nothing is saved then.
	 */
	public function connect( $key, $public_url, $user_id ) {
		if ( $this->settings->is_pinned( 'service_url' ) || $this->settings->is_pinned( 'shared_secret' ) ) {
			throw new \InvalidArgumentException( __( 'The connection is set in wp-config.php (AFFILIATE_AGENT_SERVICE_URL, AFFILIATE_AGENT_SHARED_SECRET) and cannot be changed here.', 'affiliate-agent' ) );
		}
		$parsed = '' === trim( (string) $key ) && $this->settings->is_configured() ? null : Connection_Key::parse( $key );
		$public = null;
		if ( null !== $public_url && '' !== trim( $public_url ) ) {
			$public = Settings::normalize_url( $public_url );
			if ( null === $public ) {
				throw new \InvalidArgumentException( __( 'The public service URL must start with http:// or https:// and have no query string; nothing was saved.', 'affiliate-agent' ) );
			}
		}
		$keep_public = null === $public_url ? (string) get_option( Settings::OPTION_PUBLIC_SERVICE_URL, '' ) : (string) $public;
		$this->settings->save_urls( null !== $parsed ? $parsed['url'] : $this->settings->service_url(), $keep_public );
		if ( null !== $parsed ) {
			$this->settings->save_secret( $parsed['secret'] );
		}
		$report = $this->tester->run( $user_id );
		if ( $report['ok'] ) {
			$this->pair_with_this_site( $user_id );
		}
		return $report;
	}

	/**
	 * Tells the service where this WordPress is, when it does not know yet: the bridge and the
	 * lead links in emails need it, and the service allows this site's origin for its chat API.
	 * An address the owner already set (for example an internal one) is left alone; the site's
	 * language is sent every time, since the owner may change it.
	 *
	 * @param int $user_id Acting user.
	 */
	private function pair_with_this_site( $user_id ) {
		$capabilities = Capabilities::of_user( $user_id );
		try {
			$current = $this->service->json( 'GET', '/v1/settings/delivery', array(), null, $user_id, $capabilities, array( 'timeout' => 10 ) );
			// The site's language sets how numbers read in the manager's emails and the privacy export.
			$wordpress = array( 'locale' => str_replace( '_', '-', get_locale() ) );
			if ( empty( $current['settings']['wordpress']['siteUrl'] ) ) {
				$wordpress['siteUrl'] = untrailingslashit( site_url() );
			}
			// The public address referral links are built on (AffiliateWP uses home_url() too).
			if ( empty( $current['settings']['wordpress']['homeUrl'] ) ) {
				$wordpress['homeUrl'] = untrailingslashit( home_url() );
			}
			$this->service->json( 'PATCH', '/v1/settings/delivery', array(), array( 'wordpress' => $wordpress ), $user_id, $capabilities, array( 'timeout' => 10 ) );
		} catch ( Service_Exception $error ) {
			// Pairing is a convenience; the connection itself works, and Settings can set the address.
			return;
		}
	}
}
