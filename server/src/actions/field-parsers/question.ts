import { normaliseText } from './text-normalise';
import { opensWith, packPhrases } from './language-packs';

/**
 * Whether a message asks something rather than answers. Both engines use it: a question is
 * answered from the knowledge index and never stored as a field value or read as an application.
 */
const QUESTION_START = /^(what|whats|how|hows|when|where|why|who|whom|which|can|could|do|does|did|is|are|was|will|would|should|may|tell me|explain|i have a question|question|quick question|wait what)\b/;

/** A message that asks something ("what is the commission?", "do you pay by PayPal?"). */
export function looksLikeQuestion(text: string): boolean {
  if (/\?\s*$/.test(text.trim())) return true;
  return startsLikeQuestion(text);
}

/** Starts with a question word: "YouTube?" is an unsure answer, "do you accept podcasts?" a question. */
export function startsLikeQuestion(text: string): boolean {
  if (/^\s*¿/.test(text)) return true;
  const normal = normaliseText(text);
  return QUESTION_START.test(normal) || packPhrases().questionStarts.some((start) => opensWith(normal, start));
}
