import type { WidgetStrings } from './types';

/**
 * English fallbacks. On a WordPress page render.php passes the translated strings
 * (the launcher and widget are not wp-scripts bundles, so PHP translates for them).
 */
export const DEFAULT_STRINGS: WidgetStrings = {
  title: 'Affiliate program assistant',
  greeting: 'Hi! How can I help you today?',
  placeholder: 'Type your message…',
  send: 'Send',
  open: 'Open chat',
  close: 'Close chat',
  typing: 'The assistant is typing…',
  you: 'You',
  assistant: 'Assistant',
  sources: 'Sources',
  confirm: 'Confirm',
  edit: 'Edit',
  retry: 'Try again',
  error: 'That message did not go through. Please try again.',
  unavailable: 'The chat is not available right now. Please try again later.',
  contact: 'Contact us instead',
  reconnecting: 'Connection lost. Reconnecting…',
  connecting: 'Connecting…',
};
