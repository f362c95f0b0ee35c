import type { RunnableAction } from '../actions/action-service';
import type { Agent } from '../contract/agent-types';
import type { Engine } from '../usage/engine';
import type { Citation, TurnEvent } from './turn-events';
import type { HistoryMessage, TurnConversation } from './turn-state';
import type { FieldValue } from '../actions/field-values';
import type { Logger } from '../logging/logger';
import type { TokenUsage } from './chat-model';
import type { CompletedAction } from './complete-action';
import type { KnowledgeHit } from './knowledge-hits';
import type { StopReason, TurnLimits } from './stop-conditions';

/** Everything one turn needs, for either engine. `conversation.state` is a working copy the turn may change. */
export interface TurnContext {
  agent: Agent;
  conversation: TurnConversation;
  actions: RunnableAction[];
  /** Earlier messages of the conversation, oldest first (not including this turn's message). */
  history: HistoryMessage[];
  userMessage: string;
  knowledge: KnowledgeHit[];
  limits: TurnLimits;
  logger: Logger;
  signal?: AbortSignal;
  emit(event: TurnEvent): void;
  /** Origins whose links answers may show as links (the site's own, the agent's allowed origins); others become text. */
  linkOrigins?: string[];
  /** False keeps a misbehaving model's apology instead of answering on the offline engine (default true). */
  fallbackOnMisbehaviour?: boolean;
  /** Executes a confirmed action (or previews it in the playground). */
  complete(action: RunnableAction, values: Record<string, FieldValue>): CompletedAction;
}

export interface TurnResult {
  engine: Engine;
  stopReason: StopReason | 'offline';
  usage: TokenUsage;
  citations: Citation[];
}

/** Streams visible text and remembers it, so the stored reply is exactly what the visitor saw. */
export class ReplyWriter {
  text = '';
  constructor(private readonly emit: (event: TurnEvent) => void) {}

  write(delta: string): void {
    if (!delta) return;
    this.text += delta;
    this.emit({ type: 'text-delta', data: { delta } });
  }

  /** Starts a new paragraph when something was already said. */
  paragraph(text: string): void {
    this.write(this.text.trim() === '' ? text : `${this.text.endsWith('\n') ? '\n' : '\n\n'}${text}`);
  }
}
