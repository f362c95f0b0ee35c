import { startWordPressBridgeFake } from '../../../tests/fakes/wordpress-bridge-fake';
import type { TestService } from '../../../tests/support/signed-client';
import { MANAGER_CAPABILITIES, TEST_SECRET } from '../../../tests/support/signed-client';
import { clientKeyOf } from '../../src/security/client-key';
import { TYPED_MAIL_CAPS } from '../../src/outbox/typed-mail-caps';
import { SITE_ORIGIN, Visitor, eventsOf, setUpAgent, startChatService, visitorToken, type TurnResponse } from '../conversations/support/chat-client';

/**
 * Issue 12, mail caps, against the real service over HTTP (offline engine, real SQLite): anyone can
 * type a stranger's email into the chat, so mail the visitor sets off to a typed address is capped
 * per address and per client. A capped email is held in the delivery ledger for the manager (who may
 * replay it), never silently dropped. Clients are told apart by X-Forwarded-For from a trusted proxy.
 */
const manager = { capabilities: MANAGER_CAPABILITIES, userId: 7 };

describe('caps on mail to addresses a visitor typed', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startChatService({ AA_TRUSTED_PROXIES: 'loopback' });
  });
  afterAll(() => service.close());

  /**
   * The caps guard mail to addresses nobody proved: an action that verifies the email holds that
   * mail anyway (step-holds), so these agents' application does not ask for a code.
   */
  async function agentWithoutVerification(): Promise<string> {
    const agentId = await setUpAgent(service);
    const action = (await service.request('GET', `/v1/agents/${agentId}/actions`)).body.actions[0];
    const definition = { ...(action.published ?? action.draft).definition, verifyEmail: false };
    expect((await service.request('PUT', `/v1/actions/${action.id}/draft`, { definition })).status).toBe(200);
    expect((await service.request('POST', `/v1/actions/${action.id}/publish`)).status).toBe(200);
    return agentId;
  }

  let visitors = 0;
  /** A new visitor (own token and conversation) on the given network address. */
  async function visitorFrom(agentId: string, ip: string): Promise<Visitor> {
    visitors += 1;
    const token = visitorToken(agentId, `vis_${String(visitors).padStart(32, '0')}`);
    const response = await service.raw('POST', `/v1/agents/${agentId}/conversations`, {
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Origin: SITE_ORIGIN, 'X-Forwarded-For': ip },
      body: JSON.stringify({ page: { url: 'https://shop.example/partners' } }),
    });
    expect(response.status).toBe(201);
    const visitor = new Visitor(service, agentId, token);
    visitor.conversationId = ((await response.json()) as { conversation: { id: string } }).conversation.id;
    return visitor;
  }

  /** Applies through the chat, answering what the offline engine asks; returns the lead id. */
  async function apply(visitor: Visitor, ip: string, email: string, name = 'Applicant', onTurn: (turn: TurnResponse) => void = () => {}): Promise<string> {
    const script: Record<string, string> = { name, email, platform: 'YouTube', audience_size: '5k', traffic_source: 'mostly SEO', website: 'https://youtube.com/@someone', consent: 'yes' };
    const headers = { 'X-Forwarded-For': ip };
    const turns: TurnResponse[] = [await visitor.say('I want to become an affiliate', { headers })];
    for (let step = 0; step < 14; step += 1) {
      const last = turns[turns.length - 1];
      const asked = eventsOf(last, 'field-request')[0]?.field.key as string | undefined;
      if (asked) turns.push(await visitor.say(script[asked] ?? 'skip', { headers }));
      else if (eventsOf(last, 'confirmation-request').length) turns.push(await visitor.say('yes', { headers }));
      // Asked for a code it cannot read (the stranger's inbox): applies without verification.
      else if (/type the 6-digit code/.test(last.reply)) turns.push(await visitor.say('skip', { headers }));
      else break;
    }
    turns.forEach(onTurn);
    const completed = turns.flatMap((turn) => eventsOf(turn, 'action-completed'));
    expect(completed).toHaveLength(1);
    return completed[0].leadId as string;
  }

  const acknowledgement = async (leadId: string) => {
    const { deliveries } = (await service.request('GET', `/v1/leads/${leadId}/deliveries`, undefined, manager)).body as { deliveries: Array<{ id: string; stepId: string; status: string; lastError: string | null; replayable: boolean }> };
    return deliveries.find((delivery) => delivery.stepId === 'acknowledge')!;
  };

  it(`one client typing ${TYPED_MAIL_CAPS.perClientPerDay + 1} strangers' emails: the mail past the cap is held for the manager, another client is not affected`, async () => {
    const agentId = await agentWithoutVerification();
    const attacker = '203.0.113.66';
    const leads: string[] = [];
    for (let index = 0; index <= TYPED_MAIL_CAPS.perClientPerDay; index += 1) {
      leads.push(await apply(await visitorFrom(agentId, attacker), attacker, `victim${index}@example.com`));
    }
    const statuses = await Promise.all(leads.map(acknowledgement));
    expect(statuses.slice(0, -1).every((delivery) => delivery.status !== 'skipped')).toBe(true);
    const capped = statuses[statuses.length - 1];
    expect(capped).toMatchObject({ status: 'skipped', replayable: true });
    expect(capped.lastError).toMatch(/^Held for the manager: mail cap reached: the visitor's network address set off 10 emails .* \(cap 10 a day\)/);

    const other = '198.51.100.7';
    const fine = await apply(await visitorFrom(agentId, other), other, 'someone.else@example.com');
    expect((await acknowledgement(fine)).status).not.toBe('skipped');

    // The conversation remembers a keyed hash of the address, never the address itself.
    const conversationId = service.container.leads.get(leads[0]).conversationId!;
    const stored = service.container.db.prepare('SELECT source FROM conversations WHERE id = ?').get(conversationId) as { source: string };
    expect(JSON.parse(stored.source).clientKey).toBe(clientKeyOf(TEST_SECRET, attacker));
    const everything = JSON.stringify([service.container.db.prepare('SELECT * FROM typed_mail').all(), service.container.db.prepare('SELECT source FROM conversations').all()]);
    expect(everything).not.toContain(attacker);
    expect(everything).not.toContain('victim0@example.com');

    // A visitor cannot choose their own key.
    const forging = visitorToken(agentId, 'vis_ffffffffffffffffffffffffffffffff');
    const forged = await service.raw('POST', `/v1/agents/${agentId}/conversations`, {
      headers: { Authorization: `Bearer ${forging}`, 'Content-Type': 'application/json', Origin: SITE_ORIGIN, 'X-Forwarded-For': attacker },
      body: JSON.stringify({ page: { url: 'https://shop.example/', clientKey: 'forged' } }),
    });
    const forgedId = ((await forged.json()) as { conversation: { id: string } }).conversation.id;
    const forgedSource = service.container.db.prepare('SELECT source FROM conversations WHERE id = ?').get(forgedId) as { source: string };
    expect(JSON.parse(forgedSource.source).clientKey).toBe(clientKeyOf(TEST_SECRET, attacker));

    // Not dropped: the manager may send it after all.
    const replayed = await service.request('POST', `/v1/leads/${leads[leads.length - 1]}/deliveries/${capped.id}/replay`, undefined, manager);
    expect(replayed.status).toBe(200);
    expect((await acknowledgement(leads[leads.length - 1])).status).not.toBe('skipped');
  });

  it(`one address typed on ${TYPED_MAIL_CAPS.perAddressPerHour + 1} sites' agents from as many clients: the mail past ${TYPED_MAIL_CAPS.perAddressPerHour} an hour is held`, async () => {
    const leads: string[] = [];
    for (let index = 0; index <= TYPED_MAIL_CAPS.perAddressPerHour; index += 1) {
      // Another agent each time, so the duplicate rule (per agent) does not hold it first.
      const agentId = await agentWithoutVerification();
      const ip = `192.0.2.${10 + index}`;
      leads.push(await apply(await visitorFrom(agentId, ip), ip, index % 2 ? 'Target@Example.com' : 'target@example.com'));
    }
    const statuses = await Promise.all(leads.map(acknowledgement));
    expect(statuses.slice(0, -1).map((delivery) => delivery.status)).not.toContain('skipped');
    expect(statuses[statuses.length - 1]).toMatchObject({ status: 'skipped', replayable: true });
    expect(statuses[statuses.length - 1].lastError).toMatch(/mail cap reached: this address was mailed 3 times in the last hour \(cap 3 an hour\)/);
  });
  it('scheduling the same lead again counts its email once', async () => {
    const agentId = await agentWithoutVerification();
    const ip = '192.0.2.200';
    const leadId = await apply(await visitorFrom(agentId, ip), ip, 'once@example.com');
    const lead = service.container.leads.get(leadId);
    const action = service.container.actions.listPublished(agentId)[0];
    const rows = () => service.container.db.prepare('SELECT COUNT(*) AS n FROM typed_mail WHERE lead_id = ?').get(leadId) as { n: number };
    expect(rows().n).toBe(1);
    service.container.outbox.scheduler.scheduleSteps(lead, action.definition, 'lead-created', { clientKey: clientKeyOf(TEST_SECRET, ip) });
    expect(rows().n).toBe(1);
    expect((await acknowledgement(leadId)).status).not.toBe('skipped');
  });

  // Last: it connects a WordPress bridge, so verification codes can go out from here on.
  it('verification codes count too: a visitor opening conversation after conversation cannot mail one stranger more than 3 codes an hour', async () => {
    const bridge = await startWordPressBridgeFake({ secret: TEST_SECRET });
    try {
      const configured = await service.request('PATCH', '/v1/settings/delivery', { wordpress: { siteUrl: bridge.url }, affiliatewp: { transport: 'bridge' }, network: { allowHosts: ['127.0.0.1'] } });
      expect(configured.status).toBe(200);
      const agentId = await setUpAgent(service); // the built-in template: verifyEmail on
      const codesTo = (email: string) => bridge.mails.filter((mail) => mail.to === email && /verification code/i.test(mail.subject)).length;
      const replies: string[] = [];
      for (let index = 0; index <= TYPED_MAIL_CAPS.perAddressPerHour; index += 1) {
        // A new network address each time, so only the cap per address can stop it.
        const ip = `198.18.0.${10 + index}`;
        const leadId = await apply(await visitorFrom(agentId, ip), ip, 'stranger@example.com', 'Mallory', (turn) => replies.push(turn.reply));
        expect(service.container.leads.get(leadId).emailVerification).toBeNull();
      }
      expect(codesTo('stranger@example.com')).toBe(TYPED_MAIL_CAPS.perAddressPerHour);
      expect(replies.filter((reply) => /I have sent a 6-digit code to stranger@example\.com/.test(reply))).toHaveLength(TYPED_MAIL_CAPS.perAddressPerHour);
      expect(replies.some((reply) => /I cannot send more codes to this address right now/.test(reply))).toBe(true);
      const counted = service.container.db.prepare("SELECT capped, COUNT(*) AS n FROM typed_mail WHERE conversation_id IS NOT NULL GROUP BY capped ORDER BY capped").all();
      expect(counted).toEqual([{ capped: 0, n: TYPED_MAIL_CAPS.perAddressPerHour }, { capped: 1, n: 1 }]);
    } finally {
      await bridge.close();
    }
  });
});
