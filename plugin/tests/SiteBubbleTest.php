<?php
/**
 * The site-wide bubble: its option is sanitized and capability-checked, and it shows on the views
 * the owner chose, never beside a placed chat block.
 *
 * @package AffiliateAgent
 */

use AffiliateAgent\Rest\Site_Bubble_Controller;
use AffiliateAgent\Settings\Site_Bubble_Settings;
use AffiliateAgent\Support\Site_Bubble;
use PHPUnit\Framework\TestCase;

class SiteBubbleTest extends TestCase {

	const TYPES = array( 'post', 'page', 'product' );

	protected function setUp(): void {
		wp_test_reset();
	}

	private function settings( array $overrides = array() ) {
		return array_merge(
			array(
				'enabled'   => true,
				'agentId'   => 'agt_main',
				'where'     => 'everywhere',
				'postTypes' => array(),
			),
			$overrides
		);
	}

	private function view( $is_front_page, $singular_type, $has_block = false ) {
		return array(
			'isFrontPage'  => $is_front_page,
			'singularType' => $singular_type,
			'hasChatBlock' => $has_block,
		);
	}

	public function test_clean_input_is_kept_as_given_with_duplicate_post_types_dropped() {
		$clean = Site_Bubble_Settings::sanitize( array( 'enabled' => true, 'agentId' => ' agt_main ', 'where' => 'post_types', 'postTypes' => array( 'post', 'product', 'post' ) ), self::TYPES, true );
		$this->assertSame( array(), $clean['issues'] );
		$this->assertSame( array( 'enabled' => true, 'agentId' => 'agt_main', 'where' => 'post_types', 'postTypes' => array( 'post', 'product' ) ), $clean['settings'] );
	}

	public function test_a_request_with_unknown_values_is_refused_field_by_field_with_what_is_accepted() {
		$clean = Site_Bubble_Settings::sanitize( array( 'enabled' => true, 'agentId' => '"><script>', 'where' => 'sidebar', 'postTypes' => array( 'secret_type', 42 ) ), self::TYPES, true );
		$paths = array_column( $clean['issues'], 'path' );
		$this->assertSame( array( 'agentId', 'agentId', 'where', 'postTypes', 'postTypes' ), $paths );
		$this->assertStringContainsString( 'everywhere, front_page, post_types', $clean['issues'][2]['message'] );
		$this->assertStringContainsString( 'post, page, product', $clean['issues'][3]['message'] );
		// Whatever was refused never reaches the stored shape.
		$this->assertSame( array( 'enabled' => false, 'agentId' => '', 'where' => 'everywhere', 'postTypes' => array() ), $clean['settings'] );
	}

	public function test_switching_on_needs_an_agent_and_for_chosen_types_at_least_one_type() {
		$no_agent = Site_Bubble_Settings::sanitize( array( 'enabled' => true, 'agentId' => '' ), self::TYPES, true );
		$this->assertSame( 'agentId', $no_agent['issues'][0]['path'] );
		$this->assertFalse( $no_agent['settings']['enabled'] );
		$no_types = Site_Bubble_Settings::sanitize( array( 'enabled' => true, 'agentId' => 'agt_main', 'where' => 'post_types' ), self::TYPES, true );
		$this->assertSame( 'postTypes', $no_types['issues'][0]['path'] );
		$this->assertFalse( $no_types['settings']['enabled'] );
		// Switched off, an incomplete choice may be kept for later.
		$off = Site_Bubble_Settings::sanitize( array( 'enabled' => false, 'where' => 'post_types' ), self::TYPES, true );
		$this->assertSame( array(), $off['issues'] );
	}

	public function test_a_stored_value_is_repaired_on_read_a_type_no_longer_registered_is_dropped() {
		update_option( Site_Bubble_Settings::OPTION, array( 'enabled' => 'yes', 'agentId' => 'agt_main', 'where' => 'post_types', 'postTypes' => array( 'post', 'product' ) ) );
		$this->assertSame( array( 'enabled' => true, 'agentId' => 'agt_main', 'where' => 'post_types', 'postTypes' => array( 'post' ) ), ( new Site_Bubble_Settings() )->get() );
		update_option( Site_Bubble_Settings::OPTION, 'garbage' );
		$this->assertFalse( ( new Site_Bubble_Settings() )->get()['enabled'] );
	}

