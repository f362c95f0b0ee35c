<?php
/**
 * Where the plugin's built assets and translations live.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Support;

defined( 'ABSPATH' ) || exit;

/**
 * In the released zip, build/ and languages/ sit inside the plugin folder. In a development
 * checkout the plugin is the repository's plugin/ folder and they sit one level up, so a
 * symlinked checkout works without copying anything.
 */
class Paths {

	/**
	 * Absolute path of the plugin folder, without trailing slash.
	 *
	 * @return string
	 */
	public static function plugin_dir() {
		return dirname( AFFILIATE_AGENT_FILE );
	}

	/**
	 * Absolute path of a top-level asset folder ('build' or 'languages'), or null when absent.
	 *
	 * @param string $folder Folder name.
	 * @return string|null
	 */
	public static function asset_dir( $folder ) {
		foreach ( array( self::plugin_dir() . '/' . $folder, dirname( self::plugin_dir() ) . '/' . $folder ) as $candidate ) {
			if ( is_dir( $candidate ) ) {
				return $candidate;
			}
		}
		return null;
	}

	/**
	 * Public URL of a file under an asset folder found by asset_dir().
	 *
	 * @param string $absolute_path Absolute file path.
	 * @return string
	 */
	public static function url_of( $absolute_path ) {
		$plugin_dir = self::plugin_dir();
		if ( 0 === strpos( $absolute_path, $plugin_dir . '/' ) ) {
			return plugins_url( substr( $absolute_path, strlen( $plugin_dir ) + 1 ), AFFILIATE_AGENT_FILE );
		}
		// Development checkout: the asset lives beside the plugin folder.
		$relative = substr( $absolute_path, strlen( dirname( $plugin_dir ) ) + 1 );
		return trailingslashit( dirname( plugins_url( '', AFFILIATE_AGENT_FILE ) ) ) . $relative;
	}

	/**
	 * Loads bundled translations; translations from translate.wordpress.org still take precedence.
	 */
	public static function load_textdomain() {
		$languages = self::asset_dir( 'languages' );
		if ( null !== $languages ) {
			load_textdomain( 'affiliate-agent', $languages . '/affiliate-agent-' . determine_locale() . '.mo' );
		}
	}
}
