import fs from 'node:fs';
import path from 'node:path';
import type { TestService } from '../support/signed-client';
import { FIXTURE_DIRECTORY, fixtureQuestions, loadFixtureCorpus } from '../../server/test/knowledge/fixture-corpus';
import { Visitor, setUpAgent, visitorToken } from '../../server/test/conversations/support/chat-client';

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

export interface RetrievalEvalFigures {
  sets: RetrievalFigures[];
  offTopic: { total: number; declined: number };
  strict: StrictModeFigures;
}

export async function runRetrievalEval(service: TestService): Promise<RetrievalEvalFigures> {
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
  const strict = await runStrictModeEval(service, setId, paraphrases.map((entry) => entry.question), offTopic);
  return { sets: results, offTopic: { total: offTopic.length, declined }, strict };
}

interface StrictModeFigures {
  questions: number;
  quoted: number;
  declined: number;
  offTopicDeclined: number;
  started: number;
  /** Replies that were neither a quote of a retrieved passage, the decline, nor an application started. */
  other: number;
}

const DECLINE = "I can answer only from this program's documentation";
const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * Strict docs-only mode on the offline engine, through the chat API: every reply is either the
 * polite decline or a quote of a retrieved passage (with its citation); anything else is counted as
 * invented. Off-topic questions should be declined.
 */
async function runStrictModeEval(service: TestService, setId: string, questions: string[], offTopic: string[]): Promise<StrictModeFigures> {
  // Every question comes from one loopback address; the per-IP limits are for real traffic.
  Object.assign(service.container.chat.limits, { messagesPerIpPerMinute: 1_000_000, conversationsPerIpPerMinute: 1_000_000 });
  const agentId = await setUpAgent(service, { knowledgeSetIds: [setId], strictDocs: true });
  let quoted = 0;
  let declined = 0;
  let offTopicDeclined = 0;
  let started = 0;
  const invented: string[] = [];
  for (const [index, question] of [...questions, ...offTopic].entries()) {
    const visitor = new Visitor(service, agentId, visitorToken(agentId, `vis_strict_${index}`));
    await visitor.start();
    const reply = flat((await visitor.say(question)).reply);
    const hits = await service.container.knowledge.retrieve({ knowledgeSetIds: [setId], query: question, limit: 5 });
    const body = reply.replace(/ \[S\d+\]$/, '').replace(/…$/, '');
    if (reply.startsWith(DECLINE)) {
      declined += 1;
      if (index >= questions.length) offTopicDeclined += 1;
    } else if (/ \[S\d+\]$/.test(reply) && hits.some((hit) => flat(hit.text).includes(body))) quoted += 1;
    else if (/^Sure, I can help with the /.test(reply)) started += 1;
    else invented.push(`${question} → ${reply.slice(0, 80)}`);
  }
  console.log(
    `strict mode, offline engine (chat API): ${questions.length + offTopic.length} questions: quoted a passage ${quoted}, declined ${declined} (off-topic ${offTopicDeclined}/${offTopic.length}), started the application ${started}, anything else ${invented.length}`,
  );
  if (invented.length) console.log(`  neither a quote nor the decline:\n    ${invented.join('\n    ')}`);
  return { questions: questions.length + offTopic.length, quoted, declined, offTopicDeclined, started, other: invented.length };
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
