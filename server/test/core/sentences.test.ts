import { sentencesOf } from '../../src/core/sentences';
import { bestPassage } from '../../src/knowledge/relevance';
import { extractiveAnswer } from '../../src/runtime/offline-engine';
import type { KnowledgeHit } from '../../src/contract/knowledge-types';

/**
 * Sentence splitting for extractive answers: a figure with a decimal point is never cut in two
 * (found end to end: "Affiliates earn a 27.5% commission" was answered as "5% commission").
 */
const hit = (text: string): KnowledgeHit => ({ chunkId: 'kch_1', sourceId: 'S1', title: 'Program terms', url: null, headingPath: [], text, score: 1, relevance: 1 });

describe('sentencesOf', () => {
  it('keeps decimals, prices and abbreviations inside their sentence', () => {
    expect(sentencesOf('Affiliates earn a 27.5% commission on each referred sale. Payouts are monthly!')).toEqual([
      'Affiliates earn a 27.5% commission on each referred sale.',
      'Payouts are monthly!',
    ]);
    expect(sentencesOf('Kits from $49.99 (e.g. the starter kit). Cookies last 30 days.')).toEqual(['Kits from $49.99 (e.g. the starter kit).', 'Cookies last 30 days.']);
    expect(sentencesOf('Wir zahlen 12,5 % Provision. Auszahlung monatlich.')).toEqual(['Wir zahlen 12,5 % Provision.', 'Auszahlung monatlich.']);
  });

  it('ends a sentence at a line break, as a heading above a paragraph does', () => {
    expect(sentencesOf('Payout schedule\nWe pay on the 15th. Minimum $50.')).toEqual(['Payout schedule', 'We pay on the 15th.', 'Minimum $50.']);
  });
});

describe('extractive answers quote figures whole', () => {
  const text = 'Welcome to the program. Affiliates earn a 27.5% commission on each referred sale. The minimum payout is $50.00.';

  it('in the knowledge passage the offline engine answers from', () => {
    expect(bestPassage([hit(text)], 'what commission do affiliates earn?')!.text).toContain('Affiliates earn a 27.5% commission on each referred sale.');
    expect(bestPassage([hit(text)], 'minimum payout')!.text).toContain('The minimum payout is $50.00.');
  });

  it("in the offline engine's opening-sentences answer", () => {
    expect(extractiveAnswer(hit(text))).toBe(`${text} [S1]`);
    expect(extractiveAnswer(hit(text), 60)).toBe('Welcome to the program. [S1]');
  });
});
