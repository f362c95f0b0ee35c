import fs from 'node:fs';
import path from 'node:path';
import { startWordPressBridgeFake, type WordPressBridgeFake } from '../../../tests/fakes/wordpress-bridge-fake';
import { MANAGER_CAPABILITIES, TEST_SECRET, type TestService } from '../../../tests/support/signed-client';
import { Visitor, asksForCode, codeFromMails, eventsOf, setUpAgent, startChatService, visitorToken, type TurnResponse } from '../conversations/support/chat-client';

/**
 * Issue 12, attack 5: after erasure nothing of the person is left in the SQLite file. A real
 * application runs through the chat (offline engine), its steps are delivered through a fake
 * WordPress bridge (mail, AffiliateWP), an abandoned second chat types the address again; then the
 * eraser runs and every column of every table (search index shadow tables included), and the raw
 * bytes of the database file and its log, are searched for the email, the name and the website.
 */
const EMAIL = 'marta.quill+aff@example.com';
const NAME = 'Marta Quillfeather';
const WEBSITE = 'https://quillfeather-reviews.example/blog';
const NEEDLES = [EMAIL, 'Quillfeather', 'quillfeather-reviews'];
const manager = { capabilities: MANAGER_CAPABILITIES, userId: 7 };

describe('erasure leaves nothing of the person in the database', () => {
  let service: TestService;
  let bridge: WordPressBridgeFake;
  let agentId: string;
  let erasedConversation: Visitor;
  let otto: Visitor;

  async function apply(visitor: Visitor, answers: Record<string, string>): Promise<TurnResponse[]> {
    const turns = [await visitor.say('I want to become an affiliate')];
    for (let step = 0; step < 14; step += 1) {
      const last = turns[turns.length - 1];
      const asked = eventsOf(last, 'field-request')[0]?.field.key as string | undefined;
      if (asked) turns.push(await visitor.say(answers[asked] ?? 'skip'));
      else if (eventsOf(last, 'confirmation-request').length) turns.push(await visitor.say('yes'));
      // The template verifies the email: the code comes from the site's mail, as the visitor would read it.
      else if (asksForCode(last)) turns.push(await visitor.say(codeFromMails(bridge.mails, answers.email)));
      else break;
    }
    return turns;
  }
  const application = (name: string, email: string, website: string) => ({ name, email, platform: 'blog', audience_size: '20k', traffic_source: 'mostly SEO', website, consent: 'yes' });

  /** Every table and every column in sqlite_master, each value read as text (blobs as their bytes). */
  function tablesMentioning(needle: string): string[] {
    const db = service.container.db;
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>;
    const hits: string[] = [];
    for (const { name: table } of tables) {
      const columns = db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as Array<{ name: string }>;
      for (const { name: column } of columns) {
        const { count } = db.prepare(`SELECT COUNT(*) AS count FROM "${table}" WHERE lower(CAST("${column}" AS TEXT)) LIKE ?`).get(`%${needle.toLowerCase()}%`) as { count: number };
        if (count) hits.push(`${table}.${column} (${count})`);
      }
    }
    return hits;
  }
  const fileMentions = (needle: string) =>
    ['affiliate-agent.sqlite', 'affiliate-agent.sqlite-wal']
      .map((file) => path.join(service.dataDirectory, file))
      .filter((file) => fs.existsSync(file) && fs.readFileSync(file).toString('latin1').toLowerCase().includes(needle.toLowerCase()));

  beforeAll(async () => {
    service = await startChatService();
    agentId = await setUpAgent(service);
    bridge = await startWordPressBridgeFake({ secret: TEST_SECRET });
    const configured = await service.request('PATCH', '/v1/settings/delivery', {
      wordpress: { siteUrl: bridge.url },
      affiliatewp: { transport: 'bridge' },
      notifications: { recipients: ['manager@shop.example'] },
      network: { allowHosts: ['127.0.0.1'] },
    });
    expect(configured.status).toBe(200);

    erasedConversation = new Visitor(service, agentId, visitorToken(agentId, 'vis_marta'));
    await erasedConversation.start({ url: 'https://shop.example/partners?utm_source=quillfeather-reviews' });
    const completed = (await apply(erasedConversation, application(NAME, EMAIL, WEBSITE))).flatMap((turn) => eventsOf(turn, 'action-completed'));
    expect(completed).toHaveLength(1);
    // A second, abandoned chat where she typed her address again.
    const abandoned = new Visitor(service, agentId, visitorToken(agentId, 'vis_marta_phone'));
    await abandoned.start();
    await abandoned.say(`Hi, I am ${NAME}, my email is ${EMAIL}`);
    // Someone else, who must keep everything.
    const other = new Visitor(service, agentId, visitorToken(agentId, 'vis_otto'));
    await other.start();
    await apply(other, application('Otto Other', 'otto@example.com', 'https://otto.example'));
    await other.say(`Thanks! By the way, my colleague ${EMAIL.toUpperCase()} told me about you.`);
    otto = other;
    await service.container.outbox.worker.runDue();
    expect(bridge.mails.some((mail) => mail.to.includes(EMAIL))).toBe(true);
  });
  afterAll(async () => {
    await service.close();
    await bridge.close();
  });

  it('before erasure the scan finds the person in leads, transcripts and the outbox (the scan can see)', () => {
    const hits = tablesMentioning(EMAIL).join(' ');
    expect(hits).toMatch(/leads\./);
    expect(hits).toMatch(/conversation_messages\./);
    expect(hits).toMatch(/outbox_/);
    expect(hits).toMatch(/email_verifications\./);
  });

  it('the export includes the transcripts of both conversations', async () => {
    const response = await service.request('GET', `/v1/privacy/export?email=${encodeURIComponent(EMAIL)}`);
    const transcripts = response.body.items.filter((item: { group: string }) => item.group === 'Affiliate Agent conversations');
    expect(transcripts).toHaveLength(2);
    expect(transcripts.flatMap((item: { data: Array<{ value: string }> }) => item.data.map((entry) => entry.value)).join('\n')).toContain(EMAIL);
  });

  it('erases, reports what it retained and why, and no table, column or byte of the file holds the email, name or website', async () => {
    const response = await service.request('POST', '/v1/privacy/erase', { email: EMAIL });
    expect(response.status).toBe(200);
    expect(response.body.erased).toEqual({ conversations: 2, leads: 1 });
    const retained = response.body.retained as Array<{ participant: string; what: string; why: string }>;
    expect(retained.map((record) => record.what)).toEqual([expect.stringMatching(/^AffiliateWP affiliate #\d+$/), expect.stringMatching(/^2 email\(s\) already sent$/)]);
    expect(retained.every((record) => record.why.length > 20)).toBe(true);

    for (const needle of NEEDLES) {
      expect({ needle, tables: tablesMentioning(needle) }).toEqual({ needle, tables: [] });
      expect({ needle, files: fileMentions(needle) }).toEqual({ needle, files: [] });
    }
    // The other applicant keeps lead and transcript; only the mention of the address in it is replaced.
    expect(response.body.anonymised.conversations).toBeGreaterThanOrEqual(1);
    expect(tablesMentioning('otto@example.com').join(' ')).toMatch(/leads\.email.*conversation_messages\.content/);
    const ottoTranscript = (await service.request('GET', `/v1/conversations/${otto.conversationId}/transcript`, undefined, manager)).body.messages as Array<{ content: string }>;
    expect(ottoTranscript.map((message) => message.content)).toContain('Thanks! By the way, my colleague [erased] told me about you.');
  });

  it('the erased conversation reads nothing: not with the visitor token, not on the reviewers\' transcript route', async () => {
    const visitorRead = await service.raw('GET', `/v1/conversations/${erasedConversation.conversationId}`, { headers: { Authorization: `Bearer ${erasedConversation.token}` } });
    expect(visitorRead.status).toBe(404);
    expect(JSON.stringify(await visitorRead.json())).not.toContain('Quillfeather');
    const reviewerRead = await service.request('GET', `/v1/conversations/${erasedConversation.conversationId}/transcript`, undefined, manager);
    expect(reviewerRead.status).toBe(404);
    expect(reviewerRead.text).not.toContain('Quillfeather');
  });
});
