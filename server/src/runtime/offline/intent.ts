import type { ActionDefinition } from '../../contract/action-definition';
import { looksLikeQuestion } from './commands';
import { similarEnough } from '../../actions/field-parsers/text-normalise';
import { normaliseText } from '../../actions/field-parsers/text-normalise';
import { holdsPhrase, packPhrases, perActivePacks } from '../../actions/field-parsers/language-packs';

/**
 * Which published action a visitor's message asks for, by TF-IDF weighted word overlap with the
 * action's name, description and example phrases. A small background of ordinary program
 * questions is part of the corpus, so words every visitor uses ("affiliate", "program") weigh
 * little and words that mean doing something ("join", "apply", "sign up") weigh a lot.
 */
export interface IntentCandidate {
  actionKey: string;
  score: number;
  /** Whether the name or an example phrase shares a word that ordinary program questions do not use ("join"). */
  distinctive: boolean;
}

export const DEFAULT_INTENT_THRESHOLD = 0.45;

const ENGLISH_STOPWORDS = new Set(
  (
    'a an the i me my we our you your it its this that these those is are was were be been am do does did doing have has had ' +
    'to of in on at for with by from about as into or and but if so than then there here what which who whom how when where why ' +
    'can could would should will shall may might must please want wanted wants like would just also really very some any all more ' +
    'im id ive get got let lets us them they he she his her their hi hello hey thanks thank yes no ok okay tell know use visitor ' +
    'wanna gonna gotta'
  )
    .split(/\s+/),
);

/** Folds the forms visitors use for the same act ("signing up", "registration", "enrol") together. */
const ENGLISH_CANONICAL: Record<string, string> = {
  signup: 'join', sign: 'join', register: 'join', registration: 'join', enrol: 'join', enroll: 'join', enrolment: 'join',
  enrollment: 'join', onboard: 'join', subscribe: 'join', apply: 'apply', application: 'apply', applying: 'apply', applied: 'apply',
  affiliates: 'affiliate', partners: 'partner', partnership: 'partner', referral: 'referral', referrals: 'referral',
  paid: 'pay', payment: 'pay', payments: 'pay', payout: 'pay', payouts: 'pay', paying: 'pay', becoming: 'become', became: 'become',
  promoting: 'promote', promotion: 'promote', promote: 'promote', collaborate: 'partner', collaboration: 'partner', collab: 'partner',
  collaborating: 'partner', partnering: 'partner', partnered: 'partner', ambassador: 'affiliate', commissions: 'commission', changing: 'change', updating: 'update',
};

const BACKGROUND = [
  'what is the commission rate of the affiliate program',
  'how long does the affiliate cookie last',
  'when do affiliates get paid',
  'what is the minimum payout for the program',
  'which products can affiliates promote',
  'what products can i promote',
  'tell me more about the partner program',
  'how does the affiliate program work',
  'where can i find my affiliate link',
  'what are the affiliate program terms',
  'do you have a referral program for customers',
  'is there a partner program dashboard',
  'can i use coupons as an affiliate',
  'what tracking do you use for referrals',
  'how much can i earn with the program',
];

// "bewerben", "unirme", "devenir": the language packs' words of joining fold onto the same canonical words.
// The agent's pack also adds its words with no intent of their own ("möchte", "quiero", "voudrais").
const intentTables = perActivePacks((packs) => {
  const canonical: Record<string, string> = { ...ENGLISH_CANONICAL };
  for (const pack of packs) for (const [word, folded] of Object.entries(pack.intentWords)) canonical[normaliseText(word)] ??= folded;
  return { canonical, stopwords: new Set([...ENGLISH_STOPWORDS, ...packPhrases().intentStopWords]) };
});

function stem(word: string, canonical: Record<string, string>): string {
  if (canonical[word]) return canonical[word];
  let base = word;
  if (base.length > 5 && base.endsWith('ing')) base = base.slice(0, -3);
  else if (base.length > 4 && base.endsWith('ed')) base = base.slice(0, -2);
  else if (base.length > 3 && base.endsWith('s') && !base.endsWith('ss')) base = base.slice(0, -1);
  return canonical[base] ?? base;
}

