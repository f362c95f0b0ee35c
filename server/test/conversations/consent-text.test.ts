import { ACTION_TEMPLATES } from '../../src/actions/templates';
import { createScriptedModel } from '../../src/runtime/scripted-model';
import { MANAGER_CAPABILITIES, type TestService } from '../../../tests/support/signed-client';
import { Visitor, answerAction, eventsOf, setUpAgent, startChatService } from './support/chat-client';

/**
 * Issue 14: the consent the lead records is the text the visitor read in the chat, word for word
 * (the chat used to ask "May we store these details…?" and store "I agree that my details…").
 * Real service over HTTP, offline engine, real SQLite.
 */
describe('the consent text a visitor agrees to', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startChatService();
  });
  afterAll(() => service.close());

  it('is shown in the chat with its question, sent in the field request, and stored on the lead as it was shown', async () => {
    const agentId = await setUpAgent(service);
    const consentField = ACTION_TEMPLATES['affiliate-application'].fields.find((field) => field.type === 'consent')!;
    const visitor = new Visitor(service, agentId);
    await visitor.start();
    const answers: Record<string, string> = { name: 'Cora Sent', email: 'cora@example.com', platform: 'blog', audience_size: '20000', traffic_source: 'SEO', website: 'https://cora.example', consent: 'yes' };
    const turns = await answerAction(visitor, answers, { onCodeRequest: () => 'skip' });
    const consentTurn = turns.find((turn) => eventsOf(turn, 'field-request')[0]?.field.key === 'consent');
    expect(consentTurn).toBeDefined();
    expect(consentTurn!.reply).toContain(consentField.question);
    expect(consentTurn!.reply).toContain(`“${consentField.consentText}”`);
    expect(eventsOf(consentTurn!, 'field-request')[0].field.consentText).toBe(consentField.consentText);

    const leadId = turns.flatMap((turn) => eventsOf(turn, 'action-completed'))[0].leadId as string;
    const lead = (await service.request('GET', `/v1/leads/${leadId}`, undefined, { capabilities: MANAGER_CAPABILITIES, userId: 7 })).body.lead;
    expect(lead.consents).toEqual([expect.objectContaining({ field: 'consent', text: consentField.consentText, accepted: true })]);
  });

  it('is added word for word on the tool-calling model when the model asks for consent in its own words', async () => {
    const agentId = await setUpAgent(service);
    const consentField = ACTION_TEMPLATES['affiliate-application'].fields.find((field) => field.type === 'consent')!;
    const everythingButConsent = { name: 'Cora Sent', email: 'cora@example.com', platform: 'blog', audience_size: 20000, traffic_source: 'seo', website: 'https://cora.example' };
    service.container.chat.setModel(
      createScriptedModel([{ toolCalls: [{ name: 'affiliate_application', argumentsText: JSON.stringify(everythingButConsent) }] }, { text: 'Nearly done! Is it okay for us to keep your details?' }]),
    );
    const visitor = new Visitor(service, agentId);
    await visitor.start();
    const turn = await visitor.say("I'd like to apply: I'm Cora Sent, cora@example.com, I run a blog with 20000 readers a month from SEO, https://cora.example");
    const request = eventsOf(turn, 'field-request')[0];
    expect(request).toMatchObject({ field: { key: 'consent', consentText: consentField.consentText } });
    expect(turn.reply).toContain('Is it okay for us to keep your details?');
    expect(turn.reply).toContain(`“${consentField.consentText}”`);
    service.container.chat.setModel(null);
  });
});
