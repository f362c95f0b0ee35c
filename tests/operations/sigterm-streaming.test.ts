import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../fakes/openai-fake-server';
import { SITE_ORIGIN, firstAgentId, startServiceProcess, visitorToken } from '../support/service-process';

/**
 * SIGTERM while a visitor's answer is still streaming (issue 15, graceful stop): the real service
 * process, with the OpenAI fake sending one chunk every 40 ms. The turn in flight finishes (every text
 * delta and its message-end), a new conversation is refused, and the process exits 0.
 */
jest.setTimeout(120_000);

describe('graceful stop with a streaming turn', () => {
  const dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'aa-sigterm-stream-'));
  let fake: FakeOpenAIServer;
  beforeAll(async () => {
    fake = await startFakeOpenAIServer();
  });
  afterAll(async () => {
    await fake.close();
    fs.rmSync(dataDirectory, { recursive: true, force: true });
  });

  it('lets the answer being streamed finish, then exits 0', async () => {
    const answer = 'Affiliates earn ten percent on every sale they refer, paid monthly once the balance passes fifty dollars, and the cookie lasts thirty days. '.repeat(3);
    fake.setDefault({ text: answer, chunkDelayMs: 40 });
    const service = await startServiceProcess(['--import', 'tsx', 'server/src/main.ts'], {
      AA_DATA_DIR: dataDirectory,
      AA_OPENAI_API_KEY: 'sk-fake',
      AA_OPENAI_BASE_URL: fake.baseUrl,
      AA_SHUTDOWN_GRACE_MS: '20000',
    });
    const agentId = await firstAgentId(service);
    const headers = { Authorization: `Bearer ${visitorToken(agentId)}`, 'Content-Type': 'application/json', Origin: SITE_ORIGIN };
    const started = await fetch(`${service.url}/v1/agents/${agentId}/conversations`, { method: 'POST', headers, body: JSON.stringify({ page: {} }) });
    const { conversation } = (await started.json()) as { conversation: { id: string } };
    const response = await fetch(`${service.url}/v1/conversations/${conversation.id}/messages`, {
      method: 'POST',
      headers: { ...headers, Accept: 'text/event-stream' },
      body: JSON.stringify({ content: 'How much do affiliates earn?' }),
    });
    expect(response.status).toBe(200);

    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let stream = '';
    let signalled = false;
    let newConversationStatus: number | null = null;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      stream += decoder.decode(value, { stream: true });
      if (!signalled && stream.includes('event: text-delta')) {
        signalled = true;
        service.child.kill('SIGTERM');
        // While stopping, a new visitor is not let in (or cannot connect at all).
        await new Promise((resolve) => setTimeout(resolve, 200));
        newConversationStatus = await fetch(`${service.url}/v1/agents/${agentId}/conversations`, { method: 'POST', headers, body: JSON.stringify({ page: {} }) }).then(
          (refused) => refused.status,
          () => 0,
        );
      }
    }
    expect(signalled).toBe(true);
    const text = [...stream.matchAll(/event: text-delta\ndata: (.+)\n/g)].map((match) => (JSON.parse(match[1]) as { delta: string }).delta).join('');
    expect(text.replace(/\s+/g, ' ').trim()).toBe(answer.replace(/\s+/g, ' ').trim());
    expect(stream).toContain('event: message-end');
    expect(newConversationStatus === 0 || newConversationStatus === 503).toBe(true);
    expect((await service.exited).code).toBe(0);
  });
});
