/**
 * Which engine answered a message: the configured AI provider or the built-in offline engine.
 * Metered per engine. Declared once in the contract module (the `message-end` event carries it).
 */
export type { Engine } from '../contract/chat-events';
