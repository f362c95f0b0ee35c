import { mintToken } from '../../../src/security/tokens';
import { TEST_SECRET, startTestService, type TestService } from '../../../../tests/support/signed-client';

/**
 * Test helpers for the chat API: an agent with the affiliate application published, visitor tokens
 * as WordPress mints them, and a reader for the SSE stream.
 */
export const SITE_ORIGIN = 'https://shop.example';

export interface ChatEvent {
  type: string;
  data: any;
}

export interface TurnResponse {
  status: number;
  headers: Headers;
  events: ChatEvent[];
  comments: string[];
  reply: string;
  body?: any;
}

export function visitorToken(agentId: string, visitorId = 'vis_1', origin = SITE_ORIGIN, lifetime = 3600): string {
  const now = Math.floor(Date.now() / 1000);
  return mintToken(TEST_SECRET, { v: 1, kind: 'visitor', agent: agentId, visitor: visitorId, origin, iat: now, exp: now + lifetime });
}

export function adminToken(caps = 'aa_manage_agents'): string {
  const now = Math.floor(Date.now() / 1000);
  return mintToken(TEST_SECRET, { v: 1, kind: 'admin', user: 1, caps, iat: now, exp: now + 600 });
}

export function parseEventStream(text: string): { events: ChatEvent[]; comments: string[] } {
  const events: ChatEvent[] = [];
  const comments: string[] = [];
  for (const block of text.split('\n\n')) {
    if (!block.trim()) continue;
    let type = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) comments.push(line.slice(1).trim());
      else if (line.startsWith('event: ')) type = line.slice(7);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (data.length) events.push({ type, data: JSON.parse(data.join('\n')) });
  }
  return { events, comments };
}

export function replyOf(events: ChatEvent[]): string {
  return events.filter((event) => event.type === 'text-delta').map((event) => event.data.delta).join('');
}

export async function setUpAgent(service: TestService, settings: Record<string, unknown> = {}): Promise<string> {
  const created = await service.request('POST', '/v1/agents', { name: 'Program assistant', allowedOrigins: [SITE_ORIGIN], ...settings });
  if (created.status !== 201) throw new Error(`agent not created: ${created.text}`);
  const agentId = created.body.agent.id as string;
  const action = await service.request('POST', `/v1/agents/${agentId}/actions`, { template: 'affiliate-application', publish: true });
  if (action.status !== 201) throw new Error(`action not created: ${action.text}`);
  return agentId;
}

export class Visitor {
  conversationId = '';
  constructor(
    readonly service: TestService,
    readonly agentId: string,
    readonly token = visitorToken(agentId),
  ) {}

  async start(page: Record<string, unknown> = {}): Promise<any> {
    const response = await this.service.raw('POST', `/v1/agents/${this.agentId}/conversations`, {
      headers: { Authorization: `Bearer ${this.token}`, 'Content-Type': 'application/json', Origin: SITE_ORIGIN },
      body: JSON.stringify({ page }),
    });
    const body = ((await response.json()) as any);
    if (response.status !== 201) throw new Error(`conversation not started: ${JSON.stringify(body)}`);
    this.conversationId = body.conversation.id;
    return body;
  }

  async say(content: string, options: { clientMessageId?: string; accept?: string; headers?: Record<string, string> } = {}): Promise<TurnResponse> {
    const response = await this.service.raw('POST', `/v1/conversations/${this.conversationId}/messages`, {
      headers: {
        Authorization: `Bearer ${this.token}`,
        'Content-Type': 'application/json',
        Accept: options.accept ?? 'text/event-stream',
        Origin: SITE_ORIGIN,
        ...options.headers,
      },
      body: JSON.stringify({ content, ...(options.clientMessageId ? { clientMessageId: options.clientMessageId } : {}) }),
    });
    const text = await response.text();
    if ((response.headers.get('content-type') ?? '').includes('text/event-stream')) {
      const { events, comments } = parseEventStream(text);
      return { status: response.status, headers: response.headers, events, comments, reply: replyOf(events) };
    }
    const body = text ? JSON.parse(text) : undefined;
    return { status: response.status, headers: response.headers, events: body?.events ?? [], comments: [], reply: body?.reply ?? '', body };
  }
}

export function eventsOf(turn: TurnResponse, type: string): any[] {
  return turn.events.filter((event) => event.type === type).map((event) => event.data);
}

/**
 * Runs an action through the chat as the offline engine asks: the opening message, then the answer
 * to each field it requests (from `answers`, 'skip' for others), 'yes' to the confirmation card and,
 * when `onCodeRequest` is given, its reply to a request for the emailed code. Returns every turn.
 */
export async function answerAction(
  visitor: Visitor,
  answers: Record<string, string>,
  options: { opening?: string; headers?: Record<string, string>; onCodeRequest?: (turn: TurnResponse) => string } = {},
): Promise<TurnResponse[]> {
  const say = (content: string) => visitor.say(content, options.headers ? { headers: options.headers } : {});
  const turns: TurnResponse[] = [await say(options.opening ?? 'I want to become an affiliate')];
  for (let step = 0; step < 14; step += 1) {
    const last = turns[turns.length - 1];
    const asked = eventsOf(last, 'field-request')[0]?.field.key as string | undefined;
    if (asked) turns.push(await say(answers[asked] ?? 'skip'));
    else if (eventsOf(last, 'confirmation-request').length) turns.push(await say('yes'));
    else if (options.onCodeRequest && asksForCode(last)) turns.push(await say(options.onCodeRequest(last)));
    else break;
  }
  return turns;
}

export async function startChatService(environment: Record<string, string> = {}): Promise<TestService> {
  return startTestService({ environment });
}

/** The chat asks for the emailed code (email verification, issue 12). */
export const asksForCode = (turn: TurnResponse) => /type the 6-digit code/i.test(turn.reply);

/** The code in the latest verification mail to `email` (read from the site's mail, as a visitor would). */
export function codeFromMails(mails: Array<{ to: string; subject: string; text: string }>, email: string): string {
  const mail = [...mails].reverse().find((candidate) => candidate.to.toLowerCase() === email.toLowerCase() && /verification code/i.test(candidate.subject));
  const code = mail && /\b(\d{6})\b/.exec(mail.text)?.[1];
  if (!code) throw new Error(`no verification code was mailed to ${email}`);
  return code;
}
