<?php
/**
 * Front-end markup of the chat block (dynamic render, escaped late).
 *
 * Prints only a static bubble (floating) or a static panel (inline) carrying an instance id; the
 * launcher's settings go into the configuration the plugin prints (Chat_Config). There is
 * deliberately no token here: the launcher asks the session route for one at the
 * visitor's first click, so full-page caches can serve this HTML to everyone.
 *
 * @package AffiliateAgent
 *
 * @var array    $attributes Block attributes (see block.json).
 * @var string   $content    Inner content (unused: the block has no inner blocks).
 * @var WP_Block $block      The block instance.
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

$aa_chat_agent_id = isset( $attributes['agentId'] ) ? sanitize_text_field( (string) $attributes['agentId'] ) : '';
if ( '' === $aa_chat_agent_id ) {
	// Without an agent there is nothing a visitor can use; the editor shows the picker instead.
	return;
}

/*
 * The agent's state and appearance (Chat_Agents, through this filter; nothing answers it outside
 * the plugin). A disabled or deleted agent renders nothing: no bubble that opens to an error.
 * When the service is unreachable the block still renders from the last known appearance, and
 * the widget shows a friendly notice with the owner's contact link instead of a chat.
 */
$aa_chat_lookup = apply_filters( 'affiliate_agent_chat_agent', null, $aa_chat_agent_id );
$aa_chat_status = is_array( $aa_chat_lookup ) && isset( $aa_chat_lookup['status'] ) ? (string) $aa_chat_lookup['status'] : 'unknown';
if ( 'disabled' === $aa_chat_status || 'missing' === $aa_chat_status ) {
	return;
}
$aa_chat_agent      = is_array( $aa_chat_lookup ) && isset( $aa_chat_lookup['agent'] ) && is_array( $aa_chat_lookup['agent'] ) ? $aa_chat_lookup['agent'] : array();
$aa_chat_appearance = isset( $aa_chat_agent['appearance'] ) && is_array( $aa_chat_agent['appearance'] ) ? $aa_chat_agent['appearance'] : array();
$aa_chat_https_url  = static function ( $value ) {
	return is_string( $value ) && preg_match( '#^https?://[^\s"\'<>]+$#i', $value ) ? $value : '';
};

// A block's own settings win; empty ones fall back to the agent's Appearance, then to defaults.
$aa_chat_mode     = ( isset( $attributes['displayMode'] ) && 'inline' === $attributes['displayMode'] ) ? 'inline' : 'floating';
$aa_chat_position = ! empty( $attributes['position'] ) ? (string) $attributes['position'] : (string) ( $aa_chat_appearance['position'] ?? '' );
$aa_chat_position = 'bottom-left' === $aa_chat_position ? 'bottom-left' : 'bottom-right';

/*
 * Colours are "skip serialization" supports: instead of painting the wrapper, the chosen
 * background becomes the accent (bubble, header, visitor messages, buttons) and the text colour
 * the text on that accent, through two CSS custom properties the launcher and widget read.
 */
$aa_chat_colour = static function ( $preset, $custom ) {
	if ( is_string( $preset ) && '' !== $preset ) {
		return 'var(--wp--preset--color--' . _wp_to_kebab_case( $preset ) . ')';
	}
	if ( is_string( $custom ) && preg_match( '/^(#[0-9a-fA-F]{3,8}|(rgb|hsl)a?\([0-9.,%\s\/deg]+\)|var\(--wp--preset--color--[a-z0-9-]+\))$/', $custom ) ) {
		return $custom;
	}
	return '';
};
$aa_chat_accent      = $aa_chat_colour( $attributes['backgroundColor'] ?? '', $attributes['style']['color']['background'] ?? '' );
if ( '' === $aa_chat_accent && isset( $aa_chat_appearance['primaryColor'] ) && is_string( $aa_chat_appearance['primaryColor'] ) && preg_match( '/^#[0-9a-fA-F]{6}$/', $aa_chat_appearance['primaryColor'] ) ) {
	$aa_chat_accent = $aa_chat_appearance['primaryColor'];
}
$aa_chat_accent_text = $aa_chat_colour( $attributes['textColor'] ?? '', $attributes['style']['color']['text'] ?? '' );
$aa_chat_style       = ( $aa_chat_accent ? '--aa-accent:' . $aa_chat_accent . ';' : '' ) . ( $aa_chat_accent_text ? '--aa-accent-text:' . $aa_chat_accent_text . ';' : '' );

