<?php
/**
 * uninstall.php removes what the plugin stored in WordPress.
 *
 * @package AffiliateAgent
 */

use AffiliateAgent\Roles\Capabilities;
use PHPUnit\Framework\TestCase;

class UninstallTest extends TestCase {

	public function test_uninstall_removes_options_transients_role_and_capabilities() {
		wp_test_reset();
		Capabilities::install();
		update_option( 'affiliate_agent_service_url', 'http://127.0.0.1:8787' );
		update_option( 'affiliate_agent_shared_secret', str_repeat( 's', 40 ) );
		update_option( 'affiliate_agent_site_bubble', array( 'enabled' => true ) );
		update_option( 'some_other_plugin_option', 'kept' );
		$GLOBALS['wpdb'] = new class() {
			public $options = 'wp_options';
			public $queries = array();
			public function query( $sql ) {
				$this->queries[] = $sql;
				return 0;
			}
		};

		if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
			define( 'WP_UNINSTALL_PLUGIN', 'affiliate-agent/affiliate-agent.php' );
		}
		require dirname( __DIR__ ) . '/uninstall.php';

		$this->assertSame( array( 'some_other_plugin_option' => 'kept' ), $GLOBALS['wp_test']['options'] );
		$this->assertNull( get_role( 'aa_affiliate_manager' ) );
		$this->assertFalse( get_role( 'administrator' )->has_cap( 'aa_manage_agents' ) );
		$this->assertStringContainsString( "LIKE '\\_transient\\_aa\\_%'", $GLOBALS['wpdb']->queries[0] );
	}
}
