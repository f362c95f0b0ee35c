import type { KnowledgeHit } from './knowledge-hits';

/**
 * The provider's answer checked against the "Program terms" fact it was given: a figure the fact does
 * not hold, or the fact's figure missing, gets the exact sentence appended; a never-promise question
 * whose answer does not decline gets the refusal appended. The reply is streamed, so it is corrected
 * after, the way a false completion claim is (output-guard.ts).
 */
const figuresOf = (text: string) => new Set((text.replace(/\[S\d+\]/g, '').match(/\d+(?:[.,]\d+)?/g) ?? []).map((figure) => figure.replace(',', '.')));
const DECLINES = /\b(cannot|can't|can not|do not|don't|won't|will not|no one can|nobody can)\s+(promise|guarantee)|\bno guarantee|\bnot guaranteed\b/i;

export function programTermsCorrection(reply: string, knowledge: KnowledgeHit[]): string | null {
  const fact = knowledge.find((hit) => hit.programFact);
  if (!fact) return null;
  if (fact.programFact === 'never-promise') return DECLINES.test(reply) ? null : `${fact.text} [${fact.sourceId}]`;
  const expected = figuresOf(fact.text);
  const given = figuresOf(reply);
  const misquoted = [...expected].some((figure) => !given.has(figure)) || [...given].some((figure) => !expected.has(figure));
  return misquoted ? `To be exact: ${fact.text} [${fact.sourceId}]` : null;
}
