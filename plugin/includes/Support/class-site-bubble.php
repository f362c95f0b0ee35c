<?php
/**
 * Prints the site-wide floating chat in the footer of the views the owner chose.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Support;

use AffiliateAgent\Settings\Site_Bubble_Settings;

defined( 'ABSPATH' ) || exit;

/**
 * The bubble is the chat block itself, rendered through render_block() with only an agent and the
 * floating mode: the same render.php, the same configuration Chat_Config prints, the same launcher
 * and the same availability rule (a disabled or deleted agent renders nothing). So nothing here
 * prints markup or script of its own, and the page loads no more than with a placed block.
 *
 * A chat block placed on the page wins: it has rendered before wp_footer (in the content or a
 * template part), and its presence, noted by the `render_block_affiliate-agent/chat` filter,
 * keeps the site-wide one out, so there is never a second launcher.
 */
class Site_Bubble {

	const BLOCK_NAME = 'affiliate-agent/chat';

	/**
	 * Settings.
	 *
	 * @var Site_Bubble_Settings
	 */
	private $settings;

	/**
	 * Whether a chat block (not ours) rendered during this request.
	 *
	 * @var bool
	 */
	private $block_seen = false;

	/**
	 * Whether the render in progress is the site-wide bubble itself.
	 *
	 * @var bool
	 */
	private $is_rendering = false;

	/**
	 * Constructor.
	 *
	 * @param Site_Bubble_Settings $settings Settings.
	 */
	public function __construct( Site_Bubble_Settings $settings ) {
		$this->settings = $settings;
	}

	/**
	 * Which views get the bubble; a pure decision, so it can be tested without WordPress's query.
	 *
	 * @param array{enabled: bool, agentId: string, where: string, postTypes: string[]} $settings Clean settings.
	 * @param array{isFrontPage: bool, singularType: string, hasChatBlock: bool}      $view     The view: the front page?, the post type of a single view ('' elsewhere), whether a chat block is on it.
	 * @return bool
	 */
	public static function shows_on( array $settings, array $view ) {
		if ( empty( $settings['enabled'] ) || '' === $settings['agentId'] || ! empty( $view['hasChatBlock'] ) ) {
			return false;
		}
		switch ( $settings['where'] ) {
			case Site_Bubble_Settings::WHERE_EVERYWHERE:
				return true;
			case Site_Bubble_Settings::WHERE_FRONT_PAGE:
				return ! empty( $view['isFrontPage'] );
			case Site_Bubble_Settings::WHERE_POST_TYPES:
				return '' !== $view['singularType'] && in_array( $view['singularType'], $settings['postTypes'], true );
		}
		return false;
	}

	/**
	 * `render_block_affiliate-agent/chat`: notes a placed block (returns its markup unchanged).
	 *
	 * @param string $block_content Rendered block.
	 * @return string
	 */
	public function note_block( $block_content ) {
		if ( ! $this->is_rendering ) {
			$this->block_seen = true;
		}
		return $block_content;
	}

	/**
	 * `wp_footer` (before the footer scripts print, so the launcher it enqueues still goes out).
	 */
	public function print_bubble() {
		if ( is_admin() || is_feed() || is_embed() ) {
			return;
		}
		$settings = $this->settings->get();
		$view     = array(
			'isFrontPage'  => is_front_page(),
			'singularType' => is_singular() ? (string) get_post_type( get_queried_object_id() ) : '',
			'hasChatBlock' => $this->block_seen,
		);
		if ( ! self::shows_on( $settings, $view ) ) {
			return;
		}
		$this->is_rendering = true;
		$markup             = render_block(
			array(
				'blockName'    => self::BLOCK_NAME,
				'attrs'        => array(
					'agentId'     => $settings['agentId'],
					'displayMode' => 'floating',
				),
				'innerBlocks'  => array(),
				'innerHTML'    => '',
				'innerContent' => array(),
			)
		);
		$this->is_rendering = false;
		echo $markup; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- render.php escapes every value it prints.
	}
}
