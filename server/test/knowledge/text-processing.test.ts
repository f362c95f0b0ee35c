import { chunkDocument } from '../../src/knowledge/chunker';
import { htmlToText } from '../../src/knowledge/html-to-text';
import { markdownToText } from '../../src/knowledge/markdown-to-text';
import { buildMatchQuery } from '../../src/knowledge/query-builder';
import { searchTokens, stem } from '../../src/knowledge/search-text';

describe('knowledge text processing', () => {
  it('normalises words the same way for the index and for questions', () => {
    // "day" and "window" are program vocabulary: folded onto the schedule and cookie terms (program-synonyms.ts).
    expect(searchTokens('How long do the Cookies last? Café payouts, 30-day window')).toEqual(['long', 'cooki', 'last', 'cafe', 'payout', '30', 'schedul', 'cooki']);
    expect(['approve', 'approved', 'approving', 'approval'].map(stem)).toEqual(['approv', 'approv', 'approv', 'approv']);
    expect(['policy', 'policies'].map(stem)).toEqual(['polici', 'polici']);
    expect(stem('status')).toBe('status');
  });

  it('turns HTML into text with Markdown headings and drops page furniture', () => {
    const text = htmlToText('<nav><a>Shop</a></nav><h2>Cookie &amp; attribution</h2><p>Lasts&nbsp;45 days.</p><script>track()</script><ul><li>One</li><li>Two</li></ul><footer>©</footer>');
    expect(text).toBe('## Cookie & attribution\n\nLasts 45 days.\n\n- One\n\n- Two');
  });

  it('keeps Markdown headings and drops link targets and emphasis', () => {
    expect(markdownToText('Terms\n=====\n\nSee **the** [payout page](https://x.example/p).')).toBe('# Terms\n\nSee the payout page.');
  });

  it('cuts chunks at headings, keeps the heading path and repeats a sentence across a cut', () => {
    const long = Array.from({ length: 12 }, (_, index) => `Sentence ${index} about payouts and schedules for partners.`).join('\n\n');
    const chunks = chunkDocument(`# Guide\n\nIntro.\n\n## Payouts\n\n### Schedule\n\n${long}\n\n## Cookies\n\nForty-five days.`, 'Guide', { targetChars: 200, maxChars: 300 });
    expect(chunks[0]).toEqual({ position: 0, headingPath: [], text: 'Intro.' });
    const schedule = chunks.filter((chunk) => chunk.headingPath.join('/') === 'Payouts/Schedule');
    expect(schedule.length).toBeGreaterThan(2);
    const lastOfFirst = schedule[0].text.split('\n\n').at(-1)!;
    expect(schedule[1].text.startsWith(lastOfFirst)).toBe(true);
    expect(chunks.at(-1)).toEqual(expect.objectContaining({ headingPath: ['Cookies'], text: 'Forty-five days.' }));
    expect(chunks.every((chunk) => chunk.text.length <= 300)).toBe(true);
  });

  it('never cuts a figure when a long paragraph is split into sentences or a sentence is repeated', () => {
    // One paragraph over maxChars: it is split between sentences, and the last sentence of a chunk starts the next.
    const paragraph = Array.from({ length: 8 }, (_, index) => `Tier ${index + 1} partners earn a 27.5% commission on orders over $49.99 each month.`).join(' ');
    const chunks = chunkDocument(`# Rates\n\n${paragraph}`, 'Rates', { targetChars: 150, maxChars: 200, overlapChars: 120 });
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) {
      expect(chunk.text).not.toMatch(/(^|\s)5% commission/);
      expect(chunk.text).not.toMatch(/\$49\.(\s|$)/);
      expect(chunk.text).not.toMatch(/(^|\s)99 each month/);
    }
    expect(chunks.flatMap((chunk) => chunk.text.match(/27\.5% commission on orders over \$49\.99/g) ?? []).length).toBeGreaterThanOrEqual(8);
  });

  it('builds a bounded query from the rarest known words, quoted, with a phrase boost', () => {
    const documentFrequency = new Map([['minimum', 3], ['payout', 40], ['threshold', 5], ['a', 1], ['b', 1], ['c', 1], ['d', 1], ['e', 1], ['f', 1]]);
    const built = buildMatchQuery(['minimum', 'payout', 'threshold', 'unknownword'], null, { documentFrequency, totalChunks: 1000 });
    expect(built.terms).toEqual(['minimum', 'threshold', 'payout']);
    expect(built.match).toBe('"minimum payout" OR "payout threshold" OR "minimum" OR "threshold" OR "payout"');
    expect(buildMatchQuery(['a', 'b', 'c', 'd', 'e', 'f', 'minimum', 'payout'], null, { documentFrequency, totalChunks: 1000 }).terms).toHaveLength(6);
    expect(buildMatchQuery(['zzz'], null, { documentFrequency, totalChunks: 1000 }).match).toBeNull();
    expect(buildMatchQuery(['payout'], 'payo', { documentFrequency, totalChunks: 1000 }).match).toBe('"payout" OR "payo"*');
  });

  it('treats a word found in most chunks of a large corpus as a stop word, but not in a small one', () => {
    const documentFrequency = new Map([['affiliat', 900], ['payout', 40]]);
    expect(buildMatchQuery(['affiliat', 'payout'], null, { documentFrequency, totalChunks: 1000 }).terms).toEqual(['payout']);
    expect(buildMatchQuery(['affiliat'], null, { documentFrequency: new Map([['affiliat', 9]]), totalChunks: 10 }).terms).toEqual(['affiliat']);
  });

  it('asks broad questions through their rarer words first', () => {
    const documentFrequency = new Map([['minimum', 30], ['payout', 4000], ['affiliat', 4500]]);
    const built = buildMatchQuery(['minimum', 'payout', 'affiliat'], null, { documentFrequency, totalChunks: 10_000 });
    expect(built.selective[0]).toBe('"minimum payout" OR "minimum"');
    const common = buildMatchQuery(['payout', 'affiliat'], null, { documentFrequency, totalChunks: 10_000 });
    expect(common.selective).toEqual(['"payout affiliat"', '"payout affiliat" OR ("payout" AND "affiliat")']);
  });
});
