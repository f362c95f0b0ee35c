import type { Citation } from '../../../../server/src/contract/chat-events';

export interface AdminToken {
  token: string;
  expiresAt: string;
  serviceUrl: string;
}

export interface ChatMessage {
  role: 'user' | 'assistant' | 'system';
  content: string;
  /** A field the agent is asking for, with choices when it is an enum. */
  options?: Array<{ value: string; label: string }>;
  /** The confirmation card: Confirm sends "yes", Edit sends "edit". */
  summary?: Array<{ key: string; label: string; value: unknown }>;
  isError?: boolean;
  /** The sources the answer cites, for its [S1] markers. */
  citations?: Citation[];
}
