import type { ProgramTerms } from '../contract/program-terms';

/**
 * Which program fact a visitor's question asks for, by the words visitors use for it ("cut", "per
 * sale", "cookie", "get paid"), and the sentence that answers it with the exact figure from the facts.
 * A question touching the owner's "never promise" list gets a polite refusal instead.
 */
export type ProgramTopic = 'commission' | 'cookie' | 'payout-minimum' | 'payout-method' | 'never-promise';

const TOPICS: Array<{ topic: Exclude<ProgramTopic, 'never-promise'>; pattern: RegExp }> = [
  { topic: 'cookie', pattern: /\b(cookies?|tracking window|attribution window|how long (?:does|do|is) (?:the )?(?:tracking|referral|link)|referral window)\b/i },
  { topic: 'payout-minimum', pattern: /\b(minimum|min\.?|threshold|at least how much|least amount)\b.*\b(pay|payout|paid|withdraw)|\b(pay|payout|paid|withdraw)\w*\b.*\b(minimum|threshold)\b/i },
  { topic: 'payout-method', pattern: /\b(when|how) (?:do|will|can) (?:i|we|affiliates?) (?:get )?(?:paid|receive (?:my )?(?:money|payments?))|\bpayout (?:method|schedule|options?)|\bpaypal\b|\bbank transfer\b|\bhow (?:are|is) (?:payouts?|payments?) (?:made|sent)/i },
  { topic: 'commission', pattern: /\b(commissions?|cut|rate|per sale|earn per|make per|how much (?:do|can|will) (?:i|we|affiliates?) (?:make|earn|get)|percentage|revenue share|rev share|payout rate)\b/i },
];

function currencyAmount(amount: number, currency: string): string {
  return `${amount.toLocaleString('en-US', { minimumFractionDigits: Number.isInteger(amount) ? 0 : 2, maximumFractionDigits: 2 })} ${currency}`;
}

function sentenceFor(topic: Exclude<ProgramTopic, 'never-promise'>, terms: ProgramTerms): string | null {
  switch (topic) {
    case 'commission':
      if (!terms.commission) return null;
      return terms.commission.type === 'percentage'
        ? `Affiliates earn a ${terms.commission.rate}% commission on each referred sale.`
        : `Affiliates earn a flat ${currencyAmount(terms.commission.rate, terms.currency)} commission on each referred sale.`;
    case 'cookie':
      return terms.cookieDays === undefined ? null : `The referral cookie lasts ${terms.cookieDays} days.`;
    case 'payout-minimum':
      return terms.payout?.minimum === undefined ? null : `The minimum payout is ${currencyAmount(terms.payout.minimum, terms.currency)}.`;
    case 'payout-method':
      return terms.payout?.method ? `Payouts are sent by ${terms.payout.method}${terms.payout.minimum !== undefined ? ` once your balance reaches ${currencyAmount(terms.payout.minimum, terms.currency)}` : ''}.` : null;
  }
}

export function programTermsAnswer(question: string, terms: ProgramTerms | null): { topic: ProgramTopic; text: string } | null {
  if (!terms) return null;
  const lower = question.toLowerCase();
  const refused = terms.neverPromise.find((phrase) => phrase.toLowerCase().split(/\s+/).filter((word) => word.length > 3).every((word) => lower.includes(word.replace(/s$/, ''))));
  if (refused) return { topic: 'never-promise', text: `We cannot promise ${refused}: what an affiliate earns depends on the sales they refer.` };
  for (const { topic, pattern } of TOPICS) {
    if (!pattern.test(question)) continue;
    const text = sentenceFor(topic, terms);
    if (text) return { topic, text };
  }
  return null;
}
