import type { TestService } from '../support/signed-client';
import { Visitor, visitorToken } from '../../server/test/conversations/support/chat-client';
import { createScriptedModel, type ScriptedStep } from '../../server/src/runtime/scripted-model';
import type { ChatModelRequest } from '../../server/src/runtime/chat-model';
import { UpstreamError } from '../../server/src/core/errors';
import type { ActionDefinition } from '../../server/src/contract/action-definition';
import { extractFieldValues } from '../../server/src/runtime/offline/extract-fields';
import { detectCommand, looksLikeQuestion } from '../../server/src/runtime/offline/commands';
import { detectActionIntent } from '../../server/src/runtime/offline/intent';

/**
 * The tool-calling path, measured with a scripted model in place of OpenAI. The model reads each
 * visitor message about as well as the offline engine does (it calls the tool with the values the
 * offline extractor finds, answers questions in text, stops on a command), so what is measured is
 * the runtime around it: tool validation, grounding, the asked-field reading, confirmation, and the
 * offline fallback. With `misbehaviour` > 0 each model call may, at that rate, go wrong the way real
 * models do (malformed arguments, an unknown tool, an invented value, an upstream failure), drawn
 * from a seeded generator: pass^3 is the share of scenarios that pass in all three seeded runs.
 */
export interface ModelScenario {
  id: string;
  /** The language the visitor writes in (the figures are also printed per language). */
  lang?: string;
  turns: string[];
  expect: Record<string, string | number | boolean> | null;
  never?: Record<string, Array<string | number>>;
}

export function __seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const call = (argumentsText: string, name = 'affiliate_application'): ScriptedStep => ({ toolCalls: [{ name, argumentsText }] });

export function __policy(definition: ActionDefinition, random: () => number, misbehaviour: number) {
  return (request: ChatModelRequest): ScriptedStep => {
    const last = request.messages.at(-1)!;
    // A tool result that is an error ("Unknown tool", "not valid JSON") is what models correct: the
    // call is made again (and may go wrong again, at the same rate). A needs-input result is read.
    if (last.role === 'tool' && /^Not submitted yet|^Confirm|^Submitted/.test(last.content)) {
      // Like a model reading the tool result: the question it names, else the first field not saved yet.
      // After a failed call the draft in the system prompt says what is still missing.
      const named = /ask the visitor(?: again)?: ([^\n]+)/.exec(last.content)?.[1];
      const system = request.messages.find((message) => message.role === 'system')?.content ?? '';
      const listed = /Saved so far: ([^.]+)\./.exec(last.content)?.[1];
      const saved = new Set(listed ? listed.split(', ') : definition.fields.filter((field) => new RegExp(`^- ${field.key}: (?!\\()`, 'm').test(system)).map((field) => field.key));
      const next = definition.fields.find((field) => field.required && !saved.has(field.key));
      return { text: named ?? next?.question ?? 'Thanks! Could you tell me the next detail?' };
    }
    const userMessage = [...request.messages].reverse().find((message) => message.role === 'user')?.content ?? '';
    if (random() < misbehaviour) {
      const kind = Math.floor(random() * 4);
      if (kind === 0) return call('{"name": "unterminated');
      if (kind === 1) return call('{}', 'delete_everything');
      if (kind === 2) return call(JSON.stringify({ audience_size: 1234, platform: 'twitch' }));
      return { failAfterText: '', error: new UpstreamError('scripted upstream failure', 'upstream_failed') };
    }
    if (detectCommand(userMessage) === 'cancel') return { text: 'Okay, I have stopped the application; nothing was sent.' };
    const asksToApply = detectActionIntent(userMessage, [definition]) !== null;
    if (looksLikeQuestion(userMessage) && !asksToApply) return { text: 'Good question: the program documents cover that. Shall we go on?' };
    // The model knows which field its own last question asked for.
    const lastQuestion = [...request.messages].reverse().find((message) => message.role === 'assistant' && message.content)?.content ?? '';
    const pendingFieldKey = definition.fields.find((field) => lastQuestion.includes(field.question))?.key;
    const { values } = extractFieldValues(userMessage, definition, { current: {}, pendingFieldKey });
    return call(JSON.stringify(Object.fromEntries(values.map((value) => [value.key, value.value]))));
  };
}

export interface ModelPathFigures {
  misbehaviour: number;
  scenarios: number;
  runs: number;
  passedRuns: number;
  allThree: number;
}

/** `levels`: the misbehaviour rates to run (0 = a well-behaved model; 0.1 = one call in ten goes wrong). */
export async function runModelPathEval(
  service: TestService,
  agentFor: (lang: string | undefined) => string,
  definition: ActionDefinition,
  scenarios: ModelScenario[],
  levels: number[] = [0, 0.1],
): Promise<ModelPathFigures[]> {
  const figures: ModelPathFigures[] = [];
  const passes = async (scenario: ModelScenario, seed: number, misbehaviour: number): Promise<boolean> => {
    service.container.chat.setModel(createScriptedModel([__policy(definition, __seeded(seed), misbehaviour)], { repeatLast: true }));
    const agentId = agentFor(scenario.lang);
    const visitor = new Visitor(service, agentId, visitorToken(agentId, `vis_model_${seed}_${scenario.id}`.slice(0, 60)));
    await visitor.start();
    for (const turn of scenario.turns) await visitor.say(turn);
    const lead = service.container.leads.findByConversation(visitor.conversationId, 'affiliate-application') as { fields?: Record<string, unknown> } | null;
    const values = (lead?.fields ?? {}) as Record<string, unknown>;
    if (Object.entries(scenario.never ?? {}).some(([key, banned]) => banned.some((value) => values[key] === value))) return false;
    if (scenario.expect === null) return lead === null;
    return lead !== null && Object.entries(scenario.expect).every(([key, expected]) => values[key] === expected);
  };
  console.log('\nTool-calling path (scripted model, real HTTP chat API and runtime)');
  try {
    for (const misbehaviour of levels) {
      let runs = 0;
      let passedRuns = 0;
      let allThree = 0;
      const failed: string[] = [];
      const perLang = new Map<string, { scenarios: number; allThree: number }>();
      for (const [index, scenario] of scenarios.entries()) {
        let passedHere = 0;
        for (let seed = 1; seed <= 3; seed++) {
          runs += 1;
          if (await passes(scenario, index * 7919 + seed, misbehaviour)) passedHere += 1;
        }
        passedRuns += passedHere;
        const language = perLang.get(scenario.lang ?? '?') ?? { scenarios: 0, allThree: 0 };
        perLang.set(scenario.lang ?? '?', language);
        language.scenarios += 1;
        if (passedHere === 3) {
          allThree += 1;
          language.allThree += 1;
        } else failed.push(`${scenario.id} (${passedHere}/3)`);
      }
      console.log(
        `model misbehaving on ${String(misbehaviour * 100).padStart(2)}% of calls: pass^1 ${((100 * passedRuns) / runs).toFixed(1)}%  pass^3 ${((100 * allThree) / scenarios.length).toFixed(1)}% (${allThree}/${scenarios.length})`,
      );
      console.log(`  pass^3 by language: ${[...perLang].map(([lang, figures]) => `${lang} ${((100 * figures.allThree) / figures.scenarios).toFixed(1)}% (${figures.allThree}/${figures.scenarios})`).join(', ')}`);
      if (failed.length) console.log(`  not passing every run: ${failed.join(', ')}`);
      figures.push({ misbehaviour, scenarios: scenarios.length, runs, passedRuns, allThree });
    }
  } finally {
    service.container.chat.setModel(null);
  }
  return figures;
}