// The fixed phrases speak the agent's language (its setting), not only the site's: a German agent
// on an English site greets in German. Agent_Locale answers the plugin's gettext calls meanwhile.
$aa_chat_language = isset( $aa_chat_agent['language'] ) ? (string) $aa_chat_agent['language'] : '';
list( $aa_chat_title, $aa_chat_greeting, $aa_chat_placeholder, $aa_chat_strings ) = \AffiliateAgent\Support\Agent_Locale::run_in(
	$aa_chat_language,
	static function () use ( $attributes, $aa_chat_agent, $aa_chat_appearance ) {
		// The service fills an agent's title with its English default when the owner set none; that
		// one is not the owner's words, so it gets the translated default like an empty title.
		$aa_chat_own_title   = ( ! empty( $aa_chat_appearance['title'] ) && 'Affiliate program assistant' !== $aa_chat_appearance['title'] ) ? (string) $aa_chat_appearance['title'] : '';
		$aa_chat_title       = ! empty( $attributes['title'] ) ? (string) $attributes['title'] : ( '' !== $aa_chat_own_title ? $aa_chat_own_title : __( 'Affiliate program assistant', 'affiliate-agent' ) );
		$aa_chat_greeting    = ! empty( $attributes['greeting'] ) ? (string) $attributes['greeting'] : ( ! empty( $aa_chat_agent['greeting'] ) ? (string) $aa_chat_agent['greeting'] : '' );
		$aa_chat_placeholder = ! empty( $attributes['placeholder'] ) ? (string) $attributes['placeholder'] : __( 'Type your message…', 'affiliate-agent' );

		// The launcher and widget are plain bundles, not wp-scripts ones, so PHP hands them translated strings.
		$aa_chat_strings = array(
			'title'        => $aa_chat_title,
			'greeting'     => __( 'Hi! How can I help you today?', 'affiliate-agent' ),
			'placeholder'  => $aa_chat_placeholder,
			'send'         => __( 'Send', 'affiliate-agent' ),
			'open'         => __( 'Open chat', 'affiliate-agent' ),
			'close'        => __( 'Close chat', 'affiliate-agent' ),
			'typing'       => __( 'The assistant is typing…', 'affiliate-agent' ),
			'you'          => __( 'You', 'affiliate-agent' ),
			'assistant'    => __( 'Assistant', 'affiliate-agent' ),
			'sources'      => __( 'Sources', 'affiliate-agent' ),
			'confirm'      => __( 'Confirm', 'affiliate-agent' ),
			'edit'         => __( 'Edit', 'affiliate-agent' ),
			'retry'        => __( 'Try again', 'affiliate-agent' ),
			'error'        => __( 'That message did not go through. Please try again.', 'affiliate-agent' ),
			'unavailable'  => __( 'The chat is not available right now. Please try again later.', 'affiliate-agent' ),
			'contact'      => __( 'Contact us instead', 'affiliate-agent' ),
			'reconnecting' => __( 'Connection lost. Reconnecting…', 'affiliate-agent' ),
			'connecting'   => __( 'Connecting…', 'affiliate-agent' ),
		);
		return array( $aa_chat_title, $aa_chat_greeting, $aa_chat_placeholder, $aa_chat_strings );
	}
);
$aa_chat_avatar  = $aa_chat_https_url( $aa_chat_appearance['avatarUrl'] ?? '' );
$aa_chat_contact = $aa_chat_https_url( $aa_chat_agent['contactUrl'] ?? '' );

$aa_chat_widget_file = __DIR__ . '/widget.js';
$aa_chat_widget_url  = add_query_arg( 'ver', file_exists( $aa_chat_widget_file ) ? (string) filemtime( $aa_chat_widget_file ) : '0', plugins_url( 'widget.js', __FILE__ ) );

