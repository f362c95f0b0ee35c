/**
 * Sentences of a text by Unicode's sentence rules (UAX #29, ICU through Intl.Segmenter), not by
 * "a dot ends a sentence": a hand-written split cut "a 27.5% commission" into "a 27." and
 * "5% commission", so an extractive answer quoted a wrong figure. Figures ("$49.99", "12,5 %"),
 * and abbreviations inside a sentence stay whole; a line break ends a sentence, as before. A break
 * ICU finds with no space after it ("add ?ref= to a link") is not taken: a sentence ends before a
 * space, a line break or the end of the text.
 */
const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

export function sentencesOf(text: string): string[] {
  const sentences: string[] = [];
  let pending = '';
  for (const { segment } of segmenter.segment(text)) {
    pending += segment;
    if (!/\s$/.test(pending)) continue;
    if (pending.trim()) sentences.push(pending.trim());
    pending = '';
  }
  if (pending.trim()) sentences.push(pending.trim());
  return sentences;
}
