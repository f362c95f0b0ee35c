/**
 * Sentences of a text by Unicode's sentence rules (UAX #29, ICU through Intl.Segmenter), not by
 * "a dot ends a sentence": a hand-written split cut "a 27.5% commission" into "a 27." and
 * "5% commission", so an extractive answer quoted a wrong figure. Figures ("$49.99", "12,5 %"),
 * and abbreviations inside a sentence stay whole; a line break ends a sentence, as before.
 */
const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

export function sentencesOf(text: string): string[] {
  const sentences: string[] = [];
  for (const { segment } of segmenter.segment(text)) {
    const sentence = segment.trim();
    if (sentence) sentences.push(sentence);
  }
  return sentences;
}
