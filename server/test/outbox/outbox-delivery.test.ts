import { startFakeAffiliateWp, type FakeAffiliateWp } from '../../../tests/fakes/affiliatewp-fake-server';
import { startWebhookReceiver, type WebhookReceiver } from '../../../tests/fakes/webhook-receiver';
import { startWordPressBridgeFake, type WordPressBridgeFake } from '../../../tests/fakes/wordpress-bridge-fake';
import { applicationWith, PRIORITY_APPLICANT, SECRET, startOutboxService, STANDARD_APPLICANT, WEBHOOK_SECRET, type OutboxService } from './outbox-harness';

describe('durable next steps, end to end against local fakes', () => {
  let service: OutboxService;
  let affiliateWp: FakeAffiliateWp;
  let bridge: WordPressBridgeFake;
  let receiver: WebhookReceiver;

  beforeEach(async () => {
    service = await startOutboxService();
    affiliateWp = await startFakeAffiliateWp({ publicKey: 'pk_live', token: 'tok_live' });
    bridge = await startWordPressBridgeFake({ secret: SECRET, now: () => Math.floor(service.clock.now() / 1000) });
    receiver = await startWebhookReceiver({ secret: () => WEBHOOK_SECRET });
    await service.configure({
      wordpress: { siteUrl: bridge.url },
      affiliatewp: { transport: 'rest', createAccounts: true, siteUrl: affiliateWp.url, publicKey: 'pk_live', token: 'tok_live', referral: { variable: 'ref', format: 'id', pretty: false } },
      notifications: { recipients: ['manager@shop.example', 'owner@shop.example'] },
      webhooks: { signingSecret: WEBHOOK_SECRET },
      network: { allowHosts: ['127.0.0.1'] },
    });
  });
  afterEach(async () => {
    await service.close();
    await Promise.all([affiliateWp.close(), bridge.close(), receiver.close()]);
  });

  const withWebhook = () =>
    applicationWith([{ id: 'crm', type: 'webhook', label: 'Send to the CRM', config: { url: `${receiver.url}/hooks/lead`, headers: [{ name: 'Authorization', value: 'Bearer crm-token' }] } }]);

  it('a completed application creates a pending affiliate over REST, posts a signed webhook, notifies the manager and acknowledges the applicant', async () => {
    const { lead } = service.submit(withWebhook(), PRIORITY_APPLICANT, { source: { pageUrl: 'https://shop.example/partners', utm: { source: 'newsletter' } } });
    // Committed with the lead, before any network call.
    expect(service.container.outbox.repository.listByLead(lead.id).map((job) => [job.stepId, job.status])).toEqual([
      ['affiliatewp', 'pending'],
      ['notify', 'pending'],
      ['acknowledge', 'pending'],
      ['crm', 'pending'],
    ]);

    await service.deliver();

    expect(affiliateWp.affiliates).toHaveLength(1);
    expect(affiliateWp.affiliates[0]).toMatchObject({ status: 'pending', payment_email: 'ana@example.com', website_url: 'https://youtube.com/@ana' });
    const create = affiliateWp.requests.find((request) => request.method === 'POST');
    expect(create?.body).toMatchObject({ create_user: '1', status: 'pending', payment_email: 'ana@example.com', username: 'ana' });

    expect(receiver.unique.size).toBe(1);
    const hook = [...receiver.unique.values()][0];
    expect(hook.validSignature).toBe(true);
    expect(hook.headers.authorization).toBe('Bearer crm-token');
    expect(hook.payload).toMatchObject({
      type: 'lead.created',
      data: {
        lead: { id: lead.id, email: 'ana@example.com' },
        fields: { platform: 'youtube', audience_size: 250000 },
        score: 65,
        route: 'priority',
        tags: expect.arrayContaining(['influencer', 'top partner']),
        source: { pageUrl: 'https://shop.example/partners', utm: { source: 'newsletter' } },
      },
    });
    expect(hook.payload.data.scoreExplanation.summary).toContain('Score 65');

    const notification = bridge.mails.find((mail) => mail.to === 'manager@shop.example')!;
    expect(notification.subject).toMatch(/^\[Priority\] New lead: Ana <b>Silva<\/b>/);
    expect(notification.headers).toEqual(['Cc: owner@shop.example']);
    expect(notification.html).toContain('Ana &lt;b&gt;Silva&lt;/b&gt;');
    expect(notification.html).toContain(`${bridge.url}/wp-admin/admin.php?page=affiliate-agent#/leads/${lead.id}`);
    expect(notification.text).toContain('PRIORITY LEAD');

    const acknowledgement = bridge.mails.find((mail) => mail.to === 'ana@example.com')!;
    expect(acknowledgement.subject).toBe('We received your affiliate application');
    expect(acknowledgement.text).toContain('Hi Ana <b>Silva</b>,');
    expect(acknowledgement.html).toContain('Hi Ana &lt;b&gt;Silva&lt;/b&gt;,');
    expect(acknowledgement.html).not.toContain('<b>Silva');
    expect(bridge.calls.every((call) => call.userId === '0' && call.capabilities === 'bridge')).toBe(true);

    const ledger = await service.request('GET', `/v1/leads/${lead.id}/deliveries`, undefined, { capabilities: ['aa_review_leads'] });
    expect(ledger.status).toBe(200);
    expect(ledger.body.deliveries.map((delivery: any) => [delivery.stepId, delivery.status, delivery.attempts])).toEqual([
      ['affiliatewp', 'succeeded', 1],
      ['notify', 'succeeded', 1],
      ['acknowledge', 'succeeded', 1],
      ['crm', 'succeeded', 1],
    ]);
    expect(ledger.body.deliveries[0].response).toMatchObject({ status: 201, affiliateId: 1, created: true });
    expect(ledger.body.deliveries[3].history[0]).toMatchObject({ attempt: 1, outcome: 'succeeded', response: { status: 200 } });
  });

  it('approval activates the affiliate, fetches the referral URL and sends the welcome email with it, each a tracked step', async () => {
    const { lead } = service.submit(withWebhook(), PRIORITY_APPLICANT);
    await service.deliver();
    const approved = await service.request('POST', `/v1/leads/${lead.id}/approve`, undefined, { userId: 9, capabilities: ['aa_review_leads'] });
    expect(approved.status).toBe(200);
    await service.deliver();

    expect(affiliateWp.affiliates[0].status).toBe('active');
    const patch = affiliateWp.requests.find((request) => request.method === 'PATCH');
    expect(patch).toMatchObject({ status: 201, body: { status: 'active' } });
    const welcome = bridge.mails.find((mail) => mail.subject.startsWith('Welcome'))!;
    expect(welcome.to).toBe('ana@example.com');
    // Built on the site's own address (wordpress.siteUrl), never the AffiliateWP REST address.
    expect(welcome.text).toContain(`${bridge.url}/?ref=1`);
    expect(welcome.html).toContain(`<a href="${bridge.url}/?ref=1">`);

    const ledger = (await service.request('GET', `/v1/leads/${lead.id}/deliveries`)).body.deliveries.filter((delivery: any) => delivery.trigger.startsWith('approval'));
    expect(ledger.map((delivery: any) => [delivery.stepId, delivery.status])).toEqual([
      ['affiliatewp_status', 'succeeded'],
      ['referral_url', 'succeeded'],
      ['welcome_email', 'succeeded'],
    ]);
    expect(ledger[1].result).toEqual({ affiliateId: 1, referralUrl: `${bridge.url}/?ref=1` });
  });

  it('the same flow works through the WordPress bridge; a second lead with the same email is held, never a second affiliate', async () => {
    await service.configure({ affiliatewp: { transport: 'bridge' } });
    // No account exists yet: the bridge creates it (an existing one links only by hand or when verified).
    const { lead } = service.submit(applicationWith([]), STANDARD_APPLICANT);
    await service.deliver();
    const { lead: duplicate } = service.submit(applicationWith([]), { ...STANDARD_APPLICANT, audience_size: 9000 }, { emailVerification: null });
    await service.deliver();

    const bo = bridge.users.find((user) => user.user_email === 'bo@example.com')!;
    expect(bo).toMatchObject({ user_login: 'bo', display_name: 'Bo Chen' });
    expect(bridge.affiliates).toHaveLength(1);
    expect(bridge.affiliates[0]).toMatchObject({ user_id: bo.ID, status: 'pending' });
    const ledger = service.container.outbox.ledger(lead.id).deliveries;
    expect(ledger.filter((delivery) => delivery.stepId === 'affiliatewp').map((delivery) => delivery.result)).toEqual([{ affiliateId: 1, created: true, status: 'pending' }]);
    expect(duplicate.duplicateOf).toBe(lead.id);
    expect(service.container.outbox.ledger(duplicate.id).deliveries.find((delivery) => delivery.stepId === 'affiliatewp')).toMatchObject({ status: 'skipped', replayable: true });

    await service.request('POST', `/v1/leads/${lead.id}/approve`);
    await service.deliver();
    expect(bridge.affiliates[0].status).toBe('active');
    expect(bridge.mails.find((mail) => mail.subject.startsWith('Welcome'))?.text).toContain('https://shop.example/?ref=1');
  });

  it('rejecting a lead rejects its affiliate and sends no welcome email', async () => {
    const { lead } = service.submit(applicationWith([]), STANDARD_APPLICANT);
    await service.deliver();
    await service.request('POST', `/v1/leads/${lead.id}/reject`);
    await service.deliver();
    expect(affiliateWp.affiliates[0].status).toBe('rejected');
    expect(bridge.mails.some((mail) => mail.subject.startsWith('Welcome'))).toBe(false);
    // The applicant hears the decision, once.
    const told = bridge.mails.filter((mail) => mail.to === STANDARD_APPLICANT.email && mail.subject.startsWith('About your affiliate application'));
    expect(told).toHaveLength(1);
    expect(told[0].text).toContain('Hi Bo Chen,');
  });

  it("the rejection email uses the owner's words, and is not sent when switched off", async () => {
    await service.configure({ emails: { rejection: { subject: 'Your application, {{name}}', body: 'Sorry {{name}}, not this time.' } } });
    const { lead } = service.submit(applicationWith([]), STANDARD_APPLICANT);
    await service.deliver();
    await service.request('POST', `/v1/leads/${lead.id}/reject`);
    await service.deliver();
    expect(bridge.mails.find((mail) => mail.subject === 'Your application, Bo Chen')?.text).toBe('Sorry Bo Chen, not this time.');

    await service.configure({ emails: { rejectionEnabled: false } });
    const { lead: second } = service.submit(applicationWith([]), { ...STANDARD_APPLICANT, email: 'cy@example.com', name: 'Cy' });
    await service.deliver();
    await service.request('POST', `/v1/leads/${second.id}/reject`);
    await service.deliver();
    expect(bridge.mails.some((mail) => mail.to === 'cy@example.com' && /^(Your application|About your)/.test(mail.subject))).toBe(false);
    expect(service.container.outbox.ledger(second.id).deliveries.find((delivery) => delivery.stepId === 'rejection_email')).toMatchObject({
      status: 'skipped',
      lastError: 'The rejection email is switched off in Settings.',
    });
  });

  it('steps keep their conditions: a step for priority leads is skipped for a standard lead, and so is a step depending on it', async () => {
    const definition = applicationWith(
      [
        { id: 'vip_crm', type: 'webhook', when: { routes: ['priority'] }, config: { url: `${receiver.url}/vip` } },
        { id: 'vip_followup', type: 'webhook', dependsOn: ['vip_crm'], config: { url: `${receiver.url}/vip-followup` } },
        { id: 'seo_crm', type: 'webhook', when: { tagsAny: ['content site'] }, config: { url: `${receiver.url}/seo` } },
      ],
      { replaceSteps: true },
    );
    const { lead } = service.submit(definition, STANDARD_APPLICANT);
    await service.deliver();
    const ledger = service.container.outbox.ledger(lead.id).deliveries;
    expect(ledger.map((delivery) => [delivery.stepId, delivery.status])).toEqual([
      ['vip_crm', 'skipped'],
      ['vip_followup', 'skipped'],
      ['seo_crm', 'succeeded'],
    ]);
    expect(ledger[0].lastError).toContain("route is standard");
    expect([...receiver.unique.values()].map((hook) => hook.path)).toEqual(['/seo']);
  });

  it('a failed step blocks only the steps that depend on it, and a 410 switches the endpoint off', async () => {
    receiver.script(410);
    const definition = applicationWith(
      [
        { id: 'gone', type: 'webhook', config: { url: `${receiver.url}/gone` } },
        { id: 'after_gone', type: 'webhook', dependsOn: ['gone'], config: { url: `${receiver.url}/after` } },
        { id: 'independent', type: 'webhook', config: { url: `${receiver.url}/independent` } },
      ],
      { replaceSteps: true },
    );
    const { lead } = service.submit(definition, STANDARD_APPLICANT);
    await service.deliver();
    const ledger = service.container.outbox.ledger(lead.id).deliveries;
    expect(ledger.map((delivery) => [delivery.stepId, delivery.status])).toEqual([
      ['gone', 'failed'],
      ['after_gone', 'skipped'],
      ['independent', 'succeeded'],
    ]);
    expect(ledger[0].lastError).toContain('410');

    const before = receiver.all.length;
    const second = service.submit(definition, { ...STANDARD_APPLICANT, email: 'cy@example.com' });
    await service.deliver();
    expect(service.container.outbox.ledger(second.lead.id).deliveries[0]).toMatchObject({ status: 'failed', lastError: expect.stringContaining('disabled') });
    expect(receiver.all.slice(before).map((hook) => hook.path)).toEqual(['/independent']);

    // A manager's replay switches the endpoint back on and runs the step it had blocked.
    const replay = await service.request('POST', `/v1/leads/${lead.id}/deliveries/${ledger[0].id}/replay`);
    expect(replay.status).toBe(200);
    await service.deliver();
    expect(service.container.outbox.ledger(lead.id).deliveries.map((delivery) => [delivery.stepId, delivery.status])).toEqual([
      ['gone', 'succeeded'],
      ['after_gone', 'succeeded'],
      ['independent', 'succeeded'],
    ]);
  });

  it('the webhook carries the conversation transcript unless the step leaves it out', async () => {
    const now = new Date().toISOString();
    const db = service.container.db;
    db.prepare("INSERT INTO conversations (id, agent_id, mode, source, state, created_at, updated_at) VALUES ('cnv_t', ?, 'visitor', '{}', '{}', ?, ?)").run(service.agentId, now, now);
    const message = db.prepare("INSERT INTO conversation_messages (id, conversation_id, seq, role, content, created_at) VALUES (?, 'cnv_t', ?, ?, ?, ?)");
    message.run('msg_1', 1, 'user', 'I want to join your affiliate program', now);
    message.run('msg_2', 2, 'assistant', 'Great! What is your name?', now);
    const definition = applicationWith(
      [
        { id: 'with', type: 'webhook', config: { url: `${receiver.url}/with` } },
        { id: 'without', type: 'webhook', config: { url: `${receiver.url}/without`, includeTranscript: false } },
      ],
      { replaceSteps: true },
    );
    service.submit(definition, STANDARD_APPLICANT, { conversationId: 'cnv_t' });
    await service.deliver();
    const byPath = Object.fromEntries([...receiver.unique.values()].map((hook) => [hook.path, hook.payload.data]));
    expect(byPath['/with'].transcript).toEqual([
      { role: 'user', content: 'I want to join your affiliate program', createdAt: now },
      { role: 'assistant', content: 'Great! What is your name?', createdAt: now },
    ]);
    expect(byPath['/without'].transcript).toBeUndefined();
  });
});
