import type { Database } from '../db/database';
import { jsonShapes, readJsonColumn, writeJsonColumn, writeNullableJsonColumn } from '../db/json-column';
import type { Citation, TurnEvent } from '../runtime/turn-events';
import { emptyConversationState, type ConversationMode, type ConversationSource, type ConversationState } from '../runtime/turn-state';
import type { Conversation, ConversationMessage, MessageRole } from './conversation-types';
import { createFunnelStepRepository, funnelPageOf, type ReachedApplication } from '../funnel/funnel-step-repository';

interface ConversationRow {
  id: string;
  agent_id: string;
  mode: ConversationMode;
  visitor_id: string | null;
  admin_user: number | null;
  source: string;
  state: string;
  created_at: string;
  updated_at: string;
}

interface MessageRow {
  id: string;
  conversation_id: string;
  seq: number;
  role: MessageRole;
  content: string;
  citations: string | null;
  client_message_id: string | null;
  reply_to: string | null;
  events: string | null;
  engine: string | null;
  created_at: string;
}

/**
 * What the funnel learns from a turn's state (issue 16): the application in progress (draft, the
 * confirmation awaited, values held for email verification) with the fields answered so far, and the
 * leads this conversation submitted.
 */
function funnelProgressOf(state: ConversationState): { reached: ReachedApplication[]; completedLeadIds: string[] } {
  const drafts = [state.draft, state.pendingConfirmation, state.verification?.held ?? null].filter((draft) => draft !== null && draft !== undefined);
  return {
    reached: drafts.map((draft) => ({ actionKey: draft.actionKey, fieldKeys: Object.keys(draft.values ?? {}) })),
    completedLeadIds: (state.completed ?? []).flatMap((entry) => (entry.leadId ? [entry.leadId] : [])),
  };
}