// Everything the launcher uses goes into the config the plugin prints (see Chat_Config): the
// markup below carries only the instance id, because post markup can be forged by authors.
$aa_chat_instance_id = \AffiliateAgent\Support\Chat_Config::add_instance(
	array(
		'agentId'    => $aa_chat_agent_id,
		'mode'       => $aa_chat_mode,
		'position'   => $aa_chat_position,
		'greeting'   => $aa_chat_greeting,
		'avatarUrl'  => $aa_chat_avatar,
		'contactUrl' => $aa_chat_contact,
		'strings'    => $aa_chat_strings,
	),
	esc_url_raw( $aa_chat_widget_url ),
	( $block instanceof WP_Block && ! empty( $block->block_type->view_script_handles ) ) ? $block->block_type->view_script_handles[0] : \AffiliateAgent\Support\Chat_Config::LAUNCHER_HANDLE
);

// get_block_wrapper_attributes() escapes every value it prints.
$aa_chat_wrapper = get_block_wrapper_attributes(
	array(
		'class'            => 'is-' . $aa_chat_mode . ' is-position-' . $aa_chat_position,
		'style'            => $aa_chat_style,
		'data-aa-instance' => $aa_chat_instance_id,
	)
);

$aa_chat_send_icon = '<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false"><path fill="currentColor" d="M3.4 20.4 21 12 3.4 3.6 3.4 10l12.6 2-12.6 2z"/></svg>';
$aa_chat_chat_icon = '<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false"><path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0-.01zm5 0a1.5 1.5 0 1 0 0-.01zm5 0a1.5 1.5 0 1 0 0-.01z"/></svg>';
$aa_chat_svg_tags  = array(
	'svg'  => array(
		'viewbox'     => true,
		'width'       => true,
		'height'      => true,
		'aria-hidden' => true,
		'focusable'   => true,
	),
	'path' => array(
		'fill' => true,
		'd'    => true,
	),
);
?>
<div <?php echo $aa_chat_wrapper; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped by get_block_wrapper_attributes(). ?>>
<?php if ( 'floating' === $aa_chat_mode ) : ?>
	<button type="button" class="wp-block-affiliate-agent-chat__bubble" data-aa-open aria-haspopup="dialog" aria-expanded="false" aria-label="<?php echo esc_attr( $aa_chat_strings['open'] ); ?>">
		<?php echo wp_kses( $aa_chat_chat_icon, $aa_chat_svg_tags ); ?>
	</button>
<?php else : ?>
	<div class="wp-block-affiliate-agent-chat__panel" role="region" aria-label="<?php echo esc_attr( $aa_chat_title ); ?>">
		<div class="wp-block-affiliate-agent-chat__header">
			<span class="wp-block-affiliate-agent-chat__avatar" aria-hidden="true">
			<?php if ( '' !== $aa_chat_avatar ) : ?>
				<img src="<?php echo esc_url( $aa_chat_avatar ); ?>" alt="" width="32" height="32" />
			<?php else : ?>
				<?php echo esc_html( mb_strtoupper( mb_substr( $aa_chat_title, 0, 1 ) ) ); ?>
			<?php endif; ?>
			</span>
			<h2 class="wp-block-affiliate-agent-chat__title"><?php echo esc_html( $aa_chat_title ); ?></h2>
		</div>
		<div class="wp-block-affiliate-agent-chat__log">
			<div class="wp-block-affiliate-agent-chat__message is-assistant">
				<div class="wp-block-affiliate-agent-chat__text"><?php echo esc_html( '' !== $aa_chat_greeting ? $aa_chat_greeting : $aa_chat_strings['greeting'] ); ?></div>
			</div>
		</div>
		<form class="wp-block-affiliate-agent-chat__composer">
			<textarea class="wp-block-affiliate-agent-chat__input" rows="1" data-aa-open aria-label="<?php echo esc_attr( $aa_chat_placeholder ); ?>" placeholder="<?php echo esc_attr( $aa_chat_placeholder ); ?>"></textarea>
			<button type="submit" class="wp-block-affiliate-agent-chat__send" data-aa-open aria-label="<?php echo esc_attr( $aa_chat_strings['send'] ); ?>"><?php echo wp_kses( $aa_chat_send_icon, $aa_chat_svg_tags ); ?></button>
		</form>
	</div>
<?php endif; ?>
</div>
