import { startWordPressBridgeFake, type WordPressBridgeFake } from '../../../tests/fakes/wordpress-bridge-fake';
import { MANAGER_CAPABILITIES, startTestService, TEST_SECRET, type TestService } from '../../../tests/support/signed-client';
import { mintToken } from '../../src/security/tokens';
import { createScriptedModel } from '../../src/runtime/scripted-model';
import { actionDefinitionSchema } from '../../src/contract/action-definition';
import { ACTION_TEMPLATES } from '../../src/actions/templates';
import type { Logger } from '../../src/logging/logger';
import { Visitor, SITE_ORIGIN, answerAction, asksForCode, codeFromMails, eventsOf, setUpAgent, visitorToken, type TurnResponse } from '../conversations/support/chat-client';

/**
 * Issue 12, email verification in the chat, against the real service over HTTP (offline engine, the
 * built-in "Affiliate application" action with verifyEmail on), a real SQLite file and the fake
 * WordPress bridge, whose `mail/send` records the mail a visitor would read.
 */
const manager = { capabilities: MANAGER_CAPABILITIES, userId: 7 };

function capturingLogger(lines: string[]): Logger {
  const write = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push(JSON.stringify({ level, message, ...fields }));
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

const answersFor = (email: string) => ({ name: 'Vera Code', email, platform: 'YouTube', audience_size: '250000', traffic_source: 'mostly SEO', website: 'https://vera.example', consent: 'yes' });

describe('email verification in the chat', () => {
  let service: TestService;
  let bridge: WordPressBridgeFake;
  let agentId: string;
  const logLines: string[] = [];

  beforeAll(async () => {
    service = await startTestService({ logger: capturingLogger(logLines) });
    agentId = await setUpAgent(service);
    bridge = await startWordPressBridgeFake({ secret: TEST_SECRET });
    const configured = await service.request('PATCH', '/v1/settings/delivery', {
      wordpress: { siteUrl: bridge.url },
      affiliatewp: { transport: 'bridge' },
      notifications: { recipients: ['manager@shop.example'] },
      network: { allowHosts: ['127.0.0.1'] },
    });
    expect(configured.status).toBe(200);
  });
  afterAll(async () => {
    await service.close();
    await bridge.close();
  });

  /** Answers every field question and confirms; stops at the code request (or the completion). */
  async function fillAndConfirm(visitor: Visitor, email: string): Promise<TurnResponse[]> {
    return answerAction(visitor, answersFor(email));
  }
  const leadOf = async (leadId: string) => (await service.request('GET', `/v1/leads/${leadId}`, undefined, manager)).body.lead;
  const deliveries = async (leadId: string) => (await service.request('GET', `/v1/leads/${leadId}/deliveries`, undefined, manager)).body.deliveries as Array<{ stepId: string; status: string; lastError: string | null }>;
  const verificationMails = (email: string) => bridge.mails.filter((mail) => mail.to === email && /verification code/i.test(mail.subject));

  it('mails a code once the email is given, holds the confirmed application until it is typed, and records how it was verified', async () => {
    const email = 'vera.code@example.com';
    const visitor = new Visitor(service, agentId, visitorToken(agentId, 'vis_vera'));
    await visitor.start();
    const turns = await fillAndConfirm(visitor, email);
    expect(verificationMails(email)).toHaveLength(1);
    expect(turns.some((turn) => /I have sent a 6-digit code to vera\.code@example\.com/.test(turn.reply))).toBe(true);
    const held = turns[turns.length - 1];
    expect(asksForCode(held)).toBe(true);
    expect(eventsOf(held, 'action-completed')).toEqual([]);
    expect((service.container.db.prepare('SELECT COUNT(*) AS n FROM leads WHERE email = ?').get(email) as { n: number }).n).toBe(0);

    const code = codeFromMails(bridge.mails, email);
    const done = await visitor.say(code);
    expect(done.reply).toMatch(/your email address is verified/);
    const [completed] = eventsOf(done, 'action-completed');
    const lead = await leadOf(completed.leadId);
    expect(lead).toMatchObject({ email, emailVerification: 'code', emailVerifiedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });

    await service.container.outbox.worker.runDue();
    // Verified: the steps acting on the typed address run (pending affiliate, acknowledgement).
    expect((await deliveries(lead.id)).map((delivery) => [delivery.stepId, delivery.status])).toEqual([
      ['affiliatewp', 'succeeded'],
      ['notify', 'succeeded'],
      ['acknowledge', 'succeeded'],
    ]);
    // The bridge is told the email was proven (it may then link an existing subscriber account).
    expect(bridge.calls.find((call) => call.operation === 'affiliatewp/create-pending')?.body).toMatchObject({ email, email_verified: true });

    // The code is in no answer, no stored row or transcript, and no log line.
    const everything = JSON.stringify([turns, done, await service.request('GET', `/v1/conversations/${visitor.conversationId}/transcript`, undefined, manager), lead]);
    expect(everything).not.toContain(code);
    expect(logLines.join('\n')).not.toContain(code);
    const tables = service.container.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>;
    for (const { name } of tables) {
      const rows = JSON.stringify(service.container.db.prepare(`SELECT * FROM "${name}"`).all());
      expect(rows.includes(`"${code}"`) || rows.includes(` ${code}`) ? name : null).toBeNull();
    }
  });

  it('five wrong codes lock the email: the application completes unverified and its mail and AffiliateWP steps wait for the manager', async () => {
    const email = 'guesser@example.com';
    const visitor = new Visitor(service, agentId, visitorToken(agentId, 'vis_guesser'));
    await visitor.start();
    const turns = await fillAndConfirm(visitor, email);
    expect(asksForCode(turns[turns.length - 1])).toBe(true);
    const real = codeFromMails(bridge.mails, email);
    const wrong = real === '000000' ? '111111' : '000000';
    const replies: string[] = [];
    for (let attempt = 1; attempt <= 4; attempt += 1) replies.push((await visitor.say(wrong)).reply);
    expect(replies).toEqual([4, 3, 2, 1].map((left) => `That code is not right. You have ${left} ${left === 1 ? 'attempt' : 'attempts'} left.`));
    const fifth = await visitor.say(wrong);
    expect(fifth.reply).toMatch(/wrong too many times/);
    const [completed] = eventsOf(fifth, 'action-completed');
    const lead = await leadOf(completed.leadId);
    expect(lead).toMatchObject({ emailVerification: null, emailVerifiedAt: null });

    // The right code after the lock proves nothing: the lead stays unverified.
    await visitor.say(real);
    expect((await leadOf(lead.id)).emailVerification).toBeNull();
    await service.container.outbox.worker.runDue();
    const ledger = await deliveries(lead.id);
    expect(ledger.find((delivery) => delivery.stepId === 'acknowledge')).toMatchObject({ status: 'skipped', lastError: expect.stringMatching(/^Held for the manager: .*did not verify/) });
    expect(ledger.find((delivery) => delivery.stepId === 'affiliatewp')).toMatchObject({ status: 'skipped' });
    expect(ledger.find((delivery) => delivery.stepId === 'notify')).toMatchObject({ status: 'succeeded' });
  });

  it('"resend" right after a send waits for the cooldown; a visitor cannot use another conversation\'s code', async () => {
    const owner = new Visitor(service, agentId, visitorToken(agentId, 'vis_owner'));
    await owner.start();
    await fillAndConfirm(owner, 'owner@example.com');
    const ownerCode = codeFromMails(bridge.mails, 'owner@example.com');
    const resend = await owner.say('resend');
    expect(resend.reply).toMatch(/please wait \d+ seconds before asking for a new one/);
    expect(verificationMails('owner@example.com')).toHaveLength(1);

    // Another visitor applying with the same address gets a code of their own; the owner's does not work there.
    const other = new Visitor(service, agentId, visitorToken(agentId, 'vis_other'));
    await other.start();
    await fillAndConfirm(other, 'owner@example.com');
    expect(verificationMails('owner@example.com')).toHaveLength(2);
    const otherCode = codeFromMails(bridge.mails, 'owner@example.com');
    const guess = ownerCode === otherCode ? String((Number(ownerCode) + 1) % 1_000_000).padStart(6, '0') : ownerCode;
    expect((await other.say(guess)).reply).toMatch(/That code is not right/);
    // Nor can the other visitor post into the owner's conversation.
    const intrusion = await service.raw('POST', `/v1/conversations/${owner.conversationId}/messages`, {
      headers: { Authorization: `Bearer ${other.token}`, 'Content-Type': 'application/json', Origin: SITE_ORIGIN },
      body: JSON.stringify({ content: ownerCode }),
    });
    expect(intrusion.status).toBe(403);
    // The owner's own code still works in the owner's conversation.
    const done = await owner.say(ownerCode);
    expect((await leadOf(eventsOf(done, 'action-completed')[0].leadId)).emailVerification).toBe('code');
  });

  it('a logged-in WordPress user whose account email matches is verified without a code; another address still gets one', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = mintToken(TEST_SECRET, { v: 1, kind: 'visitor', agent: agentId, visitor: 'vis_wpuser', origin: SITE_ORIGIN, iat: now, exp: now + 600, wp_user: 42, wp_email: 'Member@Example.com' });
    const member = new Visitor(service, agentId, token);
    await member.start();
    const turns = await fillAndConfirm(member, 'member@example.com');
    expect(verificationMails('member@example.com')).toEqual([]);
    expect(turns.some((turn) => /You are signed in with member@example\.com/.test(turn.reply))).toBe(true);
    const [completed] = turns.flatMap((turn) => eventsOf(turn, 'action-completed'));
    expect((await leadOf(completed.leadId)).emailVerification).toBe('wordpress-user');

    const elsewhere = new Visitor(service, agentId, token);
    await elsewhere.start();
    const held = await fillAndConfirm(elsewhere, 'other.address@example.com');
    expect(asksForCode(held[held.length - 1])).toBe(true);
    expect(verificationMails('other.address@example.com')).toHaveLength(1);
  });

  it('works the same on a tool-calling model: the code turn is answered by the runtime, the model never sees it', async () => {
    const call = (values: Record<string, unknown>) => ({ toolCalls: [{ name: 'affiliate_application', argumentsText: JSON.stringify(values) }] });
    const model = createScriptedModel([
      call({ name: 'Ana Model', email: 'ana.model@example.com' }),
      { text: 'Thanks Ana. Where do you mainly promote?' },
      call({ name: 'Ana Model', email: 'ana.model@example.com', platform: 'youtube', audience_size: 40000, traffic_source: 'organic_social', consent: true }),
    ]);
    service.container.chat.setModel(model);
    try {
      const visitor = new Visitor(service, agentId, visitorToken(agentId, 'vis_model'));
      await visitor.start();
      const first = await visitor.say("I'm Ana Model, ana.model@example.com, I want to apply");
      expect(first.reply).toMatch(/I have sent a 6-digit code to ana\.model@example\.com/);
      await visitor.say('YouTube, about 40k subscribers, organic videos. And yes, you may store my details.');
      const held = await visitor.say('yes');
      expect(asksForCode(held)).toBe(true);
      expect(eventsOf(held, 'action-completed')).toEqual([]);
      const requestsBefore = model.requests.length;
      const code = codeFromMails(bridge.mails, 'ana.model@example.com');
      const done = await visitor.say(`my code is ${code}`);
      expect(model.requests).toHaveLength(requestsBefore);
      const [completed] = eventsOf(done, 'action-completed');
      expect((await leadOf(completed.leadId)).emailVerification).toBe('code');
      // What the model is sent later never holds the code (the transcript keeps a placeholder).
      expect(JSON.stringify(model.requests)).not.toContain(code);
    } finally {
      service.container.chat.setModel(null);
    }
  });

  it('a token whose WordPress user was not signed by the plugin is refused', async () => {
    const now = Math.floor(Date.now() / 1000);
    const forged = mintToken('another-secret-another-secret-another-secret', { v: 1, kind: 'visitor', agent: agentId, visitor: 'vis_forger', origin: SITE_ORIGIN, iat: now, exp: now + 600, wp_user: 1, wp_email: 'admin@example.com' });
    const response = await service.raw('POST', `/v1/agents/${agentId}/conversations`, {
      headers: { Authorization: `Bearer ${forged}`, 'Content-Type': 'application/json', Origin: SITE_ORIGIN },
      body: JSON.stringify({ page: {} }),
    });
    expect(response.status).toBe(401);
  });
});

