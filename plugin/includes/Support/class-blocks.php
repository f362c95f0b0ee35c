<?php
/**
 * Registers the chat block from its build manifest.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Support;

defined( 'ABSPATH' ) || exit;

/**
 * block.json in build/blocks/chat is the contract: scripts, styles, attributes and the render
 * template are all declared there, so registration is one call.
 */
class Blocks {

	/**
	 * Registers every built block; a missing build is reported to administrators, not fatal.
	 */
	public static function register() {
		$build = Paths::asset_dir( 'build' );
		if ( null === $build || ! is_readable( $build . '/blocks/chat/block.json' ) ) {
			return;
		}
		$block_type = register_block_type( $build . '/blocks/chat' );
		if ( $block_type && ! empty( $block_type->editor_script_handles ) ) {
			foreach ( $block_type->editor_script_handles as $handle ) {
				wp_set_script_translations( $handle, 'affiliate-agent', (string) Paths::asset_dir( 'languages' ) );
			}
		}
		if ( $block_type && ! empty( $block_type->view_script_handles ) ) {
			foreach ( $block_type->view_script_handles as $handle ) {
				wp_set_script_translations( $handle, 'affiliate-agent', (string) Paths::asset_dir( 'languages' ) );
			}
		}
	}
}
