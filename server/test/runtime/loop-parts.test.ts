import { ACTION_TEMPLATES } from '../../src/actions/templates';
import type { RunnableAction } from '../../src/actions/action-service';
import type { Agent } from '../../src/agents/agent-types';
import type { ConversationMessage } from '../../src/conversations/conversation-types';
import { emptyConversationState } from '../../src/runtime/turn-state';
import { parseToolCall } from '../../src/runtime/parse-tool-call';
import { isGrounded } from '../../src/runtime/value-grounding';
import { assemblePrompt } from '../../src/runtime/prompt-assembly';
import { readConfirmationAnswer } from '../../src/runtime/confirmation';
import { citationsIn, normaliseHits } from '../../src/runtime/knowledge-hits';
import { renderTemplate } from '../../src/runtime/render-template';

const definition = ACTION_TEMPLATES['affiliate-application'];
const actions: RunnableAction[] = [{ actionId: 'act_1', version: 3, definition }];
const field = (key: string) => definition.fields.find((candidate) => candidate.key === key)!;

const agent: Agent = {
  id: 'agt_1',
  name: 'Assistant',
  instructions: 'Always mention the 30-day cookie.',
  language: 'en',
  greeting: 'Hi',
  fallbackMessage: 'Please use the contact page.',
  strictDocs: true,
  appearance: { title: 'A', primaryColor: '#000000', position: 'bottom-right' },
  enabled: true,
  allowedOrigins: [],
  knowledgeSetIds: [],
  monthlyCap: null,
  createdAt: '',
  updatedAt: '',
};

describe('parsing a tool call', () => {
  it('finds the action by its tool name and parses the arguments', () => {
    expect(parseToolCall({ id: 'c', name: 'affiliate_application', argumentsText: '{"name":"Ana"}' }, actions)).toMatchObject({ ok: true, arguments: { name: 'Ana' } });
  });
  it.each([
    ['an unknown tool', { name: 'refund_order', argumentsText: '{}' }, "Unknown tool 'refund_order'. Available tools: affiliate_application"],
    ['cut-off JSON', { name: 'affiliate_application', argumentsText: '{"name": "An' }, 'not valid JSON'],
    ['an array instead of an object', { name: 'affiliate_application', argumentsText: '["Ana"]' }, 'must be a JSON object'],
  ])('turns %s into a readable problem', (_what, call, message) => {
    const parsed = parseToolCall({ id: 'c', ...call }, actions);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });
  it('reads empty arguments as an empty object', () => {
    expect(parseToolCall({ id: 'c', name: 'affiliate_application', argumentsText: '' }, actions)).toMatchObject({ ok: true, arguments: {} });
  });
});

describe('checking that the visitor gave a value', () => {
  it.each([
    ['number', 'audience_size', 40000, 'I have about 40k subscribers', true],
    ['number in words', 'audience_size', 40000, 'around forty thousand', true],
    ['number never said', 'audience_size', 40000, 'I have a big channel', false],
    ['enum by label', 'platform', 'youtube', 'I run a YouTube channel', true],
    ['enum by synonym', 'platform', 'blog', 'I have a niche site about hiking', true],
    ['enum not said', 'platform', 'tiktok', 'I run a YouTube channel', false],
    ['email', 'email', 'ana@site.com', 'it is Ana@Site.com', true],
    ['email invented', 'email', 'ana@gmail.com', 'my name is Ana', false],
    ['url without scheme', 'website', 'https://www.ana.blog/', 'my site is ana.blog', true],
    ['url from a handle', 'website', 'https://youtube.com/@anacooks', 'find me as @anacooks', true],
    ['consent given', 'consent', true, 'YouTube, 40k. And yes, you may store it', true],
    ['consent assumed', 'consent', true, 'I want to apply', false],
    ['consent refused', 'consent', false, 'no, I do not agree', true],
    ['name', 'name', 'Ana Lima', "hi, I'm ana lima", true],
    ['name invented', 'name', 'Ana Lima', 'I want to apply', false],
  ])('%s', (_what, key, value, text, expected) => {
    expect(isGrounded(field(key), value as never, text)).toBe(expected);
  });
});