describe('email verification without a mail transport', () => {
  it('completes the application unverified (lead and inbox) and holds the steps acting on the typed address', async () => {
    const service = await startTestService();
    try {
      const agentId = await setUpAgent(service);
      const visitor = new Visitor(service, agentId, visitorToken(agentId, 'vis_nomail'));
      await visitor.start();
      const answers: Record<string, string> = answersFor('nomail@example.com');
      const turns = await answerAction(visitor, answers);
      expect(turns.some((turn) => /6-digit code/.test(turn.reply))).toBe(false);
      const [completed] = turns.flatMap((turn) => eventsOf(turn, 'action-completed'));
      expect(completed.leadId).toMatch(/^lead_/);
      const inbox = await service.request('GET', '/v1/leads', undefined, manager);
      expect(inbox.body.items.find((item: { id: string }) => item.id === completed.leadId)).toMatchObject({ emailVerification: null });
      await service.container.outbox.worker.runDue();
      const ledger = (await service.request('GET', `/v1/leads/${completed.leadId}/deliveries`, undefined, manager)).body.deliveries as Array<{ stepId: string; status: string; lastError: string | null }>;
      expect(ledger.find((delivery) => delivery.stepId === 'acknowledge')).toMatchObject({ status: 'skipped', lastError: expect.stringMatching(/^Held for the manager/) });
    } finally {
      await service.close();
    }
  });
});

