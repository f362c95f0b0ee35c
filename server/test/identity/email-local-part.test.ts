import type { TestService } from '../../../tests/support/signed-client';
import { parseEmail } from '../../src/actions/field-parsers/email';
import { validateFieldValue } from '../../src/actions/field-values';
import { Visitor, eventsOf, setUpAgent, startChatService } from '../conversations/support/chat-client';

describe('email addresses keep every valid local part (issue 12, attack 7)', () => {
  it.each([
    ["mary.o'neil+aff@example.com", "mary.o'neil+aff@example.com"],
    ["My email is Mary.O'Neil+aff@Example.com, thanks.", "mary.o'neil+aff@example.com"],
    ['first.last+tag-2@sub.example.co.uk.', 'first.last+tag-2@sub.example.co.uk'],
    ["'quoted@example.com'", 'quoted@example.com'],
    ['o_k!#$%&*/=?^`{|}~@example.org', 'o_k!#$%&*/=?^`{|}~@example.org'],
  ])('reads %s as %s', (text, expected) => {
    expect(parseEmail(text)).toBe(expected);
  });

  it('a field of type email accepts the apostrophe and the plus tag', () => {
    const field = { key: 'email', label: 'Email', type: 'email' as const, required: true, question: 'Email?', validation: {} };
    expect(validateFieldValue(field, "mary.o'neil+aff@example.com")).toMatchObject({ ok: true, value: "mary.o'neil+aff@example.com" });
  });

  describe('over the chat', () => {
    let service: TestService;
    let agentId: string;
    beforeAll(async () => {
      service = await startChatService();
      agentId = await setUpAgent(service);
    });
    afterAll(() => service.close());

    it("the offline engine stores mary.o'neil+aff@example.com, not neil+aff@example.com", async () => {
      const visitor = new Visitor(service, agentId);
      await visitor.start();
      const script: Record<string, string> = { name: "Mary O'Neil", email: "mary.o'neil+aff@example.com", platform: 'blog', audience_size: '5000', traffic_source: 'SEO', website: 'skip', consent: 'yes' };
      let turn = await visitor.say('I want to become an affiliate');
      for (let step = 0; step < 12 && !eventsOf(turn, 'action-completed').length; step += 1) {
        const asked = eventsOf(turn, 'field-request')[0]?.field.key as string | undefined;
        turn = await visitor.say(asked ? (script[asked] ?? 'skip') : 'yes');
      }
      const leadId = eventsOf(turn, 'action-completed')[0]?.leadId as string;
      expect(service.container.leads.get(leadId).email).toBe("mary.o'neil+aff@example.com");
      expect(service.container.leads.findByEmail('neil+aff@example.com')).toEqual([]);
    });
  });
});
