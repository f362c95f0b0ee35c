import type { RunnableAction } from '../actions/action-service';
import type { FieldValue } from '../actions/field-values';
import { normaliseEmail } from '../actions/field-parsers/email';
import type { EmailVerificationMethod } from '../contract/lead-types';
import type { CompletedAction } from './complete-action';
import type { ReplyWriter, TurnContext } from './turn-context';
import type { ConversationState, TurnConversation } from './turn-state';

/**
 * Email verification in the chat, for both engines (issue 12). The engines collect fields as
 * before; this file, run by the orchestrator around them, does the rest:
 * - after a turn in which the action's first email field got its value, a code is mailed there (or
 *   a logged-in WordPress user with that account email is verified at once);
 * - when the visitor confirms, the action is held until the code is typed (5 attempts, "resend",
 *   "skip"); only then is the lead stored, recording how the email was proven;
 * - without a way to mail (no WordPress bridge) nothing is held: the lead is stored unverified.
 * Codes are read only while the action is held, so a 6-digit answer to another question ("250000
 * followers") is never taken for a code. The playground's dry run shows the code in the trace.
 */
export interface EmailVerifier {
  limits: { codeTtlSeconds: number; maxAttempts: number };
  canSendMail(): boolean;
  status(conversationId: string, email: string):
    | { state: 'none' }
    | { state: 'verified'; method: EmailVerificationMethod; verifiedAt: string }
    | { state: 'pending'; expired: boolean; attemptsLeft: number; sendsLeft: number; codeOut: boolean }
    | { state: 'locked' };
  confirmWordPressUser(conversationId: string, email: string, user: { id: number; email: string } | null | undefined): boolean;
  send(conversationId: string, email: string, options?: { dryRun?: boolean; clientKey?: string | null; language?: string | null }): Promise<
    | { outcome: 'sent'; expiresAt: string; sendsLeft: number; code?: string }
    | { outcome: 'cooldown'; retryInSeconds: number }
    | { outcome: 'limit' | 'capped' | 'no-transport' | 'failed' | 'verified' | 'locked' }
  >;
  check(conversationId: string, email: string, typed: string):
    | { outcome: 'verified'; method: EmailVerificationMethod; verifiedAt: string }
    | { outcome: 'wrong'; attemptsLeft: number }
    | { outcome: 'locked' | 'expired' | 'none' };
}

/** What the transcript keeps of a message that was read as a code. */
export const CODE_PLACEHOLDER = '[verification code]';

export type EmailProof = { method: EmailVerificationMethod; verifiedAt: string } | null;

export const VERIFICATION_REPLIES = {
  sent: (email: string, minutes: number) =>
    `I have sent a 6-digit code to ${email} to confirm it is yours. It is valid for ${minutes} minutes; I will ask for it before I submit (say "resend" for a new one).`,
  wordpressUser: (email: string) => `You are signed in with ${email}, so this email address is already verified.`,
  held: (email: string) => `Before I submit it, please type the 6-digit code I sent to ${email}. Say "resend" for a new code, or "skip" to send it without verification.`,
  verified: 'Thank you, your email address is verified.',
  wrong: (left: number) => `That code is not right. You have ${left} ${left === 1 ? 'attempt' : 'attempts'} left.`,
  locked: 'That code was wrong too many times, so I cannot verify this email address in our chat.',
  expired: 'That code has expired. Say "resend" and I will send you a new one.',
  cooldown: (seconds: number) => `I have just sent a code; please wait ${seconds} seconds before asking for a new one.`,
  limit: 'I have already sent as many codes to this address as I can.',
  failed: 'I could not send a code just now.',
  capped: 'I cannot send more codes to this address right now.',
  resent: (email: string) => `I have sent a new code to ${email}.`,
  unverified: 'I will send your details without verification; the team will check your email address themselves.',
  cancelled: 'No problem, I have not submitted anything. Let me know if you change your mind or have a question.',
};

