/** Which engine answered a message: the configured AI provider or the built-in offline engine. Metered per engine. */
export type Engine = 'provider' | 'offline';
