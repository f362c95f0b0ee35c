<?php
/**
 * Tells a page that holds nothing to read (only the chat block, or nothing at all) from a real page.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Content;

defined( 'ABSPATH' ) || exit;

/**
 * Works on the stored post content, not the rendered HTML: the chat block renders a widget
 * container whose markup says nothing about the program, and indexing it would only add a
 * "source" the agent cites for nothing. What is left after block delimiters, comments,
 * shortcodes, tags and whitespace (including non-breaking spaces) are removed is the page's text.
 */
class Chat_Only_Content {

	const CHAT_BLOCK = 'affiliate-agent/chat';

	/** Only the chat block (maybe with empty paragraphs around it). */
	const CHAT_ONLY = 'chat_only';

	/** No text at all once blocks and shortcodes are taken out. */
	const NO_TEXT = 'no_text';

	/**
	 * Why this content has nothing to index, or null when it has text.
	 *
	 * @param string $post_content Stored post content (block markup).
	 * @return string|null self::CHAT_ONLY, self::NO_TEXT or null.
	 */
	public static function reason( $post_content ) {
		$content = (string) $post_content;
		if ( '' !== self::visible_text( $content ) ) {
			return null;
		}
		return false !== strpos( $content, '<!-- wp:' . self::CHAT_BLOCK ) ? self::CHAT_ONLY : self::NO_TEXT;
	}

	/**
	 * The readable text left in the content, whitespace removed (only its emptiness matters).
	 *
	 * @param string $content Post content.
	 * @return string
	 */
	public static function visible_text( $content ) {
		$text = preg_replace( '/<!--.*?-->/s', '', $content );
		// Any [shortcode …] or [/shortcode]: registered or not, it is not prose a visitor reads.
		$text = preg_replace( '/\[\/?[A-Za-z][^\[\]]*\]/', '', (string) $text );
		$text = wp_strip_all_tags( (string) $text );
		$text = html_entity_decode( $text, ENT_QUOTES | ENT_HTML5, 'UTF-8' );
		return (string) preg_replace( '/[\s\x{00A0}\x{200B}\x{FEFF}]+/u', '', $text );
	}
}
