<?php
/**
 * The main file wires everything without errors.
 *
 * @package AffiliateAgent
 */

use PHPUnit\Framework\TestCase;

class PluginLoadsTest extends TestCase {

	public function test_the_main_file_registers_its_hooks_in_one_place_and_every_class_loads() {
		$this->assertSame( array(), affiliate_agent_requirement_problems() );
		$this->assertTrue( function_exists( 'affiliate_agent_add_hooks' ) );
		foreach ( glob( dirname( __DIR__ ) . '/includes/*/*.php' ) as $file ) {
			$folder = basename( dirname( $file ) );
			$name   = preg_replace( '/^(class|interface)-/', '', basename( $file, '.php' ) );
			$class  = 'AffiliateAgent\\' . $folder . '\\' . str_replace( ' ', '_', ucwords( str_replace( '-', ' ', $name ) ) );
			$this->assertTrue( class_exists( $class ) || interface_exists( $class ), "$file should define $class (namespace = folder)" );
		}
	}

	public function test_every_rest_route_states_its_access_rule() {
		wp_test_reset();
		affiliate_agent_add_hooks();
		foreach ( $GLOBALS['wp_test']['actions']['rest_api_init'] as $callback ) {
			$callback();
		}
		$routes = $GLOBALS['wp_test']['routes'];
		$this->assertEqualsCanonicalizing(
			array(
				'affiliate-agent/v1/admin/(?P<path>.+)',
				'affiliate-agent/v1/admin-token',
				'affiliate-agent/v1/session',
				'affiliate-agent/v1/block-agents',
				'affiliate-agent/v1/connection',
				'affiliate-agent/v1/people',
				'affiliate-agent/v1/site-bubble',
				'affiliate-agent/v1/knowledge-sync',
				'affiliate-agent/v1/knowledge-sync/retry',
				'affiliate-agent/v1/setup',
				'affiliate-agent/v1/setup/playground',
				'affiliate-agent/v1/bridge/(?P<operation>[a-z]+/[a-z-]+)',
			),
			array_keys( $routes )
		);
		foreach ( $routes as $route => $args ) {
			// A route with several methods registers a list of endpoints, each with its own rule.
			foreach ( isset( $args[0] ) ? $args : array( $args ) as $endpoint ) {
				$this->assertArrayHasKey( 'permission_callback', $endpoint, $route );
			}
		}
	}
}
