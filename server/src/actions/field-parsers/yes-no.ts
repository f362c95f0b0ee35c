import { normaliseText } from './text-normalise';
import { opensWith, packPhrases } from './language-packs';

/** Yes, no, or neither, from a short reply. Consent and confirmation both read answers through here. */
export type YesNo = 'yes' | 'no';

// Checked before the word lists, because they contain a "no" or "not" but mean yes (or nothing).
const YES_PHRASES = [
  'no problem', 'no problemo', 'not a problem', 'why not', 'no objection', 'no objections', 'i dont mind', 'dont mind', 'i do not mind',
  'no worries', 'not at all i agree',
];
const UNSURE_PHRASES = [
  'not sure', 'dont know', 'do not know', 'no idea', 'maybe', 'perhaps', 'unsure', 'i guess not sure',
  // German, Spanish, French: "no sé" must not read as the Spanish "no".
  'weiss nicht', 'keine ahnung', 'vielleicht', 'bin mir nicht sicher', 'no se', 'no estoy seguro', 'no estoy segura', 'quizas', 'tal vez',
  'je ne sais pas', 'je sais pas', 'peut etre', 'aucune idee', 'pas sur', 'pas sure',
];

const NO_PATTERNS = [
  /^(no+|nope|nah|nay|n|negative|never|no way|not really|not now|not yet|no thanks|no thank you|no sorry|absolutely not|definitely not|certainly not|of course not)\b/,
  /\b(i|we) (do not|dont|don t|did not|didnt|will not|wont|cannot|cant|would not|wouldnt|would rather not|refuse|decline|disagree)\b/,
  /\b(dont|do not|please dont|please do not)( submit| send| store| agree| consent| do it| want)?\b/,
  /\b(i refuse|i decline|i disagree|i object|rather not|not ok|not okay|not agreed|not correct|thats wrong|that is wrong|incorrect|wrong)\b/,
];
const YES_PATTERNS = [
  /^(y|ya|ye|yes+|yeah|yea|yep|yup|yass|sure|ok|okay|okey|k|kk|alright|all right|fine|correct|right|affirmative|absolutely|definitely|certainly|of course|ofc|indeed|agreed|confirm|confirmed|submit|send it|go ahead|go for it|please do|do it|sounds good|looks good|looks right|thats right|that is right|thats correct|that is correct|perfect|great|good|yes please|si|oui|ja|sim)\b/,
  /\b(i agree|i accept|i consent|i confirm|i do|agree|accept|consent|approved|go ahead|submit it|send it|all good|looks good|looks correct|looks right|thats fine|that is fine|thats ok|thats okay|thats all correct|sure thing)\b/,
  /\b(im|i am) (ok|okay|fine|happy|good) with (it|that|this)\b/,
];

export function parseYesNo(text: string): YesNo | null {
  if (/^[👍✅]/u.test(text.trim())) return 'yes';
  if (/^[👎❌]/u.test(text.trim())) return 'no';
  const normal = normaliseText(text);
  if (normal === '') return null;
  if (YES_PHRASES.some((phrase) => normal === phrase || normal.startsWith(`${phrase} `) || normal.endsWith(` ${phrase}`))) return 'yes';
  if (UNSURE_PHRASES.some((phrase) => normal === phrase || normal.includes(phrase))) return null;
  if (NO_PATTERNS.some((pattern) => pattern.test(normal))) return 'no';
  // The language packs' no before their yes: "nicht einverstanden" holds "einverstanden".
  if (packPhrases().no.some((phrase) => opensWith(normal, phrase))) return 'no';
  if (YES_PATTERNS.some((pattern) => pattern.test(normal))) return 'yes';
  if (packPhrases().yes.some((phrase) => opensWith(normal, phrase))) return 'yes';
  return null;
}
