import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config/config';
import type { Database } from '../../src/db/database';
import { silentLogger } from '../../src/logging/logger';
import { createKnowledge } from '../../src/knowledge/create-knowledge';
import type { KnowledgeService } from '../../src/knowledge/knowledge-service';

/** The imaginary Brightleaf Outdoors affiliate program used by the knowledge tests and the benchmark. */
export const FIXTURE_DIRECTORY = path.resolve(__dirname, '../../../tests/fixtures/knowledge');

export interface FixtureQuestions {
  questions: Array<{ question: string; mustContain: string }>;
  offTopic: string[];
}

export function readFixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURE_DIRECTORY, name), 'utf8');
}

export function fixtureQuestions(): FixtureQuestions {
  return JSON.parse(readFixture('questions.json')) as FixtureQuestions;
}

export function fixtureFaq(): Array<{ question: string; answer: string }> {
  return JSON.parse(readFixture('faq.json')) as Array<{ question: string; answer: string }>;
}

export function fixtureSiteContent(): Array<Record<string, unknown>> {
  return JSON.parse(readFixture('site-content.json')) as Array<Record<string, unknown>>;
}

export function uploadOf(name: string, contentType: string) {
  return { filename: name, contentType, contentBase64: Buffer.from(readFixture(name)).toString('base64') };
}

/** Loads the FAQ entries and the three documents into a set, through the service (not the HTTP API). */
export async function loadFixtureCorpus(knowledge: KnowledgeService, setId: string): Promise<void> {
  for (const entry of fixtureFaq()) knowledge.addFaq(setId, { kind: 'faq', ...entry });
  await knowledge.uploadFile(setId, { ...uploadOf('program-terms.md', 'text/markdown'), url: 'https://brightleaf.example/affiliate-terms/' });
  await knowledge.uploadFile(setId, { ...uploadOf('payout-policy.html', 'text/html'), url: 'https://brightleaf.example/payout-policy/' });
  await knowledge.uploadFile(setId, { ...uploadOf('prohibited-traffic.md', 'text/markdown'), url: 'https://brightleaf.example/prohibited-traffic/' });
}

/** A knowledge service writing to `db` that retrieves in-process through FTS5, for tests that read the index another way. */
export function createWritingKnowledge(db: Database, dataDirectory: string): KnowledgeService {
  return createKnowledge({
    db,
    config: loadConfig({ AA_DATA_DIR: dataDirectory }),
    secret: 'x'.repeat(40),
    logger: silentLogger,
    readSetting: () => null,
    agentKnowledgeSetIds: () => [],
    environment: { AA_KNOWLEDGE_WORKERS: '0', AA_KNOWLEDGE_INDEX: 'sqlite' },
  });
}