describe('assembling the prompt', () => {
  const history = (count: number): ConversationMessage[] =>
    Array.from({ length: count }, (_, index) => ({
      id: `m${index}`,
      conversationId: 'c',
      seq: index,
      role: index % 2 ? 'assistant' : 'user',
      content: `message ${index} ${'x'.repeat(400)}`,
      citations: null,
      clientMessageId: null,
      replyTo: null,
      events: null,
      engine: null,
      createdAt: '',
    }));

  it('puts persona, instructions, strict mode, sources with ids and the draft into the system message', () => {
    const state = emptyConversationState();
    state.draft = { actionKey: 'affiliate-application', values: { name: 'Ana Lima', audience_size: 40000 } };
    const prompt = assemblePrompt({
      agent,
      actions,
      state,
      knowledge: [{ sourceId: 'S1', title: 'FAQ', url: 'https://shop.example/faq', text: 'We pay 20%.', score: 1 }],
      history: [],
      userMessage: 'How much do you pay?',
    });
    const system = prompt.messages[0].content;
    expect(system).toContain('Always mention the 30-day cookie.');
    expect(system).toContain('Answer questions only from these sources');
    expect(system).toContain('[S1] FAQ (https://shop.example/faq)\nWe pay 20%.');
    expect(system).toContain('- audience_size: 40,000');
    expect(system).toContain('- email: (not given yet)');
    expect(prompt.tools[0].name).toBe('affiliate_application');
    expect(prompt.messages.at(-1)).toEqual({ role: 'user', content: 'How much do you pay?' });
  });

  it('keeps the newest messages that fit the token budget', () => {
    const prompt = assemblePrompt({ agent, actions, state: emptyConversationState(), knowledge: [], history: history(30), userMessage: 'latest', historyTokenBudget: 1000 });
    const kept = prompt.messages.slice(1, -1);
    expect(kept.length).toBeGreaterThan(3);
    expect(kept.length).toBeLessThan(30);
    expect(kept.at(-1)?.content).toContain('message 29');
  });

  it('tells a strict agent without matching docs to use the fallback message', () => {
    const prompt = assemblePrompt({ agent, actions, state: emptyConversationState(), knowledge: [], history: [], userMessage: 'weather?' });
    expect(prompt.messages[0].content).toContain('Please use the contact page.');
  });
});

describe('reading the answer to a confirmation', () => {
  it.each([
    ['yes', 'confirm'],
    ['Yes please, submit it', 'confirm'],
    ['looks good', 'confirm'],
    ['edit', 'edit'],
    ['no', 'cancel'],
    ['cancel', 'cancel'],
    ['yes but my email is ana@new.com', 'other'],
    ['actually make it 50k', 'other'],
    ['what happens next?', 'other'],
  ])('%s → %s', (message, expected) => {
    expect(readConfirmationAnswer(message)).toBe(expected);
  });
});

describe('knowledge hits and citations', () => {
  it('numbers hits S1, S2 … and cites only the ones the answer names', () => {
    const hits = normaliseHits([
      { title: 'FAQ', url: 'https://a', text: 'one', score: 2 },
      { title: 'Terms', url: null, text: 'two' },
      { title: 'Empty' },
    ]);
    expect(hits.map((hit) => hit.sourceId)).toEqual(['S1', 'S2']);
    expect(citationsIn('We pay 20% [S2].', hits)).toEqual([{ id: 'S2', title: 'Terms', url: null }]);
  });
  it('fills merge tags and leaves unknown ones visible', () => {
    expect(renderTemplate('Hi {{name}}, {{ unknown }}', { name: 'Ana' })).toBe('Hi Ana, {{ unknown }}');
  });
});