	public function test_everywhere_shows_on_every_view_front_page_only_there_and_chosen_types_only_on_their_single_views() {
		$everywhere = $this->settings();
		$this->assertTrue( Site_Bubble::shows_on( $everywhere, $this->view( true, 'page' ) ) );
		$this->assertTrue( Site_Bubble::shows_on( $everywhere, $this->view( false, '' ) ) );

		$front = $this->settings( array( 'where' => 'front_page' ) );
		$this->assertTrue( Site_Bubble::shows_on( $front, $this->view( true, '' ) ) );
		$this->assertFalse( Site_Bubble::shows_on( $front, $this->view( false, 'post' ) ) );

		$posts = $this->settings( array( 'where' => 'post_types', 'postTypes' => array( 'post' ) ) );
		$this->assertTrue( Site_Bubble::shows_on( $posts, $this->view( false, 'post' ) ) );
		$this->assertFalse( Site_Bubble::shows_on( $posts, $this->view( false, 'page' ) ) );
		$this->assertFalse( Site_Bubble::shows_on( $posts, $this->view( false, '' ) ), 'an archive of posts is not a post' );
		$this->assertFalse( Site_Bubble::shows_on( $posts, $this->view( true, '' ) ) );
	}

	public function test_off_or_without_an_agent_or_beside_a_placed_block_it_never_shows() {
		$this->assertFalse( Site_Bubble::shows_on( $this->settings( array( 'enabled' => false ) ), $this->view( true, 'post' ) ) );
		$this->assertFalse( Site_Bubble::shows_on( $this->settings( array( 'agentId' => '' ) ), $this->view( true, 'post' ) ) );
		$this->assertFalse( Site_Bubble::shows_on( $this->settings(), $this->view( true, 'post', true ) ), 'the placed block wins' );
	}

	public function test_a_placed_block_is_noted_but_the_bubbles_own_render_is_not() {
		$bubble = new Site_Bubble( new Site_Bubble_Settings() );
		$this->assertSame( '<div>chat</div>', $bubble->note_block( '<div>chat</div>' ) );
		$seen = new ReflectionProperty( Site_Bubble::class, 'block_seen' );
		$seen->setAccessible( true );
		$this->assertTrue( $seen->getValue( $bubble ) );
	}

	public function test_the_route_is_for_managers_only_and_stores_only_what_it_accepted() {
		$controller = new Site_Bubble_Controller( new Site_Bubble_Settings() );
		$controller->register_routes();
		$route = $GLOBALS['wp_test']['routes']['affiliate-agent/v1/site-bubble'];
		wp_test_log_in( 2, array( 'edit_posts' ) );
		$this->assertFalse( $route[0]['permission_callback']() );
		$this->assertFalse( $route[1]['permission_callback']() );
		wp_test_log_in( 1, array( 'aa_manage_agents' ) );
		$this->assertTrue( $route[1]['permission_callback']() );

		$refused = $controller->update( new WP_REST_Request( 'PUT', '/affiliate-agent/v1/site-bubble', array(), array(), wp_json_encode( array( 'enabled' => true, 'agentId' => 'agt_main', 'where' => 'post_types', 'postTypes' => array( 'nope' ) ) ) ) );
		$this->assertInstanceOf( WP_Error::class, $refused );
		$this->assertFalse( get_option( Site_Bubble_Settings::OPTION, false ) );

		$saved = $controller->update( new WP_REST_Request( 'PUT', '/affiliate-agent/v1/site-bubble', array(), array(), wp_json_encode( array( 'enabled' => true, 'agentId' => 'agt_main', 'where' => 'post_types', 'postTypes' => array( 'post' ), 'extra' => 'ignored' ) ) ) );
		$this->assertSame( array( 'enabled' => true, 'agentId' => 'agt_main', 'where' => 'post_types', 'postTypes' => array( 'post' ) ), $saved->get_data()['settings'] );
		$this->assertSame( array( array( 'slug' => 'post', 'label' => 'Posts' ), array( 'slug' => 'page', 'label' => 'Pages' ) ), $saved->get_data()['postTypes'] );
		$this->assertSame( $saved->get_data()['settings'], get_option( Site_Bubble_Settings::OPTION ) );
	}
}