// A damaged JSON column degrades to the empty state instead of breaking the conversation.
function toConversation(row: ConversationRow): Conversation {
  const cell = (column: string) => ({ column: `conversations.${column}`, rowId: row.id, schema: jsonShapes.object });
  return {
    id: row.id,
    agentId: row.agent_id,
    mode: row.mode,
    visitorId: row.visitor_id,
    adminUser: row.admin_user,
    source: readJsonColumn<ConversationSource>(row.source, {}, cell('source')),
    state: { ...emptyConversationState(), ...readJsonColumn<Partial<ConversationState>>(row.state, {}, cell('state')) },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toMessage(row: MessageRow): ConversationMessage {
  const cell = (column: string) => ({ column: `conversation_messages.${column}`, rowId: row.id, schema: jsonShapes.list });
  return {
    id: row.id,
    conversationId: row.conversation_id,
    seq: row.seq,
    role: row.role,
    content: row.content,
    citations: readJsonColumn<Citation[] | null>(row.citations, null, cell('citations')),
    clientMessageId: row.client_message_id,
    replyTo: row.reply_to,
    events: readJsonColumn<TurnEvent[] | null>(row.events, null, cell('events')),
    engine: row.engine,
    createdAt: row.created_at,
  };
}

export interface NewMessage {
  id: string;
  conversationId: string;
  role: MessageRole;
  content: string;
  citations?: Citation[] | null;
  clientMessageId?: string | null;
  replyTo?: string | null;
  events?: TurnEvent[] | null;
  engine?: string | null;
  createdAt: string;
}

export function createConversationRepository(db: Database) {
  const insertConversation = db.prepare(
    `INSERT INTO conversations (id, agent_id, mode, visitor_id, admin_user, source, state, created_at, updated_at, funnel_page, funnel_utm_source)
     VALUES (@id, @agentId, @mode, @visitorId, @adminUser, @source, @state, @createdAt, @updatedAt, @funnelPage, @funnelUtmSource)`,
  );
  const selectConversation = db.prepare('SELECT * FROM conversations WHERE id = ?');
  const updateState = db.prepare('UPDATE conversations SET state = ?, updated_at = ? WHERE id = ?');
  const nextSeq = db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM conversation_messages WHERE conversation_id = ?');
  const insertMessage = db.prepare(
    `INSERT INTO conversation_messages (id, conversation_id, seq, role, content, citations, client_message_id, reply_to, events, engine, created_at)
     VALUES (@id, @conversationId, @seq, @role, @content, @citations, @clientMessageId, @replyTo, @events, @engine, @createdAt)`,
  );
  const selectMessages = db.prepare('SELECT * FROM conversation_messages WHERE conversation_id = ? ORDER BY seq');
  // The prompt needs only who said what: the stored events (the bulk of a row) are not read.
  const selectRecent = db.prepare('SELECT id, seq, role, content FROM conversation_messages WHERE conversation_id = ? ORDER BY seq DESC LIMIT ?');
  const selectByClientId = db.prepare('SELECT * FROM conversation_messages WHERE conversation_id = ? AND client_message_id = ?');
  const selectReply = db.prepare('SELECT * FROM conversation_messages WHERE reply_to = ? ORDER BY seq LIMIT 1');

  const appendMessage = (message: NewMessage): ConversationMessage => {
    const { seq } = nextSeq.get(message.conversationId) as { seq: number };
    const row: MessageRow = {
      id: message.id,
      conversation_id: message.conversationId,
      seq,
      role: message.role,
      content: message.content,
      citations: writeNullableJsonColumn(message.citations),
      client_message_id: message.clientMessageId ?? null,
      reply_to: message.replyTo ?? null,
      events: writeNullableJsonColumn(message.events),
      engine: message.engine ?? null,
      created_at: message.createdAt,
    };
    insertMessage.run({
      id: row.id,
      conversationId: row.conversation_id,
      seq: row.seq,
      role: row.role,
      content: row.content,
      citations: row.citations,
      clientMessageId: row.client_message_id,
      replyTo: row.reply_to,
      events: row.events,
      engine: row.engine,
      createdAt: row.created_at,
    });
    return toMessage(row);
  };

  const funnelSteps = createFunnelStepRepository(db);

  return {
    insert(conversation: Conversation, firstMessage?: NewMessage): void {
      db.transaction(() => {
        insertConversation.run({
          id: conversation.id,
          agentId: conversation.agentId,
          mode: conversation.mode,
          visitorId: conversation.visitorId,
          adminUser: conversation.adminUser,
          source: writeJsonColumn(conversation.source),
          state: writeJsonColumn(conversation.state),
          createdAt: conversation.createdAt,
          updatedAt: conversation.updatedAt,
          // The funnel's split columns (migration 014).
          funnelPage: funnelPageOf(conversation.source.url),
          funnelUtmSource: conversation.source.utm?.source || null,
        });
        if (firstMessage) appendMessage(firstMessage);
      })();
    },
    findById(id: string): Conversation | null {
      const row = selectConversation.get(id) as ConversationRow | undefined;
      return row ? toConversation(row) : null;
    },
    saveState(id: string, state: ConversationState, updatedAt: string): void {
      updateState.run(writeJsonColumn(state), updatedAt, id);
    },
    appendMessage,
    /** The visitor message, the reply and the new state land together, or not at all. */
    recordTurn(input: { user: NewMessage; assistant: NewMessage; conversationId: string; state: ConversationState; updatedAt: string }): void {
      db.transaction(() => {
        appendMessage(input.user);
        appendMessage(input.assistant);
        updateState.run(writeJsonColumn(input.state), input.updatedAt, input.conversationId);
        funnelSteps.record(input.conversationId, { ...funnelProgressOf(input.state), at: input.updatedAt });
      })();
    },
    messages(conversationId: string): ConversationMessage[] {
      return (selectMessages.all(conversationId) as MessageRow[]).map(toMessage);
    },
    /** The newest `limit` messages, oldest first, with role and content only (for prompts). */
    recentMessages(conversationId: string, limit: number): ConversationMessage[] {
      const rows = selectRecent.all(conversationId, limit) as Array<Pick<MessageRow, 'id' | 'seq' | 'role' | 'content'>>;
      return rows.reverse().map((row) => ({
        id: row.id,
        conversationId,
        seq: row.seq,
        role: row.role,
        content: row.content,
        citations: null,
        clientMessageId: null,
        replyTo: null,
        events: null,
        engine: null,
        createdAt: '',
      }));
    },
    findByClientMessageId(conversationId: string, clientMessageId: string): ConversationMessage | null {
      const row = selectByClientId.get(conversationId, clientMessageId) as MessageRow | undefined;
      return row ? toMessage(row) : null;
    },
    findReply(messageId: string): ConversationMessage | null {
      const row = selectReply.get(messageId) as MessageRow | undefined;
      return row ? toMessage(row) : null;
    },
  };
}
export type ConversationRepository = ReturnType<typeof createConversationRepository>;