/** French elision ("m'inscrire", "l'affiliation") parted before the apostrophe is dropped, so the word stays whole. */
const ELISION = /(^|[^\p{L}])([jmltdnsc]|qu)['’](?=[\p{L}])/giu;

export function intentTokens(text: string): string[] {
  const normal = normaliseText(text.replace(ELISION, '$1$2 '))
    .replace(/\bsign(?:ing)? (?:me )?up\b/g, 'join')
    .replace(/\bget started\b/g, 'start')
    .replace(/\b(?:work|team) (?:together|up)\b/g, 'partner')
    .replace(/\b(?:be|being) (?:an? )?(affiliate|partner|ambassador|creator|reseller)\b/g, 'become $1');
  const { canonical, stopwords } = intentTables();
  return normal.split(' ').filter((word) => word.length > 1 && !stopwords.has(word)).map((word) => stem(word, canonical));
}

interface ActionDocument {
  actionKey: string;
  /** Each phrase separately: a message need only resemble one of them. Description sentences weigh less. */
  phrases: Array<{ tokens: Set<string>; weight: number; fromDescription?: boolean }>;
}

function documentsFor(definitions: ActionDefinition[]): ActionDocument[] {
  return definitions.map((definition) => ({
    actionKey: definition.key,
    phrases: [
      { tokens: new Set(intentTokens(definition.name)), weight: 0.9 },
      ...definition.examplePhrases.map((phrase) => ({ tokens: new Set(intentTokens(phrase)), weight: 1 })),
      // "Use when the visitor wants to …" says who, not what; only the rest describes the request.
      ...definition.description
        .replace(/\b(?:use (?:this )?)?when (?:the |an? )?(?:visitor|user|affiliate|customer|someone|person|partner)s? (?:wants?|asks?|would like|needs?) to\b/gi, ' ')
        .split(/[.;:,]| or /)
        .map((sentence) => ({ tokens: new Set(intentTokens(sentence)), weight: 0.8, fromDescription: true }))
        .filter((phrase) => phrase.tokens.size > 0),
    ].filter((phrase) => phrase.tokens.size > 0),
  }));
}

const BACKGROUND_TOKENS = BACKGROUND.map((line) => new Set(intentTokens(line)));
const BACKGROUND_WORDS = new Set(BACKGROUND_TOKENS.flatMap((tokens) => [...tokens]));

function inverseDocumentFrequency(documents: ActionDocument[]): (token: string) => number {
  const corpus: Array<Set<string>> = [...documents.flatMap((document) => document.phrases.map((phrase) => phrase.tokens)), ...BACKGROUND_TOKENS];
  const counts = new Map<string, number>();
  for (const tokens of corpus) for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
  // Words no action or question uses (names, brands) weigh least: they say nothing about intent
  // either way, and a long message full of details must still be recognised.
  return (token) => (counts.has(token) ? Math.log((corpus.length + 1) / (counts.get(token)! + 1)) + 1 : 0.5);
}

/**
 * How well a message matches one phrase: mostly how much of the phrase the message covers, partly
 * how much of the message the phrase explains.
 */
function overlap(message: Set<string>, phrase: Set<string>, idf: (token: string) => number): number {
  let shared = 0;
  let messageWeight = 0;
  let phraseWeight = 0;
  for (const token of message) {
    messageWeight += idf(token);
    if (phrase.has(token)) shared += idf(token);
  }
  for (const token of phrase) phraseWeight += idf(token);
  if (shared === 0) return 0;
  return (shared / phraseWeight) ** 0.6 * (shared / messageWeight) ** 0.4;
}

/**
 * "aply", "afiliate", "becme": a word the actions do not use but one letter away from one they do is
 * read as that word. Short words are left alone, where one letter makes another word.
 */
function correctedToken(token: string, vocabulary: Set<string>): string {
  if (token.length < 4 || vocabulary.has(token) || BACKGROUND_WORDS.has(token)) return token;
  let best = { token, score: 0 };
  for (const candidate of vocabulary) {
    if (candidate.length < 4) continue;
    const score = similarEnough(token, candidate, 0.74);
    if (score > best.score) best = { token: candidate, score };
  }
  return best.token;
}

/** Every action with its score, best first. */
export function scoreIntents(message: string, definitions: ActionDefinition[]): IntentCandidate[] {
  const documents = documentsFor(definitions);
  const idf = inverseDocumentFrequency(documents);
  const vocabulary = new Set(documents.flatMap((document) => document.phrases.flatMap((phrase) => [...phrase.tokens])));
  const tokens = new Set(intentTokens(message).map((token) => correctedToken(token, vocabulary)));
  return documents
    .map((document) => {
      const score = Math.max(0, ...document.phrases.map((phrase) => overlap(tokens, phrase.tokens, idf) * phrase.weight));
      const distinctive = document.phrases.some(
        (phrase) => !phrase.fromDescription && [...tokens].some((token) => phrase.tokens.has(token) && !BACKGROUND_WORDS.has(token)),
      );
      return { actionKey: document.actionKey, score, distinctive };
    })
    .sort((left, right) => right.score - left.score);
}

/** The action the message asks for, or null when none scores above the threshold or two tie. */
/**
 * Messages about an application already made ("did you get my application?") or that refuse one
 * ("I don't want to join") share an action's words but ask for something else.
 */
const NOT_A_REQUEST = [
  /\b(already|status|applied|approved|rejected|pending|still waiting|last week|yesterday)\b/,
  /\b(did|have|has) (you|it|my application) (get|got|receive|received|been)\b/,
  /\b(dont|do not|not|never|no longer) (really )?(want|wish|plan|intend|interested|going)\b/,
];

/** A question that asks to do the act itself: "can I partner with you?", "how do I join?". */
const ASKS_TO_ACT = /\b(how (?:do|can|would|should|could) (?:i|we)|(?:can|could|may) (?:i|we)|where (?:do|can|should) (?:i|we)|is it possible to|what do i (?:need|have) to|id like to|i would like to|i want to|i wanna|sign me up|let me|are you (?:looking for|accepting|open to)|(?:process|steps?|way) to (?:join|apply|sign up|become))\b/;

export function detectActionIntent(message: string, definitions: ActionDefinition[], threshold = DEFAULT_INTENT_THRESHOLD): IntentCandidate | null {
  const normal = normaliseText(message);
  if (NOT_A_REQUEST.some((pattern) => pattern.test(normal)) || packPhrases().notARequest.some((phrase) => holdsPhrase(normal, phrase))) return null;
  const [best, second] = scoreIntents(message, definitions);
  if (!best || best.score < threshold) return null;
  // "Tell me about your affiliate program" shares words with the application, but only words that
  // ordinary questions use too; a question starts an action only when it names the act itself
  // ("how do I join?") or is one of the action's own phrases.
  // Other questions ("do you offer a signup bonus for new affiliates?") are answered, whatever words they share.
  const asksToAct = ASKS_TO_ACT.test(normal) || packPhrases().asksToAct.some((phrase) => holdsPhrase(normal, phrase));
  if (looksLikeQuestion(message) && best.score < 0.95 && !asksToAct) return null;
  if (second && best.score - second.score < 0.05) return null;
  return best;
}
