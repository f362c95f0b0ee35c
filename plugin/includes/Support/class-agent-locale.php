<?php
/**
 * The plugin's strings in an agent's language, whatever the site's locale is.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Support;

defined( 'ABSPATH' ) || exit;

/**
 * Each agent has a language (a tag such as de or pt-BR); the chat widget's fixed phrases follow
 * it, so a German agent on an English site greets in German. switch_to_locale() cannot do this:
 * it only switches to languages the site has installed in wp-content/languages, and it reloads
 * every text domain. Instead, while a callback runs, this answers the plugin's own gettext
 * filters from the agent's catalogue: a translation from translate.wordpress.org
 * (wp-content/languages/plugins) first, the one the plugin ships (languages/) otherwise.
 */
class Agent_Locale {

	/**
	 * Region a bare language tag means when WordPress names its locale with one.
	 *
	 * @var array<string,string>
	 */
	const DEFAULT_REGIONS = array(
		'de' => 'de_DE',
		'es' => 'es_ES',
		'fr' => 'fr_FR',
		'it' => 'it_IT',
		'nl' => 'nl_NL',
		'pt' => 'pt_PT',
		'pl' => 'pl_PL',
		'sv' => 'sv_SE',
		'da' => 'da_DK',
		'en' => 'en_US',
	);

	/**
	 * Loaded catalogues by locale (false: none found), so many blocks on a page read a file once.
	 *
	 * @var array<string,\MO|false>
	 */
	private static $catalogues = array();

	/**
	 * WordPress locale of a language tag: de → de_DE, pt-BR → pt_BR; '' for a malformed tag.
	 *
	 * @param string $language Language tag as the agent stores it.
	 * @return string
	 */
	public static function locale_of( $language ) {
		if ( ! is_string( $language ) || ! preg_match( '/^([a-z]{2,3})(?:[-_]([A-Za-z]{2,4}))?$/', $language, $parts ) ) {
			return '';
		}
		if ( isset( $parts[2] ) ) {
			return $parts[1] . '_' . strtoupper( $parts[2] );
		}
		return self::DEFAULT_REGIONS[ $parts[1] ] ?? $parts[1];
	}

	/**
	 * Runs $callback with the plugin's strings in $language and returns what it returns.
	 * Same language as the site, or no catalogue for it: the callback runs unchanged.
	 *
	 * @param string   $language Agent language tag.
	 * @param callable $callback Prints or builds the strings.
	 * @return mixed
	 */
	public static function run_in( $language, $callback ) {
		$locale = self::locale_of( $language );
		$mo     = ( '' === $locale || determine_locale() === $locale ) ? false : self::catalogue( $locale );
		if ( false === $mo ) {
			return $callback();
		}
		$single = static function ( $translation, $text ) use ( $mo ) {
			return $mo->translate( $text );
		};
		$context = static function ( $translation, $text, $context ) use ( $mo ) {
			return $mo->translate( $text, $context );
		};
		$plural = static function ( $translation, $single_text, $plural_text, $count ) use ( $mo ) {
			return $mo->translate_plural( $single_text, $plural_text, $count );
		};
		add_filter( 'gettext_affiliate-agent', $single, 10, 2 );
		add_filter( 'gettext_with_context_affiliate-agent', $context, 10, 3 );
		add_filter( 'ngettext_affiliate-agent', $plural, 10, 4 );
		try {
			return $callback();
		} finally {
			remove_filter( 'gettext_affiliate-agent', $single, 10 );
			remove_filter( 'gettext_with_context_affiliate-agent', $context, 10 );
			remove_filter( 'ngettext_affiliate-agent', $plural, 10 );
		}
	}

	/**
	 * The plugin's catalogue for a locale, or false when neither place has one.
	 *
	 * @param string $locale WordPress locale.
	 * @return \MO|false
	 */
	private static function catalogue( $locale ) {
		if ( ! array_key_exists( $locale, self::$catalogues ) ) {
			self::$catalogues[ $locale ] = false;
			$languages  = Paths::asset_dir( 'languages' );
			$candidates = array( WP_LANG_DIR . '/plugins/affiliate-agent-' . $locale . '.mo' );
			if ( null !== $languages ) {
				$candidates[] = $languages . '/affiliate-agent-' . $locale . '.mo';
			}
			foreach ( $candidates as $file ) {
				if ( is_readable( $file ) ) {
					if ( ! class_exists( '\MO' ) ) {
						require_once ABSPATH . WPINC . '/pomo/mo.php';
					}
					$mo = new \MO();
					if ( $mo->import_from_file( $file ) ) {
						self::$catalogues[ $locale ] = $mo;
						break;
					}
				}
			}
		}
		return self::$catalogues[ $locale ];
	}
}