const CODE_MESSAGE = /^\D{0,30}?(\d{3})[\s-]?(\d{3})\D{0,5}$/;
const RESEND = /\b(resend|re-send|send (it |the code |a code |a new code |me a new code |me another code )?again|new code|another code|didn'?t (get|receive)|did not (get|receive)|no code (came|arrived))\b/i;
const SKIP = /^\s*(skip|skip (it|verification|the code)|without (the )?(code|verification)|send (it )?without (the )?(code|verification)|i (can'?t|cannot) (get|find|receive) (the|a|it)( code)?)\b/i;
const CANCEL = /^\s*(cancel|stop|abort|never ?mind|forget it)\b/i;

/** The address to verify: the action's first email field, when verification is on for the action. */
export function emailToVerify(action: RunnableAction | undefined, values: Record<string, FieldValue> | undefined): string | null {
  if (!action?.definition.verifyEmail || !values) return null;
  const field = action.definition.fields.find((candidate) => candidate.type === 'email');
  const value = field ? values[field.key] : undefined;
  return typeof value === 'string' && value.includes('@') ? normaliseEmail(value) : null;
}

const minutesOf = (verifier: EmailVerifier) => Math.round(verifier.limits.codeTtlSeconds / 60);

/** Mails a code (or, in the playground, shows it in the trace) and tells the visitor. */
async function sendCode(context: TurnContext, verifier: EmailVerifier, email: string, reply: ReplyWriter, first: boolean): Promise<boolean> {
  const playground = context.conversation.mode === 'playground';
  const sent = await verifier.send(context.conversation.id, email, { dryRun: playground, clientKey: context.conversation.source.clientKey ?? null, language: context.agent.language });
  if (sent.outcome === 'sent') {
    if (playground) context.emit({ type: 'trace', data: { kind: 'verification-code', email, code: sent.code, dryRun: true, note: 'Dry run: not mailed; a visitor would receive this code by email.' } });
    reply.paragraph(first ? VERIFICATION_REPLIES.sent(email, minutesOf(verifier)) : VERIFICATION_REPLIES.resent(email));
    return true;
  }
  if (sent.outcome === 'cooldown') reply.paragraph(VERIFICATION_REPLIES.cooldown(sent.retryInSeconds));
  else if (sent.outcome === 'limit') reply.paragraph(VERIFICATION_REPLIES.limit);
  else if (sent.outcome === 'failed') reply.paragraph(VERIFICATION_REPLIES.failed);
  else if (sent.outcome === 'capped') reply.paragraph(VERIFICATION_REPLIES.capped);
  else if (sent.outcome === 'locked') reply.paragraph(VERIFICATION_REPLIES.locked);
  return false;
}

/**
 * After the engine's turn: when the email to verify is known now and nothing was done for it yet,
 * verify a signed-in WordPress user at once or mail a code. Nothing happens without a mail
 * transport (the lead will be unverified) or when verification is off for the action.
 */
export async function startVerificationIfCollected(
  context: TurnContext,
  verifier: EmailVerifier,
  reply: ReplyWriter,
  complete: (action: RunnableAction, values: Record<string, FieldValue>, proof: EmailProof) => CompletedAction,
): Promise<void> {
  const state = context.conversation.state;
  const held = state.verification?.held ?? null;
  const shared = held ?? state.pendingConfirmation ?? state.draft;
  if (!shared) return;
  const action = context.actions.find((candidate) => candidate.definition.key === shared.actionKey);
  const email = emailToVerify(action, shared.values);
  if (!email) return;
  const conversationId = context.conversation.id;
  const status = verifier.status(conversationId, email);
  if (state.verification?.email !== email) state.verification = { actionKey: shared.actionKey, email, held };
  if (status.state !== 'none') return;
  if (verifier.confirmWordPressUser(conversationId, email, context.conversation.wordpressUser)) {
    reply.paragraph(VERIFICATION_REPLIES.wordpressUser(email));
    return;
  }
  if (context.conversation.mode !== 'playground' && !verifier.canSendMail()) return;
  const sent = await sendCode(context, verifier, email, reply, true);
  if (!held || !action) return;
  if (sent) {
    reply.paragraph(VERIFICATION_REPLIES.held(email));
    return;
  }
  // No code could go out: the visitor is not kept waiting for one; the lead is unverified.
  state.verification = { actionKey: held.actionKey, email, held: null };
  reply.paragraph(VERIFICATION_REPLIES.unverified);
  reply.paragraph(complete(action, held.values, null).reply);
}

/**
 * Called from complete(): whether the confirmed action may be stored now (with its proof, or
 * unverified) or must wait for the code. A wait keeps the values in the state, not in a lead.
 */
export function gateCompletion(
  conversation: TurnConversation,
  action: RunnableAction,
  values: Record<string, FieldValue>,
  verifier: EmailVerifier | undefined,
): { proceed: true; proof: EmailProof } | { proceed: false; completed: CompletedAction } {
  const email = verifier ? emailToVerify(action, values) : null;
  if (!verifier || !email) return { proceed: true, proof: null };
  const status = verifier.status(conversation.id, email);
  if (status.state === 'verified') return { proceed: true, proof: { method: status.method, verifiedAt: status.verifiedAt } };
  if (status.state === 'none' && verifier.confirmWordPressUser(conversation.id, email, conversation.wordpressUser)) {
    const proven = verifier.status(conversation.id, email);
    return { proceed: true, proof: proven.state === 'verified' ? { method: proven.method, verifiedAt: proven.verifiedAt } : null };
  }
  const canSend = conversation.mode === 'playground' || verifier.canSendMail();
  // Only a code that went out is waited for; a failed send leaves the lead unverified.
  const waits = canSend && (status.state === 'none' || (status.state === 'pending' && status.codeOut && status.attemptsLeft > 0));
  if (!waits) return { proceed: true, proof: null };
  const state = conversation.state;
  state.verification = { actionKey: action.definition.key, email, held: { actionKey: action.definition.key, values: { ...values } } };
  state.draft = null;
  state.pendingConfirmation = null;
  // With no code sent yet, the orchestrator sends it after the engine and asks for it then.
  const reply = status.state === 'none' ? 'Before I submit it, I need to confirm that this email address is yours.' : VERIFICATION_REPLIES.held(email);
  return { proceed: false, completed: { leadId: null, reply, duplicate: false, trace: [] } };
}

/**
 * Before the engine: while an action is held for its code, the visitor's message is read here
 * (the code, "resend", "skip", "cancel"); any other message gets the request again. "resend" is
 * understood whenever a code is out. Returns false when the engine should answer, 'code' when the
 * message was read as a code (the transcript then stores a placeholder, not the digits), else true.
 */
export async function answerVerification(
  context: TurnContext,
  verifier: EmailVerifier,
  reply: ReplyWriter,
  complete: (action: RunnableAction, values: Record<string, FieldValue>, proof: EmailProof) => CompletedAction,
): Promise<boolean | 'code'> {
  const state: ConversationState = context.conversation.state;
  const verification = state.verification;
  if (!verification) return false;
  const { email, held } = verification;
  const conversationId = context.conversation.id;
  const message = context.userMessage;
  const status = verifier.status(conversationId, email);
  const action = held ? context.actions.find((candidate) => candidate.definition.key === held.actionKey) : undefined;
  if (held && !action) {
    state.verification = null;
    return false;
  }
  const finish = (proof: EmailProof) => {
    state.verification = { ...verification, held: null };
    const completed = complete(action!, held!.values, proof);
    reply.paragraph(completed.reply);
  };

  if (status.state === 'pending' && RESEND.test(message)) {
    await sendCode(context, verifier, email, reply, false);
    if (held) reply.paragraph(VERIFICATION_REPLIES.held(email));
    return true;
  }
  if (!held) return false;

  if (CANCEL.test(message)) {
    state.verification = null;
    reply.paragraph(VERIFICATION_REPLIES.cancelled);
    return true;
  }
  if (SKIP.test(message)) {
    reply.paragraph(VERIFICATION_REPLIES.unverified);
    finish(null);
    return true;
  }
  if (status.state !== 'pending' || !status.codeOut) {
    reply.paragraph(status.state === 'locked' ? `${VERIFICATION_REPLIES.locked} ${VERIFICATION_REPLIES.unverified}` : VERIFICATION_REPLIES.unverified);
    finish(status.state === 'verified' ? { method: status.method, verifiedAt: status.verifiedAt } : null);
    return true;
  }
  const code = CODE_MESSAGE.exec(message.trim());
  if (!code) {
    reply.paragraph(VERIFICATION_REPLIES.held(email));
    return true;
  }
  const checked = verifier.check(conversationId, email, `${code[1]}${code[2]}`);
  context.emit({ type: 'trace', data: { kind: 'verification', email, outcome: checked.outcome } });
  switch (checked.outcome) {
    case 'verified':
      reply.paragraph(VERIFICATION_REPLIES.verified);
      finish({ method: checked.method, verifiedAt: checked.verifiedAt });
      break;
    case 'wrong':
      reply.paragraph(VERIFICATION_REPLIES.wrong(checked.attemptsLeft));
      break;
    case 'expired':
      reply.paragraph(VERIFICATION_REPLIES.expired);
      break;
    case 'locked':
    case 'none':
      reply.paragraph(`${VERIFICATION_REPLIES.locked} ${VERIFICATION_REPLIES.unverified}`);
      finish(null);
      break;
  }
  return 'code';
}
