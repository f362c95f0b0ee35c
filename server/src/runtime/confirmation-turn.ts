import { readConfirmationAnswer } from './confirmation';
import type { ReplyWriter, TurnContext } from './turn-context';

/**
 * The visitor's answer to a confirmation summary is read by the runtime, whatever the engine:
 * only a plain yes executes, and only the values that were shown. Returns false when the message
 * is something else (a correction, a question), which the engine then handles with the draft kept.
 */
export const CONFIRMATION_REPLIES = {
  edit: 'Sure. What would you like to change?',
  cancel: 'No problem, I have not submitted anything. Let me know if you change your mind or have a question.',
  gone: 'That form is no longer available, so I have not submitted anything.',
};

export function answerPendingConfirmation(context: TurnContext, reply: ReplyWriter): boolean {
  const state = context.conversation.state;
  const pending = state.pendingConfirmation;
  if (!pending) return false;
  const answer = readConfirmationAnswer(context.userMessage);
  context.emit({ type: 'trace', data: { kind: 'validation', confirmation: answer, action: pending.actionKey } });
  if (answer === 'other') {
    // Keep what was shown as the draft, so "actually my email is …" changes one value, not all of them.
    state.pendingConfirmation = null;
    state.draft = { actionKey: pending.actionKey, values: { ...pending.values } };
    return false;
  }
  state.pendingConfirmation = null;
  if (answer === 'edit') {
    state.draft = { actionKey: pending.actionKey, values: { ...pending.values } };
    reply.write(CONFIRMATION_REPLIES.edit);
    return true;
  }
  if (answer === 'cancel') {
    state.draft = null;
    reply.write(CONFIRMATION_REPLIES.cancel);
    return true;
  }
  const action = context.actions.find((candidate) => candidate.definition.key === pending.actionKey);
  if (!action) {
    state.draft = null;
    reply.write(CONFIRMATION_REPLIES.gone);
    return true;
  }
  const completed = context.complete(action, pending.values);
  reply.write(completed.reply);
  return true;
}
