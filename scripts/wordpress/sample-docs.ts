import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './paths';
import type { ServiceProcess } from './service-process';

/**
 * The demo shop's program docs (the Brightleaf Outdoors terms, payout policy, traffic rules and
 * FAQ the knowledge tests use), loaded into a "Program docs" set and given to the agent, so the
 * sample page answers program questions with citations from the first message.
 */
const DOCS_DIR = path.join(REPO_ROOT, 'tests', 'fixtures', 'knowledge');
const FILES = [
  { filename: 'program-terms.md', contentType: 'text/markdown' },
  { filename: 'payout-policy.html', contentType: 'text/html' },
  { filename: 'prohibited-traffic.md', contentType: 'text/markdown' },
];

export async function loadSampleDocs(service: Pick<ServiceProcess, 'signed'>, agentId: string): Promise<{ setId: string; sources: number }> {
  const expectStatus = (what: string, answer: { status: number; body: unknown }, status: number) => {
    if (answer.status !== status) throw new Error(`sample docs: ${what} answered ${answer.status} ${JSON.stringify(answer.body)}`);
  };
  const created = await service.signed<{ knowledgeSet: { id: string } }>('POST', '/v1/knowledge/sets', {
    body: { name: 'Program docs', description: 'Sample affiliate program terms, payout policy and FAQ (npm run demo).', wordpress: null },
  });
  expectStatus('creating the set', created, 201);
  const setId = created.body.knowledgeSet.id;
  let sources = 0;
  for (const file of FILES) {
    const contentBase64 = fs.readFileSync(path.join(DOCS_DIR, file.filename)).toString('base64');
    expectStatus(`uploading ${file.filename}`, await service.signed('POST', `/v1/knowledge/sets/${setId}/files`, { body: { ...file, contentBase64 } }), 201);
    sources += 1;
  }
  const faqs = JSON.parse(fs.readFileSync(path.join(DOCS_DIR, 'faq.json'), 'utf8')) as Array<{ question: string; answer: string }>;
  for (const faq of faqs) {
    expectStatus('adding an FAQ', await service.signed('POST', `/v1/knowledge/sets/${setId}/sources`, { body: { kind: 'faq', question: faq.question, answer: faq.answer } }), 201);
    sources += 1;
  }
  const agent = await service.signed<{ agent: { knowledgeSetIds: string[] } }>('GET', `/v1/agents/${agentId}`);
  expectStatus('reading the agent', agent, 200);
  expectStatus('giving the agent the docs', await service.signed('PATCH', `/v1/agents/${agentId}`, { body: { knowledgeSetIds: [...agent.body.agent.knowledgeSetIds, setId] } }), 200);
  return { setId, sources };
}