describe('actions touching an existing affiliate', () => {
  it('run for a verified owner of the email; from anyone else they become a request for the manager, never a merge', async () => {
    const service = await startTestService();
    try {
      const agentId = await setUpAgent(service);
      const definition = actionDefinitionSchema.parse(ACTION_TEMPLATES['payout-preference']);
      expect(definition.verifyEmail).toBe(true);
      const submit = (emailVerification: { method: 'code' | 'wordpress-user'; verifiedAt: string } | null) =>
        service.container.leads.submit({ agentId, actionId: null, actionKey: definition.key, actionVersion: 1, definition, values: { email: 'marcus@example.com', payout_method: 'paypal', payout_email: 'eve@example.com' }, emailVerification }).lead;
      const stranger = submit(null);
      expect(stranger).toMatchObject({ managerRequest: 'unverified-affiliate-change', emailVerification: null });
      const owner = submit({ method: 'code', verifiedAt: new Date().toISOString() });
      expect(owner).toMatchObject({ managerRequest: null, emailVerification: 'code' });
      // Each is its own lead; neither changed the other.
      expect(owner.id).not.toBe(stranger.id);
      expect(service.container.leads.get(stranger.id)).toMatchObject({ managerRequest: 'unverified-affiliate-change', fields: { payout_email: 'eve@example.com' } });
    } finally {
      await service.close();
    }
  });
});
