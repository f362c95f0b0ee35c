import { stemWord } from './stemming';

/**
 * Words that mean the same thing in an affiliate program's documents and in visitors' questions,
 * folded onto one term at indexing and at query time alike ("When do you pay affiliates?" finds
 * "payouts are sent monthly"). Because both sides fold the same way, FTS5 and the in-memory index
 * still rank identically, and a question's coverage (relevance-score.ts) counts the shared concept
 * once. Kept small and to program vocabulary: every group merges words that, in these documents,
 * would answer each other's questions. English only for now; other languages are stemmed, not folded.
 */
const GROUPS: string[][] = [
  ['payout', 'pay', 'paid', 'payment', 'payable', 'money', 'cash', 'remittance', 'deposit'],
  ['commission', 'earnings', 'earn'],
  ['rate', 'percentage', 'percent', 'cut'],
  ['cookie', 'tracking', 'track', 'attribution', 'attribute', 'credit', 'credited', 'window'],
  ['coupon', 'voucher', 'promo', 'discount', 'deal'],
  ['apply', 'application', 'applicant', 'signup', 'sign', 'register', 'registration', 'enroll', 'enrol'],
  ['approval', 'approve', 'accept', 'acceptance', 'review'],
  ['reject', 'rejection', 'decline', 'deny', 'denial', 'refuse'],
  ['prohibit', 'allow', 'permit', 'permission', 'forbid', 'forbidden', 'ban', 'banned', 'disallow', 'okay', 'ok'],
  ['refund', 'return', 'chargeback', 'reverse', 'reversal'],
  ['disclose', 'disclosure', 'sponsor', 'sponsored', 'label'],
  ['fee', 'cost', 'free', 'charge', 'price'],
  ['tax', 'w9', 'w8', '1099'],
  ['minimum', 'threshold'],
  ['dashboard', 'stats', 'statistics', 'report', 'reporting', 'analytics'],
  ['banner', 'creative', 'logo', 'image', 'graphic', 'artwork'],
  ['currency', 'dollar', 'usd', 'euro', 'eur'],
  // "When do you pay?" asks for the schedule: the question word and the words of a schedule meet.
  ['schedule', 'when', 'date', 'day', 'month', 'monthly', 'week', 'weekly', 'frequency'],
  ['tier', 'level'],
  ['referral', 'refer', 'referred'],
  ['fast', 'quick', 'quickly', 'soon'],
  ['website', 'blog'],
  ['affiliate', 'partner', 'associate', 'publisher'],
  ['sale', 'order', 'purchase', 'buy', 'sell', 'seller', 'shopping'],
  ['ad', 'ads', 'advertise', 'advertising', 'advertisement', 'ppc'],
  ['trademark', 'brand'],
  ['spam', 'unsolicited'],
  ['hold', 'delay', 'held', 'pending'],
  ['link', 'url'],
  ['eligible', 'eligibility', 'requirement', 'require', 'qualify'],
];

/**
 * Phrases read as one program word before the text is split ("pay per click" is PPC, not a payout).
 * Applied to English text only, at indexing and at query time alike.
 */
const PHRASES: Array<[RegExp, string]> = [
  [/\bpay[ -]per[ -]click\b/g, 'ppc'],
  [/\bsign(?:ed|ing|s)?[ -]?up\b/g, 'signup'],
  [/\bcash(?:ing)?[ -]out\b/g, 'payout'],
  [/\bpromo(?:tional)? codes?\b/g, 'coupon'],
  [/\b(?:send|sends|sent|sending|bring|brings|take|takes) (?:(?:\w+ ){0,2})back\b/g, 'return'],
  [/\bturn(?:s|ed)? (?:\w+ )?down\b/g, 'reject'],
  [/\bhear back\b/g, 'decision'],
  // Asking what one earns is asking for the commission; telling one's audience is disclosing.
  [/\bhow much (?:do|can|will|would|could) (?:i|we|you|affiliates|partners) (?:make|earn|get)\b/g, 'commission'],
  [/\btell (?:my|our|your|the) (?:followers|audience|readers|viewers|subscribers|fans)\b/g, 'disclose'],
  [/\bwho (?:do|can|should) (?:i|we) (?:email|write to|talk to|ask|speak to|reach)\b/g, 'contact'],
  // Buying through one's own link is a self-referral, however it is put ("order through my own link",
  // "commission on your own purchases", "self-referrals").
  [/\b(?:buy|buys|bought|buying|order|orders|ordered|ordering|purchase|purchases|purchased|shop|shopping)\b(?:\s+\w+){0,3}?\s+(?:my|your|their|our) own (?:affiliate |referral )?(?:link|code)\b/g, 'selfreferral purchase'],
  [/\b(?:my|your|their|our) own (?:purchases|orders)\b/g, 'selfreferral purchase'],
  [/\bself[ -]?referr(?:al|als|ing)\b/g, 'selfreferral'],
  // "How much … before you pay?" asks for the threshold: the minimum payout.
  [/\bhow much (?:\w+ ){1,6}?before\b/g, 'minimum'],
];

export function withProgramPhrases(lowerCaseText: string): string {
  let text = lowerCaseText;
  for (const [pattern, word] of PHRASES) text = text.replace(pattern, word);
  return text;
}

const canonical = new Map<string, string>();
for (const group of GROUPS) {
  const target = stemWord(group[0], 'en');
  for (const word of group) canonical.set(stemWord(word, 'en'), target);
}

/** The term an English stem is indexed and searched as. */
export function programTerm(stem: string): string {
  return canonical.get(stem) ?? stem;
}
