import fs from 'node:fs';
import path from 'node:path';
import type { TestService } from '../support/signed-client';
import { FIXTURE_DIRECTORY, fixtureQuestions, loadFixtureCorpus } from '../../server/test/knowledge/fixture-corpus';

/**
 * Retrieval on the Brightleaf fixture corpus as the agents see it (the service's retrieval, with its
 * relevance threshold): hit@3 on the fixture questions and on paraphrases written as visitors ask,
 * and how many of each strict mode would answer; off-topic questions must be declined.
 */
interface Question {
  question: string;
  mustContain: string;
}

export interface RetrievalFigures {
  label: string;
  total: number;
  hits: number;
  answered: number;
  misses: string[];
}

const textOf = (hit: { title: string; headingPath: string[]; text: string }) => [hit.title, ...hit.headingPath, hit.text].join('\n').toLowerCase();

async function measure(service: TestService, setId: string, label: string, questions: Question[]): Promise<RetrievalFigures> {
  const figures: RetrievalFigures = { label, total: questions.length, hits: 0, answered: 0, misses: [] };
  for (const { question, mustContain } of questions) {
    const hits = await service.container.knowledge.retrieve({ knowledgeSetIds: [setId], query: question, limit: 3 });
    if (service.container.knowledge.isRelevant(hits)) figures.answered += 1;
    if (hits.some((hit) => textOf(hit).includes(mustContain.toLowerCase()))) figures.hits += 1;
    else figures.misses.push(`${question} (best: ${hits[0] ? `${hits[0].headingPath.at(-1) ?? hits[0].title} ${hits[0].relevance.toFixed(2)}` : 'nothing relevant'})`);
  }
  return figures;
}

export async function runRetrievalEval(service: TestService): Promise<void> {
  const setId = service.container.knowledge.createSet({ name: 'Brightleaf program (eval)' }).id;
  await loadFixtureCorpus(service.container.knowledge, setId);
  const visitorSet = JSON.parse(fs.readFileSync(path.join(FIXTURE_DIRECTORY, 'paraphrases.json'), 'utf8')) as { questions: Question[]; offTopic: string[] };
  const paraphrases = visitorSet.questions;
  const { questions } = fixtureQuestions();
  const offTopic = [...fixtureQuestions().offTopic, ...visitorSet.offTopic];
  const results = [await measure(service, setId, 'fixture questions', questions), await measure(service, setId, 'visitor paraphrases', paraphrases)];
  let declined = 0;
  const answeredOffTopic: string[] = [];
  for (const question of offTopic) {
    const hits = await service.container.knowledge.retrieve({ knowledgeSetIds: [setId], query: question, limit: 3 });
    if (!service.container.knowledge.isRelevant(hits)) declined += 1;
    else answeredOffTopic.push(`${question} (${hits[0].headingPath.at(-1) ?? hits[0].title} ${hits[0].relevance.toFixed(2)})`);
  }
  console.log('\nRetrieval, Brightleaf fixture corpus (service retrieval, relevance threshold applied)');
  for (const figures of results) {
    console.log(`${figures.label.padEnd(20)} ${String(figures.total).padEnd(4)} hit@3 ${(figures.hits / figures.total).toFixed(3)}   answered in strict mode ${figures.answered}/${figures.total}`);
  }
  console.log(`${'off-topic'.padEnd(20)} ${String(offTopic.length).padEnd(4)} declined ${declined}/${offTopic.length}`);
  if (answeredOffTopic.length) console.log(`  off-topic answered:\n    ${answeredOffTopic.join('\n    ')}`);
  for (const figures of results) if (figures.misses.length) console.log(`  ${figures.label} missed:\n    ${figures.misses.join('\n    ')}`);
}

if (require.main === module) {
  void (async () => {
    const { startTestService } = await import('../support/signed-client');
    const service = await startTestService();
    try {
      await runRetrievalEval(service);
    } finally {
      await service.close();
    }
  })();
}
