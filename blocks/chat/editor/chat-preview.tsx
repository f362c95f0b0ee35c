/** @jsxImportSource . */
import { __ } from '@wordpress/i18n';

export interface ChatPreviewProps {
  mode: 'inline' | 'floating';
  position: 'bottom-right' | 'bottom-left';
  title: string;
  greeting: string;
  placeholder: string;
  /** The agent's avatar (http(s) only), else the title's first letter. */
  avatarUrl?: string;
}

const SEND_ICON = (
  <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
    <path fill="currentColor" d="M3.4 20.4 21 12 3.4 3.6 3.4 10l12.6 2-12.6 2z" />
  </svg>
);
const CHAT_ICON = (
  <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false">
    <path
      fill="currentColor"
      d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0-.01zm5 0a1.5 1.5 0 1 0 0-.01zm5 0a1.5 1.5 0 1 0 0-.01z"
    />
  </svg>
);

/**
 * A static copy of what visitors see, built from the same class names as render.php so the
 * front-end stylesheet styles it. Nothing here talks to the service.
 */
export function ChatPreview({ mode, position, title, greeting, placeholder, avatarUrl }: ChatPreviewProps) {
  const panel = (
    <div className="wp-block-affiliate-agent-chat__panel" aria-hidden="true">
      <div className="wp-block-affiliate-agent-chat__header">
        <span className="wp-block-affiliate-agent-chat__avatar">{avatarUrl ? <img src={avatarUrl} alt="" width={32} height={32} /> : (title.trim()[0] ?? 'A').toUpperCase()}</span>
        <h2 className="wp-block-affiliate-agent-chat__title">{title}</h2>
      </div>
      <div className="wp-block-affiliate-agent-chat__log">
        <div className="wp-block-affiliate-agent-chat__message is-assistant">
          <div className="wp-block-affiliate-agent-chat__text">{greeting}</div>
        </div>
      </div>
      <div className="wp-block-affiliate-agent-chat__composer">
        <div className="wp-block-affiliate-agent-chat__input wp-block-affiliate-agent-chat__input--preview">{placeholder}</div>
        <span className="wp-block-affiliate-agent-chat__send">{SEND_ICON}</span>
      </div>
    </div>
  );
  if (mode === 'inline') return panel;
  return (
    <div className={`wp-block-affiliate-agent-chat__floating-preview is-position-${position}`}>
      <p className="wp-block-affiliate-agent-chat__preview-note">
        {position === 'bottom-left'
          ? __('Floating chat: the bubble stays in the bottom-left corner of every page view; a click opens this panel.', 'affiliate-agent')
          : __('Floating chat: the bubble stays in the bottom-right corner of every page view; a click opens this panel.', 'affiliate-agent')}
      </p>
      <div className="wp-block-affiliate-agent-chat__floating-preview-panel">{panel}</div>
      <span className="wp-block-affiliate-agent-chat__bubble">{CHAT_ICON}</span>
    </div>
  );
}
