import type { TestService } from '../../../tests/support/signed-client';
import { MANAGER_CAPABILITIES } from '../../../tests/support/signed-client';
import { Visitor, answerAction, eventsOf, setUpAgent, startChatService, visitorToken, type TurnResponse } from '../conversations/support/chat-client';

/**
 * Issue 12, attacks 1 and 2, replayed against the real service over HTTP (offline engine): a visitor
 * who types someone else's email must not change that person's lead, learn its id, or trigger mail
 * to them; a payout change for another affiliate becomes a held request for the manager.
 */
const manager = { capabilities: MANAGER_CAPABILITIES, userId: 7 };

describe('a visitor cannot take over another lead', () => {
  let service: TestService;
  let agentId: string;

  beforeAll(async () => {
    service = await startChatService();
    agentId = await setUpAgent(service);
    const payout = await service.request('POST', `/v1/agents/${agentId}/actions`, { template: 'payout-preference', publish: true });
    expect(payout.status).toBe(201);
  });
  afterAll(() => service.close());

  /** Answers whatever field the offline engine asks for from the script, then confirms. */
  async function runAction(visitor: Visitor, opening: string, script: Record<string, string>): Promise<TurnResponse[]> {
    return answerAction(visitor, script, { opening });
  }

  const application = (name: string, email: string, audience: string) => ({
    name,
    email,
    platform: 'YouTube',
    audience_size: audience,
    traffic_source: 'mostly SEO',
    website: 'https://youtube.com/@someone',
    consent: 'yes',
  });

  const completedLeadId = (turns: TurnResponse[]): string => {
    const completed = turns.flatMap((turn) => eventsOf(turn, 'action-completed'));
    expect(completed).toHaveLength(1);
    return completed[0].leadId as string;
  };

  const deliveries = async (leadId: string) => (await service.request('GET', `/v1/leads/${leadId}/deliveries`, undefined, manager)).body.deliveries as Array<{ stepId: string; status: string; lastError: string | null; replayable: boolean }>;

  it('attack 1: a second application with the same email becomes a new possible-duplicate lead; the approved victim lead stays as it was', async () => {
    const victim = new Visitor(service, agentId, visitorToken(agentId, 'vis_victim'));
    await victim.start({ url: 'https://shop.example/partners' });
    const victimLeadId = completedLeadId(await runAction(victim, 'I want to become an affiliate', application('Vera Victim', 'vera@example.com', '150k')));
    expect((await service.request('POST', `/v1/leads/${victimLeadId}/approve`, undefined, manager)).status).toBe(200);
    const before = (await service.request('GET', `/v1/leads/${victimLeadId}`, undefined, manager)).body.lead;

    const attacker = new Visitor(service, agentId, visitorToken(agentId, 'vis_attacker'));
    await attacker.start({ url: 'https://evil.example/' });
    const attackTurns = await runAction(attacker, 'I want to become an affiliate', application('Mallory', 'VERA@example.com', '200'));
    const attackerLeadId = completedLeadId(attackTurns);

    expect(attackerLeadId).not.toBe(victimLeadId);
    const everythingTheAttackerSaw = JSON.stringify(attackTurns.map((turn) => turn.events));
    expect(everythingTheAttackerSaw).not.toContain(victimLeadId);
    expect(everythingTheAttackerSaw).not.toContain('Vera');

    const after = await service.request('GET', `/v1/leads/${victimLeadId}`, undefined, manager);
    expect(after.body.lead).toEqual(before);
    expect(after.body.lead).toMatchObject({ name: 'Vera Victim', status: 'approved', submissions: 1, conversationId: victim.conversationId });
    expect(after.body.duplicates.later.map((lead: { id: string }) => lead.id)).toEqual([attackerLeadId]);

    const duplicate = await service.request('GET', `/v1/leads/${attackerLeadId}`, undefined, manager);
    expect(duplicate.body.lead).toMatchObject({ name: 'Mallory', email: 'vera@example.com', duplicateOf: victimLeadId, status: 'new' });
    expect(duplicate.body.duplicates.of).toMatchObject({ id: victimLeadId, name: 'Vera Victim' });

    // No mail to the victim's address under the attacker's name, no AffiliateWP application for it.
    const held = await deliveries(attackerLeadId);
    expect(held.find((job) => job.stepId === 'acknowledge')).toMatchObject({ status: 'skipped', replayable: true, lastError: expect.stringMatching(/^Held for the manager/) });
    expect(held.find((job) => job.stepId === 'affiliatewp')).toMatchObject({ status: 'skipped', lastError: expect.stringMatching(/^Held for the manager/) });
    expect(held.find((job) => job.stepId === 'notify')?.status).not.toBe('skipped');

    const inbox = await service.request('GET', `/v1/leads?q=vera`, undefined, manager);
    expect(inbox.body.items.find((lead: { id: string }) => lead.id === attackerLeadId)).toMatchObject({ duplicateOf: victimLeadId });
  });

  it('attack 2: a payout-email change for another affiliate becomes a held request for the manager and leaves that affiliate\'s lead alone', async () => {
    const marcus = new Visitor(service, agentId, visitorToken(agentId, 'vis_marcus'));
    await marcus.start();
    const marcusLeadId = completedLeadId(await runAction(marcus, 'I want to become an affiliate', application('Marcus Stone', 'marcus@example.com', '60k')));
    const before = (await service.request('GET', `/v1/leads/${marcusLeadId}`, undefined, manager)).body.lead;
    expect(before.score).toBeGreaterThan(0);

    const eve = new Visitor(service, agentId, visitorToken(agentId, 'vis_eve'));
    await eve.start();
    const turns = await runAction(eve, 'I want to change my payout method', { email: 'marcus@example.com', payout_method: 'PayPal', payout_email: 'eve@example.com' });
    const requestLeadId = completedLeadId(turns);
    expect(JSON.stringify(turns.map((turn) => turn.events))).not.toContain(marcusLeadId);

    const after = (await service.request('GET', `/v1/leads/${marcusLeadId}`, undefined, manager)).body.lead;
    expect(after).toEqual(before);
    expect(after.fields.payout_email).toBeUndefined();

    const request = (await service.request('GET', `/v1/leads/${requestLeadId}`, undefined, manager)).body.lead;
    expect(request).toMatchObject({
      actionKey: 'payout-preference',
      managerRequest: 'unverified-affiliate-change',
      duplicateOf: marcusLeadId,
      fields: { email: 'marcus@example.com', payout_method: 'paypal', payout_email: 'eve@example.com' },
    });
    const inbox = await service.request('GET', '/v1/leads?q=marcus', undefined, manager);
    expect(inbox.body.items.map((lead: { id: string; managerRequest: string | null }) => [lead.id, lead.managerRequest])).toEqual(
      expect.arrayContaining([[requestLeadId, 'unverified-affiliate-change'], [marcusLeadId, null]]),
    );
  });
});
