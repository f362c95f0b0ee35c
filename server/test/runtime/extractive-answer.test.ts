import { extractiveAnswer } from '../../src/runtime/offline-engine';

/** The offline engine's answer is the retrieved passage's opening sentences, quoted as they stand. */
const hit = (text: string) => ({ sourceId: 'S1', title: 'Terms', url: null, text, score: 1 });

describe('the extractive answer', () => {
  it('keeps a question mark or a dot inside a word as part of the sentence ("?ref=", "3.5%")', () => {
    const text = 'Your link is in your account. You can add ?ref= followed by your ID to any URL. We pay 3.5% on gear.';
    expect(extractiveAnswer(hit(text))).toBe(`${text} [S1]`);
  });

  it('stops at a whole sentence once the answer is long enough', () => {
    const answer = extractiveAnswer(hit('First sentence here. Second one is longer than the limit allows.'), 30);
    expect(answer).toBe('First sentence here. [S1]');
  });

  it('cuts a single over-long sentence at a word and marks the cut', () => {
    expect(extractiveAnswer(hit('one two three four five six seven eight nine ten'), 20)).toBe('one two three four… [S1]');
  });
});
