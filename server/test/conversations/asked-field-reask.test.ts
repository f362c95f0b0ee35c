import { createScriptedModel } from '../../src/runtime/scripted-model';
import type { TestService } from '../../../tests/support/signed-client';
import { Visitor, eventsOf, setUpAgent, startChatService } from './support/chat-client';

/**
 * When the visitor's reply to the field just asked cannot be stored, the agent says what was wrong
 * and what would be accepted, and asks for that field again, on both engines; nothing is stored.
 */
const call = (values: Record<string, unknown>) => ({ toolCalls: [{ name: 'affiliate_application', argumentsText: JSON.stringify(values) }] });
const systemTexts = (request: { messages: Array<{ role: string; content: string }> }) =>
  request.messages.filter((message) => message.role === 'system').map((message) => message.content).join('\n');

describe('an invalid reply to the asked field is asked again', () => {
  let service: TestService;
  let agentId: string;

  beforeEach(async () => {
    service = await startChatService();
    agentId = await setUpAgent(service);
  });
  afterEach(() => service.close());

  describe('on the tool-calling model', () => {
    it('tells the model a vague amount is not a value, keeps the field asked, and takes the figure given next', async () => {
      const model = createScriptedModel([
        call({ name: 'Ana Lima', email: 'ana@site.com', platform: 'youtube' }),
        { text: 'How many subscribers do you have?' },
        { text: 'A rough figure is fine, for example 3,000 or 3k. About how many?' },
        { text: 'Thanks! How do you mainly get traffic?' },
      ]);
      service.container.chat.setModel(model);
      const visitor = new Visitor(service, agentId);
      await visitor.start();
      const first = await visitor.say("I'm Ana Lima, ana@site.com, I make YouTube videos");
      expect(eventsOf(first, 'field-request')[0]).toMatchObject({ field: { key: 'audience_size' } });

      await visitor.say('a few thousand');
      const rejectedRequest = model.requests[2];
      const note = systemTexts(rejectedRequest);
      expect(note).toContain("The visitor's reply to your question for `audience_size`");
      expect(note).toContain('only a vague amount');
      expect(note).toContain('do not move on to another field');
      // Nothing was stored for it: the draft the model sees still lacks the figure.
      expect(note).toContain('- audience_size: (not given yet)');

      await visitor.say('ok, roughly 3k');
      const accepted = systemTexts(model.requests[3]);
      expect(accepted).not.toContain('is not an acceptable value');
      expect(accepted).toContain('- audience_size: 3,000');
    });

    it('names what an email must look like when the reply is not one', async () => {
      const model = createScriptedModel([call({ name: 'Ana Lima' }), { text: 'What is your email?' }, { text: 'Hmm, could you check it?' }]);
      service.container.chat.setModel(model);
      const visitor = new Visitor(service, agentId);
      await visitor.start();
      const first = await visitor.say("I'd like to apply, I'm Ana Lima");
      expect(eventsOf(first, 'field-request')[0]).toMatchObject({ field: { key: 'email' } });
      await visitor.say('ana at site dot');
      expect(systemTexts(model.requests[2])).toContain('must be an email address such as ana@example.com');
    });

    it('keeps the value the visitor gave when the model replaces it with one never said', async () => {
      const model = createScriptedModel([
        call({ name: 'Ana Lima', email: 'ana@site.com' }),
        { text: 'Where do you mainly promote?' },
        call({ platform: 'twitch' }),
        { text: 'Sorry, where did you say?' },
      ]);
      service.container.chat.setModel(model);
      const visitor = new Visitor(service, agentId);
      await visitor.start();
      await visitor.say("I'd like to apply, I'm Ana Lima, ana@site.com");
      const turn = await visitor.say('YouTube');
      const toolResult = (model.requests[3].messages.at(-1) as { content: string }).content;
      expect(toolResult).toContain('`platform`: the visitor has not said "twitch"; their own value "youtube" is kept');
      expect(systemTexts(model.requests[3])).toContain('- platform: YouTube');
      expect(toolResult).toContain('Saved so far: name, email, platform');
      // The next question is the next missing field, not the platform again.
      expect(eventsOf(turn, 'field-request')[0]).toMatchObject({ field: { key: 'audience_size' } });
    });

    it('leaves questions and commands to the model without calling them invalid', async () => {
      const model = createScriptedModel([call({ name: 'Ana Lima' }), { text: 'What is your email?' }, { text: 'We use it to reply to you.' }, { text: 'Okay, cancelled.' }]);
      service.container.chat.setModel(model);
      const visitor = new Visitor(service, agentId);
      await visitor.start();
      await visitor.say("I'd like to apply, I'm Ana Lima");
      await visitor.say('why do you need my email?');
      expect(systemTexts(model.requests[2])).not.toContain('is not an acceptable value');
      await visitor.say('cancel, never mind');
      expect(systemTexts(model.requests[3])).not.toContain('is not an acceptable value');
    });
  });

  describe('on the offline engine', () => {
    async function atField(key: string, turns: string[]): Promise<Visitor> {
      const visitor = new Visitor(service, agentId);
      await visitor.start();
      let last = await visitor.say(turns[0]);
      for (const turn of turns.slice(1)) last = await visitor.say(turn);
      expect(eventsOf(last, 'field-request').at(-1)).toMatchObject({ field: { key } });
      return visitor;
    }

    it('asks again for a figure when the audience is only described, and stores the figure given next', async () => {
      const visitor = await atField('audience_size', ['I want to become an affiliate', 'Ana Silva', 'ana@site.com', 'YouTube']);
      const vague = await visitor.say('a few thousand listeners');
      expect(vague.reply).toContain('roughly how many? A rough figure such as 3,000 or 3k is fine.');
      expect(eventsOf(vague, 'field-request').at(-1)).toMatchObject({ field: { key: 'audience_size' } });
      const stillVague = await visitor.say('lots honestly');
      expect(eventsOf(stillVague, 'field-request').at(-1)).toMatchObject({ field: { key: 'audience_size' } });
      const figure = await visitor.say('ok about 3k');
      expect(eventsOf(figure, 'field-request').at(-1)).toMatchObject({ field: { key: 'traffic_source' } });
    });

    it('says what an email must look like and asks for it again', async () => {
      const visitor = await atField('email', ['I want to become an affiliate', 'Ana Silva']);
      const wrong = await visitor.say('ana at site');
      expect(wrong.reply).toContain('must be an email address such as ana@example.com');
      expect(eventsOf(wrong, 'field-request').at(-1)).toMatchObject({ field: { key: 'email' } });
    });

    it('lists the accepted options when a platform is not one of them', async () => {
      const visitor = await atField('platform', ['I want to become an affiliate', 'Ana Silva', 'ana@site.com']);
      const unknown = await visitor.say('carrier pigeons');
      expect(unknown.reply).toMatch(/Please pick one of: .*YouTube/);
      expect(eventsOf(unknown, 'field-request').at(-1)).toMatchObject({ field: { key: 'platform' } });
    });
  });
});
