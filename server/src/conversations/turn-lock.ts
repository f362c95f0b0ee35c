import { ConflictError } from '../core/errors';

/**
 * One turn at a time per conversation: a second message while the first is still answering would
 * read and write the same state. In-process is enough for one instance; several instances would
 * take the lock in the shared database instead.
 */
export function createTurnLock() {
  const busy = new Set<string>();
  return {
    async run<T>(conversationId: string, work: () => Promise<T>): Promise<T> {
      if (busy.has(conversationId)) {
        throw new ConflictError('The previous message in this conversation is still being answered; send the next one when it has finished.', 'turn_in_progress');
      }
      busy.add(conversationId);
      try {
        return await work();
      } finally {
        busy.delete(conversationId);
      }
    },
  };
}
