/**
 * @jest-environment node
 */
import { startTestService, TEST_SECRET, type TestService } from '../../../../../tests/support/signed-client';
import { mintToken } from '../../../../../server/src/security/tokens';
import type { ChatEvent } from '../../../../../server/src/contract/chat-events';
import { sendMessage, startConversation } from '../api';
import type { AdminToken } from '../types';

/*
 * The playground's stream client against the real service: an admin token as the plugin mints it,
 * a conversation with an agent whose application action is only a draft, on the offline engine, and the SSE events it reads back.
 */
let service: TestService;
let auth: AdminToken;
let agentId: string;

beforeAll(async () => {
  service = await startTestService();
  agentId = service.container.agents.create({ name: 'Playground agent' }).id;
  service.container.actions.create(agentId, { template: 'affiliate-application' });
  const now = Math.floor(Date.now() / 1000);
  auth = {
    token: mintToken(TEST_SECRET, { v: 1, kind: 'admin', user: 1, caps: 'aa_manage_agents', iat: now, exp: now + 600 }),
    expiresAt: new Date((now + 600) * 1000).toISOString(),
    serviceUrl: service.url,
  };
});

afterAll(async () => {
  await service.close();
});

describe('the playground stream', () => {
  it('starts a dry-run conversation and reads the reply, the engine and the trace as events', async () => {
    const started = await startConversation(auth, agentId);
    expect(started.conversationId).toMatch(/^cnv_/);
    expect(started.greeting.length).toBeGreaterThan(0);

    const events: ChatEvent[] = [];
    await sendMessage(auth, started.conversationId, 'I want to become an affiliate', (event) => events.push(event));
    const types = events.map((event) => event.type);
    expect(types[0]).toBe('message-start');
    expect(types).toContain('text-delta');
    expect(types[types.length - 1]).toBe('message-end');
    const end = events.find((event) => event.type === 'message-end');
    expect(end?.type === 'message-end' && end.data.usage).toMatchObject({ engine: 'offline' });
    const reply = events.map((event) => (event.type === 'text-delta' ? event.data.delta : '')).join('');
    expect(reply.length).toBeGreaterThan(0);
  });

  // Email verification (on in the template): the dry run shows the code in the trace instead of mailing it.
  const codeOf = (events: ChatEvent[]) => {
    const found = events.find((event) => event.type === 'trace' && event.data.kind === 'verification-code');
    return found?.type === 'trace' ? String(found.data.code) : undefined;
  };

  it('completes the draft action in dry run and shows the score and what each step would send', async () => {
    const started = await startConversation(auth, agentId);
    const events: ChatEvent[] = [];
    const answers: Record<string, string> = {
      name: 'Ana Lima',
      email: 'ana@creator.example',
      platform: 'YouTube',
      audience_size: '150000',
      traffic_source: 'organic content',
      website: 'https://youtube.com/@analima',
      consent: 'yes',
    };
    // Answer whatever the agent asks for, the way the widget's quick replies would; then confirm.
    let next = 'I want to join your affiliate program';
    for (let turn = 0; turn < 12; turn++) {
      const before = events.length;
      await sendMessage(auth, started.conversationId, next, (event) => events.push(event));
      const request = events.slice(before).find((event) => event.type === 'field-request');
      const asked = request?.type === 'field-request' ? request.data.field : undefined;
      if (asked) next = answers[asked.key];
      else if (events.slice(before).some((event) => event.type === 'confirmation-request')) next = 'yes';
      else if (!events.some((event) => event.type === 'action-completed') && codeOf(events)) next = codeOf(events)!;
      else break;
    }
    const trace = events.flatMap((event) => (event.type === 'trace' ? [event.data] : []));
    // 50 (audience of 100k or more) + 10 (video creator) + 5 (has a website)
    expect(trace.find((entry) => entry.kind === 'score')).toMatchObject({ score: 65, route: 'priority' });
    expect(trace.some((entry) => entry.kind === 'would-send')).toBe(true);
    expect(events.some((event) => event.type === 'action-completed')).toBe(true);
  });

  it('reports a refused token as an error the screen can show', async () => {
    await expect(startConversation({ ...auth, token: 'not-a-token' }, agentId)).rejects.toMatchObject({ status: 401 });
  });
});
