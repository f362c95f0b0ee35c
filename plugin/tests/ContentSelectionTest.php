<?php
/**
 * Which site content the sync sends: the owner's post types and overrides, and the rule that skips
 * pages holding only the chat block.
 *
 * @package AffiliateAgent
 */

use AffiliateAgent\Content\Chat_Only_Content;
use AffiliateAgent\Content\Content_Items;
use AffiliateAgent\Content\Content_Selection;
use PHPUnit\Framework\TestCase;

class ContentSelectionTest extends TestCase {

	const CHAT_BLOCK = '<!-- wp:affiliate-agent/chat {"agentId":"agt_1","mode":"inline"} /-->';

	protected function setUp(): void {
		wp_test_reset();
	}

	public function test_the_chat_block_alone_is_chat_only() {
		$this->assertSame( Chat_Only_Content::CHAT_ONLY, Chat_Only_Content::reason( self::CHAT_BLOCK ) );
	}

	public function test_the_chat_block_with_whitespace_and_empty_paragraphs_is_chat_only() {
		$content = "\n\n<!-- wp:paragraph -->\n<p></p>\n<!-- /wp:paragraph -->\n\n" . self::CHAT_BLOCK
			. "\n<!-- wp:paragraph -->\n<p>&nbsp; <br></p>\n<!-- /wp:paragraph -->\n\t\n";
		$this->assertSame( Chat_Only_Content::CHAT_ONLY, Chat_Only_Content::reason( $content ) );
	}

	public function test_a_page_with_real_text_and_the_block_is_kept() {
		$content = "<!-- wp:paragraph -->\n<p>We pay 30% on every sale, monthly.</p>\n<!-- /wp:paragraph -->\n\n" . self::CHAT_BLOCK;
		$this->assertNull( Chat_Only_Content::reason( $content ) );
	}

	public function test_a_page_empty_once_blocks_and_shortcodes_are_gone_has_no_text() {
		$this->assertSame( Chat_Only_Content::NO_TEXT, Chat_Only_Content::reason( '' ) );
		$this->assertSame( Chat_Only_Content::NO_TEXT, Chat_Only_Content::reason( "<!-- wp:shortcode -->\n[contact-form-7 id=\"12\"]\n<!-- /wp:shortcode -->\n<!-- wp:separator --><hr class=\"wp-block-separator\"/><!-- /wp:separator -->" ) );
		$this->assertNull( Chat_Only_Content::reason( '[caption id="1"]Payouts are sent monthly.[/caption]' ), 'text inside a shortcode stays text' );
	}

	public function test_defaults_are_posts_and_pages_and_chat_only_pages_are_not_indexable() {
		$this->assertSame( array( 'post', 'page' ), Content_Items::types() );
		$rates = wp_test_post( 30, 'page', 'publish', 'Commission rates', '<p>30% on every sale.</p>' . self::CHAT_BLOCK );
		$chat  = wp_test_post( 31, 'page', 'publish', 'Chat with us', self::CHAT_BLOCK );
		$this->assertTrue( Content_Items::is_indexable( $rates ) );
		$this->assertFalse( Content_Items::is_indexable( $chat ) );
		$this->assertSame( Chat_Only_Content::CHAT_ONLY, Content_Selection::skip_reason( $chat ) );
	}

	public function test_the_owner_includes_or_excludes_single_pages_and_chooses_types() {
		$chat  = wp_test_post( 31, 'page', 'publish', 'Chat with us', self::CHAT_BLOCK );
		$hello = wp_test_post( 1, 'post', 'publish', 'Hello world!', '<p>Welcome to WordPress.</p>' );
		$saved = Content_Selection::save( array( 'types' => array( 'page', 'post' ), 'include' => array( 31, '31', 'x' ), 'exclude' => array( 1 ) ) );
		$this->assertSame( array( 'types' => array( 'page', 'post' ), 'include' => array( 31 ), 'exclude' => array( 1 ) ), $saved );
		$this->assertTrue( Content_Items::is_indexable( $chat ), 'included by hand' );
		$this->assertFalse( Content_Items::is_indexable( $hello ), 'excluded by hand' );
		$this->assertSame( 'excluded', Content_Selection::skip_reason( $hello ) );

		Content_Selection::save( array( 'types' => array( 'page' ) ) );
		$this->assertSame( array( 'page' ), Content_Items::types() );
		$this->assertSame( array(), Content_Items::types( array( 'post' ) ), 'a type the owner left out is not sent even when asked for' );
	}

	public function test_an_unknown_type_or_a_malformed_body_is_refused_and_nothing_is_stored() {
		$refused = Content_Selection::save( array( 'types' => array( 'page', 'attachment' ) ) );
		$this->assertInstanceOf( WP_Error::class, $refused );
		$this->assertStringContainsString( '"attachment" is not a post type this site can sync; choose from: page, post', $refused->get_error_message() );
		$this->assertInstanceOf( WP_Error::class, Content_Selection::save( 'page' ) );
		$this->assertArrayNotHasKey( Content_Selection::OPTION, $GLOBALS['wp_test']['options'] );
	}

	public function test_the_route_needs_the_manage_capability_and_lists_the_chat_only_page_as_skipped() {
		wp_test_post( 30, 'page', 'publish', 'Commission rates', '<p>30% on every sale.</p>' );
		wp_test_post( 31, 'page', 'publish', 'Chat with us', self::CHAT_BLOCK );
		$controller = new \AffiliateAgent\Rest\Knowledge_Sync_Controller( new \AffiliateAgent\Content\Content_Sync( new \AffiliateAgent\Service\Service_Client( new \AffiliateAgent\Settings\Settings() ) ) );
		$controller->register_routes();
		$endpoints = $GLOBALS['wp_test']['routes']['affiliate-agent/v1/knowledge-sync'];

		wp_test_log_in( 3, array( 'read', 'aa_review_leads' ) );
		$this->assertFalse( $endpoints[1]['permission_callback'](), 'a lead reviewer may not change what is synced' );
		wp_test_log_in( 1, array( 'aa_manage_agents' ) );
		$this->assertTrue( $endpoints[1]['permission_callback']() );

		$report = $endpoints[1]['callback']( new WP_REST_Request( 'POST', '/affiliate-agent/v1/knowledge-sync', array(), array(), '{"types":["page"],"exclude":[30]}' ) )->get_data();
		$this->assertSame( array( 'page' ), $report['selection']['types'] );
		$this->assertSame( array( array( 'name' => 'page', 'label' => 'Pages' ), array( 'name' => 'post', 'label' => 'Posts' ) ), $report['availableTypes'] );
		$by_id = array_column( $report['pages'], null, 'id' );
		$this->assertSame( array( false, 'excluded', 'Excluded by you.' ), array( $by_id[30]['sent'], $by_id[30]['reason'], $by_id[30]['reasonText'] ) );
		$this->assertSame( array( false, 'chat_only', 'Holds only the chat block, nothing to answer from.' ), array( $by_id[31]['sent'], $by_id[31]['reason'], $by_id[31]['reasonText'] ) );
		$this->assertSame( 0, $report['queue']['count'] );

		$refused = $endpoints[1]['callback']( new WP_REST_Request( 'POST', '/affiliate-agent/v1/knowledge-sync', array(), array(), '{"types":"page"}' ) );
		$this->assertSame( 400, $refused->get_error_data()['status'] );
	}
}
