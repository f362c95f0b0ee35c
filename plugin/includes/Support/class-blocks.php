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
 *
 * Only the editor script gets wp_set_script_translations(): on the front end the launcher must
 * stay tiny, and that call would make it depend on wp-i18n. The visitor-facing strings are
 * translated in render.php and handed to the widget in the markup instead.
 */
class Blocks {

	/**
	 * Registers the chat block when its build exists; a checkout before `npm run build` simply has no block.
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
	}
}
