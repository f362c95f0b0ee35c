import { startTestService, type TestService } from '../../../tests/support/signed-client';
import { createManualClock, type ManualClock } from '../../src/core/clock';
import { createEmailVerificationService, type EmailVerificationService } from '../../src/leads/verification/email-verification-service';
import { VERIFICATION_LIMITS } from '../../src/leads/verification/verification-limits';
import { createVerificationRepository } from '../../src/leads/verification/verification-repository';
import type { RenderedEmail } from '../../src/connectors/email-templates';
import { setUpAgent } from '../conversations/support/chat-client';

/**
 * The verification service on the service's real SQLite file, with a manual clock: expiry, the
 * resend cooldown and cap, attempts across resends, and what is stored (an HMAC, never the code).
 */
describe('email verification service', () => {
  let service: TestService;
  let clock: ManualClock;
  let verification: EmailVerificationService;
  let mails: Array<{ to: string; email: RenderedEmail; key: string }>;
  let mailWorks: boolean;
  let conversationId: string;
  let agentId: string;

  const lastCode = () => /\b(\d{6})\b/.exec(mails[mails.length - 1].email.text)![1];
  const newConversation = () => service.container.conversations.start({ agentId, mode: 'visitor', visitorId: 'vis_svc' }).conversation.id;

  beforeAll(async () => {
    service = await startTestService();
    agentId = await setUpAgent(service);
  });
  afterAll(() => service.close());
  beforeEach(() => {
    clock = createManualClock();
    mails = [];
    mailWorks = true;
    conversationId = newConversation();
    verification = createEmailVerificationService({
      repository: createVerificationRepository(service.container.db),
      secret: service.container.secret,
      logger: service.container.logger,
      clock,
      canSendMail: () => true,
      sendMail: async (to, email, key) => {
        if (!mailWorks) throw new Error('wp_mail returned false');
        mails.push({ to, email, key });
      },
    });
  });

  it('stores only an HMAC of the code, mails the code with a per-send idempotency key, and accepts it once', async () => {
    const sent = await verification.send(conversationId, 'Ana@Example.com');
    expect(sent).toMatchObject({ outcome: 'sent', sendsLeft: VERIFICATION_LIMITS.maxSends - 1 });
    expect('code' in sent).toBe(false);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: 'ana@example.com', key: expect.stringMatching(/^email-verification:evf_[^:]+:1$/) });
    const code = lastCode();
    const row = service.container.db.prepare('SELECT * FROM email_verifications WHERE conversation_id = ?').get(conversationId) as Record<string, unknown>;
    expect(JSON.stringify(row)).not.toContain(code);
    expect(row.code_hash).toEqual(expect.stringMatching(/^[A-Za-z0-9_-]{43}$/));
    expect(verification.check(conversationId, 'ana@example.com', code)).toMatchObject({ outcome: 'verified', method: 'code' });
    expect(verification.status(conversationId, 'ana@example.com')).toMatchObject({ state: 'verified', method: 'code' });
    expect((service.container.db.prepare('SELECT code_hash FROM email_verifications WHERE conversation_id = ?').get(conversationId) as { code_hash: string | null }).code_hash).toBeNull();
  });

  it('a code expires after 10 minutes; a resend after the cooldown replaces it, and the old one no longer works', async () => {
    await verification.send(conversationId, 'bo@example.com');
    const first = lastCode();
    clock.advance(VERIFICATION_LIMITS.codeTtlSeconds * 1000 + 1);
    expect(verification.check(conversationId, 'bo@example.com', first)).toEqual({ outcome: 'expired' });
    const resent = await verification.send(conversationId, 'bo@example.com');
    expect(resent.outcome).toBe('sent');
    const second = lastCode();
    if (second !== first) expect(verification.check(conversationId, 'bo@example.com', first)).toMatchObject({ outcome: 'wrong' });
    expect(verification.check(conversationId, 'bo@example.com', second)).toMatchObject({ outcome: 'verified' });
  });

  it('resends wait 60 s between sends and stop after 3 sends', async () => {
    expect((await verification.send(conversationId, 'cy@example.com')).outcome).toBe('sent');
    clock.advance(30_000);
    expect(await verification.send(conversationId, 'cy@example.com')).toEqual({ outcome: 'cooldown', retryInSeconds: 30 });
    clock.advance(30_000);
    expect((await verification.send(conversationId, 'cy@example.com')).outcome).toBe('sent');
    clock.advance(60_000);
    expect((await verification.send(conversationId, 'cy@example.com')).outcome).toBe('sent');
    clock.advance(60_000);
    expect(await verification.send(conversationId, 'cy@example.com')).toEqual({ outcome: 'limit' });
    expect(mails).toHaveLength(3);
    expect(new Set(mails.map((mail) => mail.key)).size).toBe(3);
  });

  it('five wrong codes in all (a resend does not reset them) lock the email for the conversation, even against the right code', async () => {
    await verification.send(conversationId, 'dee@example.com');
    const wrong = lastCode() === '123456' ? '654321' : '123456';
    for (let attempt = 0; attempt < 3; attempt += 1) verification.check(conversationId, 'dee@example.com', wrong);
    clock.advance(61_000);
    await verification.send(conversationId, 'dee@example.com');
    const right = lastCode();
    const other = right === '123456' ? '654321' : '123456';
    expect(verification.check(conversationId, 'dee@example.com', other)).toEqual({ outcome: 'wrong', attemptsLeft: 1 });
    expect(verification.check(conversationId, 'dee@example.com', other)).toEqual({ outcome: 'locked' });
    expect(verification.check(conversationId, 'dee@example.com', right)).toEqual({ outcome: 'locked' });
    expect(await verification.send(conversationId, 'dee@example.com')).toEqual({ outcome: 'locked' });
  });

  it('a code proves only its own conversation and email', async () => {
    await verification.send(conversationId, 'eve@example.com');
    const code = lastCode();
    const elsewhere = newConversation();
    clock.advance(1000);
    await verification.send(elsewhere, 'eve@example.com');
    const theirs = lastCode();
    if (theirs !== code) expect(verification.check(elsewhere, 'eve@example.com', code)).toMatchObject({ outcome: 'wrong' });
    expect(verification.check(conversationId, 'other@example.com', code)).toEqual({ outcome: 'none' });
    expect(verification.check(conversationId, 'eve@example.com', code)).toMatchObject({ outcome: 'verified' });
  });

  it('a failed send voids the code, so the chat does not wait for it; no transport sends nothing', async () => {
    mailWorks = false;
    expect(await verification.send(conversationId, 'fay@example.com')).toEqual({ outcome: 'failed' });
    expect(verification.status(conversationId, 'fay@example.com')).toMatchObject({ state: 'pending', codeOut: false });
    const offline = createEmailVerificationService({
      repository: createVerificationRepository(service.container.db),
      secret: service.container.secret,
      logger: service.container.logger,
      clock,
      canSendMail: () => false,
      sendMail: async () => {
        throw new Error('must not be called');
      },
    });
    expect(await offline.send(newConversation(), 'gus@example.com')).toEqual({ outcome: 'no-transport' });
  });

  it('the dry run (playground) returns the code instead of mailing it', async () => {
    const sent = await verification.send(conversationId, 'hal@example.com', { dryRun: true });
    expect(sent).toMatchObject({ outcome: 'sent', code: expect.stringMatching(/^\d{6}$/) });
    expect(mails).toEqual([]);
    expect(verification.check(conversationId, 'hal@example.com', (sent as { code: string }).code)).toMatchObject({ outcome: 'verified' });
  });

  it('a WordPress user verifies only their own account email', () => {
    expect(verification.confirmWordPressUser(conversationId, 'ivy@example.com', { id: 5, email: 'someone@example.com' })).toBe(false);
    expect(verification.confirmWordPressUser(conversationId, 'ivy@example.com', null)).toBe(false);
    expect(verification.status(conversationId, 'ivy@example.com')).toEqual({ state: 'none' });
    expect(verification.confirmWordPressUser(conversationId, 'ivy@example.com', { id: 5, email: 'IVY@example.com' })).toBe(true);
    expect(verification.status(conversationId, 'ivy@example.com')).toMatchObject({ state: 'verified', method: 'wordpress-user' });
  });
});
