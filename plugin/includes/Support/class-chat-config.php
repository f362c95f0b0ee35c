<?php
/**
 * The chat launcher's configuration, printed by the plugin and nowhere else.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Support;

defined( 'ABSPATH' ) || exit;

/**
 * Post markup is written by people without `unfiltered_html`, and kses keeps `class`, `id` and
 * `data-*` attributes: anything the launcher read from the markup could be forged by an Author
 * (the first version loaded a `data-widget-url` as a script). So the widget URL, the session
 * route and each block's settings go into one JavaScript object, `affiliateAgentChatConfig`,
 * added with wp_add_inline_script() before the launcher; the markup carries only an instance id
 * that this object names. Instance ids are random per render, so a post cannot guess one.
 */
class Chat_Config {

	/** The handle WordPress derives for the block's `viewScript` (the launcher). */
	const LAUNCHER_HANDLE = 'affiliate-agent-chat-view-script';

	/**
	 * Whether this request already printed the object's base (widget URL, session route).
	 *
	 * @var bool
	 */
	private static $has_base = false;

	/**
	 * Registers one rendered block and returns the id its wrapper carries in `data-aa-instance`.
	 *
	 * @param array<string, mixed> $instance   What the launcher hands the widget for this block.
	 * @param string               $widget_url The widget bundle.
	 * @param string               $handle     The launcher's script handle.
	 * @return string
	 */
	public static function add_instance( array $instance, $widget_url, $handle = self::LAUNCHER_HANDLE ) {
		$id     = 'aa-chat-' . strtolower( wp_generate_password( 12, false, false ) );
		$script = '';
		if ( ! self::$has_base ) {
			// `var` at top level: the global wins over a clobbering element with the same id.
			$script        .= 'var affiliateAgentChatConfig=' . self::json(
				array(
					'widgetUrl'  => $widget_url,
					'sessionUrl' => rest_url( 'affiliate-agent/v1/session' ),
					'instances'  => new \stdClass(),
				)
			) . ';';
			self::$has_base = true;
		}
		$script .= 'affiliateAgentChatConfig.instances[' . self::json( $id ) . ']=' . self::json( $instance ) . ';';
		wp_add_inline_script( $handle, $script, 'before' );
		return $id;
	}

	/**
	 * JSON safe inside a script element: `<`, `>` and `&` become \u escapes, so no value (a
	 * greeting typed by an editor, say) can close the element.
	 *
	 * @param mixed $value Value.
	 * @return string
	 */
	private static function json( $value ) {
		return (string) wp_json_encode( $value, JSON_HEX_TAG | JSON_HEX_AMP | JSON_UNESCAPED_UNICODE );
	}

	/**
	 * Forgets what this request printed (tests render several pages in one process).
	 */
	public static function reset() {
		self::$has_base = false;
	}
}
