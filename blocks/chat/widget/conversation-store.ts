import type { TranscriptEntry, VisitorSession } from './types';

/**
 * The conversation survives page navigations in the same tab through sessionStorage
 * (not localStorage: a shared computer should not show yesterday's chat to the next person).
 */
export interface StoredConversation {
  session?: VisitorSession;
  conversationId?: string;
  transcript: TranscriptEntry[];
  /** A message sent but not yet answered: resent with the same id after a reload or a drop. */
  pending?: { content: string; clientMessageId: string };
  isOpen?: boolean;
}

const MAX_ENTRIES = 100;

export function storageKey(agentId: string): string {
  return `aa-chat:${agentId}`;
}

export function createConversationStore(storage: Storage | null, agentId: string) {
  const key = storageKey(agentId);
  return {
    load(): StoredConversation {
      try {
        const parsed = JSON.parse(storage?.getItem(key) ?? 'null') as StoredConversation | null;
        if (parsed && Array.isArray(parsed.transcript)) return parsed;
      } catch {
        // A corrupt entry (another script, an older version) starts a fresh conversation.
      }
      return { transcript: [] };
    },
    save(state: StoredConversation): void {
      try {
        storage?.setItem(key, JSON.stringify({ ...state, transcript: state.transcript.slice(-MAX_ENTRIES) }));
      } catch {
        // Storage full or blocked (private mode): the chat still works for this page view.
      }
    },
    clear(): void {
      try {
        storage?.removeItem(key);
      } catch {
        // Same as above.
      }
    },
  };
}
export type ConversationStore = ReturnType<typeof createConversationStore>;
