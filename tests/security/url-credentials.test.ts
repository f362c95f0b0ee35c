import { startWebhookReceiver, type WebhookReceiver } from '../fakes/webhook-receiver';
import { createLogger } from '../../server/src/logging/logger';
import { applicationWith, startOutboxService, STANDARD_APPLICANT, WEBHOOK_SECRET, type OutboxService } from '../../server/test/outbox/outbox-harness';

const REVIEWER = { userId: 12, capabilities: ['aa_review_leads'] };

/**
 * Review finding 5, second half: credentials in a webhook URL (`user:pass@host`) were shown in full to
 * lead reviewers in the delivery ledger. They are now masked like header values, in every answer a
 * reviewer or the builder gets, and in logs; the stored URL keeps them, so deliveries still carry them.
 */
describe('security: credentials in webhook URLs', () => {
  jest.setTimeout(30_000);
  let service: OutboxService;
  let receiver: WebhookReceiver;
  let credentialedUrl: string;

  beforeEach(async () => {
    service = await startOutboxService();
    receiver = await startWebhookReceiver({ secret: () => WEBHOOK_SECRET });
    credentialedUrl = receiver.url.replace('http://', 'http://crm-user:crm-pa55word@') + '/hooks/lead';
    await service.configure({ webhooks: { signingSecret: WEBHOOK_SECRET }, network: { allowHosts: ['127.0.0.1'] } });
  });
  afterEach(async () => {
    await service.close();
    await receiver.close();
  });

  it('a failed delivery to a credentialed URL shows a lead reviewer the endpoint without its credentials', async () => {
    receiver.setDefaultStatus(410); // 410 fails the step at once (replayable), quoting the URL
    const definition = applicationWith([{ id: 'crm', type: 'webhook', label: 'CRM', config: { url: credentialedUrl } }], { replaceSteps: true });
    const { lead } = service.submit(definition, STANDARD_APPLICANT);
    await service.deliver();
    // The stored error does quote the URL: this is the text the attack read.
    expect(JSON.stringify(service.container.outbox.ledger(lead.id))).toContain('crm-pa55word');

    const ledger = await service.request('GET', `/v1/leads/${lead.id}/deliveries`, undefined, REVIEWER);
    expect(ledger.status).toBe(200);
    const shown = JSON.stringify(ledger.body);
    expect(shown).not.toContain('crm-pa55word');
    expect(shown).not.toContain('crm-user');
    expect(shown).toContain(`http://••••@127.0.0.1:${new URL(receiver.url).port}/hooks/lead`);

    const detail = await service.request('GET', `/v1/leads/${lead.id}`, undefined, REVIEWER);
    expect(detail.status).toBe(200);
    expect(JSON.stringify(detail.body)).not.toContain('crm-pa55word');

    const replay = await service.request('POST', `/v1/leads/${lead.id}/deliveries/${ledger.body.deliveries[0].id}/replay`, undefined, REVIEWER);
    expect(replay.status).toBe(200);
    expect(JSON.stringify(replay.body)).not.toContain('crm-pa55word');
  });

  it('a webhook that answers with a redirect to another origin: nothing secret follows it, and the ledger says why', async () => {
    // Finding 5, first half, through a real delivery: the step's Authorization header, the URL's
    // credentials and the lead body must not reach the other origin.
    const elsewhere = await startWebhookReceiver({ secret: () => WEBHOOK_SECRET });
    try {
      receiver.redirectEverythingTo(`${elsewhere.url}/collect`);
      const definition = applicationWith(
        [{ id: 'crm', type: 'webhook', label: 'CRM', config: { url: credentialedUrl, headers: [{ name: 'Authorization', value: 'Bearer crm-token-42' }] } }],
        { replaceSteps: true },
      );
      const { lead } = service.submit(definition, STANDARD_APPLICANT);
      await service.deliver();
      expect(receiver.all).toHaveLength(0); // answered 307 before recording
      expect(elsewhere.all).toHaveLength(0);

      const ledger = await service.request('GET', `/v1/leads/${lead.id}/deliveries`, undefined, REVIEWER);
      const delivery = (ledger.body.deliveries as Array<{ stepId: string; status: string; lastError: string | null; replayable: boolean }>).find((entry) => entry.stepId === 'crm')!;
      expect(delivery).toMatchObject({ status: 'failed', replayable: true });
      expect(delivery.lastError).toMatch(new RegExp(`^Refused to follow the redirect from http://127\\.0\\.0\\.1:${new URL(receiver.url).port} to http://127\\.0\\.0\\.1:${new URL(elsewhere.url).port}: it would send .*Authorization`));
      expect(JSON.stringify(ledger.body)).not.toContain('crm-token-42');
      expect(JSON.stringify(ledger.body)).not.toContain('crm-pa55word');
    } finally {
      await elsewhere.close();
    }
  });

  it('the action builder sees the URL masked, and saving the masked URL back keeps the stored credentials', async () => {
    const definition = applicationWith([{ id: 'crm', type: 'webhook', label: 'CRM', config: { url: credentialedUrl } }], { replaceSteps: true });
    const created = await service.request('POST', `/v1/agents/${service.agentId}/actions`, { definition });
    expect(created.status).toBe(201);
    const shownUrl = created.body.action.draft.definition.steps[0].config.url;
    expect(shownUrl).not.toContain('crm-pa55word');
    expect(shownUrl).toContain('••••@');

    const fetched = await service.request('GET', `/v1/actions/${created.body.action.id}`);
    const shownDefinition = fetched.body.action.draft.definition;
    const saved = await service.request('PUT', `/v1/actions/${created.body.action.id}/draft`, { definition: { ...shownDefinition, name: 'Renamed' } });
    expect(saved.status).toBe(200);
    const stored = service.container.db.prepare('SELECT definition FROM action_versions WHERE action_id = ? ORDER BY version DESC LIMIT 1').get(created.body.action.id) as { definition: string };
    expect(JSON.parse(stored.definition).steps[0].config.url).toBe(credentialedUrl);

    // A mask that hides nothing stored is refused rather than saved as a URL.
    const other = { ...shownDefinition, steps: [{ ...shownDefinition.steps[0], id: 'other' }] };
    const refused = await service.request('PUT', `/v1/actions/${created.body.action.id}/draft`, { definition: other });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('enter the URL with its credentials again');
  });

  it('logs mask URL credentials in messages and fields', () => {
    const lines: string[] = [];
    const logger = createLogger('info', (line) => lines.push(line));
    logger.warn(`delivery to ${credentialedUrl} failed`, { url: credentialedUrl, nested: { error: `POST ${credentialedUrl} answered 500` } });
    expect(lines.join('\n')).not.toContain('crm-pa55word');
    expect(lines.join('\n')).toContain('••••@');
  });
});
