import type { PrivacyParticipant } from './privacy-service';
import type { PrivacyRepository } from './privacy-repository';

/**
 * Chat transcripts. The person's own conversations (linked to their leads, or where they typed their
 * address and no one else's lead points at them) are exported whole and deleted with their messages
 * and state; a visitor token or the reviewers' transcript route then finds nothing. Anything kept
 * for someone else that mentions the address (a message, an outbox payload, another lead's answers)
 * has the address replaced. Runs before the leads participant: it finds conversations through leads.
 */
export function createConversationPrivacyParticipant(repository: PrivacyRepository): PrivacyParticipant {
  return {
    name: 'conversations',
    exportByEmail(email) {
      return repository.ownConversationIds(email).flatMap((id) => {
        const conversation = repository.conversation(id);
        if (!conversation) return [];
        return [
          {
            group: 'Affiliate Agent conversations',
            id,
            data: [
              { name: 'Started', value: conversation.createdAt },
              ...conversation.messages.map((message) => ({ name: `${message.role === 'user' ? 'Visitor' : 'Assistant'} (${message.createdAt})`, value: message.content })),
            ],
          },
        ];
      });
    },
    eraseByEmail(email) {
      const erased = repository.ownConversationIds(email).filter((id) => repository.deleteConversation(id)).length;
      return { erased, anonymised: repository.redactMentions(email) };
    },
  };
}
