<?php
/**
 * An agent's language tag becomes the WordPress locale whose catalogue the chat block uses.
 *
 * @package AffiliateAgent
 */

use AffiliateAgent\Support\Agent_Locale;
use PHPUnit\Framework\TestCase;

class AgentLocaleTest extends TestCase {

	public function test_language_tags_map_to_wordpress_locales() {
		$this->assertSame( 'de_DE', Agent_Locale::locale_of( 'de' ) );
		$this->assertSame( 'es_ES', Agent_Locale::locale_of( 'es' ) );
		$this->assertSame( 'fr_FR', Agent_Locale::locale_of( 'fr' ) );
		$this->assertSame( 'de_AT', Agent_Locale::locale_of( 'de-AT' ) );
		$this->assertSame( 'pt_BR', Agent_Locale::locale_of( 'pt-br' ) );
		$this->assertSame( 'fr_CA', Agent_Locale::locale_of( 'fr_CA' ) );
		// A language WordPress names without a region keeps its bare code (ja, fi).
		$this->assertSame( 'ja', Agent_Locale::locale_of( 'ja' ) );
	}

	public function test_a_malformed_tag_maps_to_no_locale() {
		foreach ( array( '', 'german', 'de-', '../../etc', 'de_DE.mo', null ) as $tag ) {
			$this->assertSame( '', Agent_Locale::locale_of( $tag ), var_export( $tag, true ) );
		}
	}
}
