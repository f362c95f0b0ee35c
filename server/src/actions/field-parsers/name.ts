import { escapeForPattern, perActivePacks } from './language-packs';

/** A person's name from "I'm Ana", "my name is Ana Silva", "call me ana", or a bare "Ana". */

const NAME_WORD = "[\\p{L}][\\p{L}'’.-]*";
const NAME_RUN = `(${NAME_WORD}(?:\\s+${NAME_WORD}){0,3})`;

// Strong cues say outright that a name follows.
const ENGLISH_STRONG_CUES = [
  new RegExp(`\\bmy (?:full |first )?name(?:'s| is|:)?\\s+${NAME_RUN}`, 'iu'),
  new RegExp(`\\bname(?:'s|\\s*:|\\s+is)\\s+${NAME_RUN}`, 'iu'),
  new RegExp(`\\b(?:call me|you can call me|it'?s me,?)\\s+${NAME_RUN}`, 'iu'),
];
// "ich heiße Lena", "me llamo Lucía", "je m'appelle Camille": the active language packs' cues.
const strongCues = perActivePacks((packs) => [
  ...ENGLISH_STRONG_CUES,
  ...packs.map((pack) => new RegExp(`(?:^|[\\s,.!;])(?:${pack.nameCues.strong.map(escapeForPattern).join('|')}):?\\s+${NAME_RUN}`, 'iu')),
]);
// Weak cues are also how people describe themselves ("I'm interested", "I am a blogger").
const ENGLISH_WEAK_CUES = [
  new RegExp(`(?:^|[\\s,.!;])(?:i'm|i’m|i am|this is|it'?s|it is|hi,? i'?m|hello,? i'?m)\\s+${NAME_RUN}`, 'iu'),
  // "im" without its apostrophe only where a sentence starts: mid-sentence it is German ("Werbung im Podcast").
  new RegExp(`(?:^|[,.!;]\\s*)im\\s+${NAME_RUN}`, 'iu'),
  new RegExp(`^${NAME_RUN}\\s+here\\b`, 'iu'),
];
const weakCues = perActivePacks((packs) => [
  ...ENGLISH_WEAK_CUES,
  ...packs.map((pack) => new RegExp(`(?:^|[\\s,.!;])(?:${pack.nameCues.weak.map(escapeForPattern).join('|')})\\s+${NAME_RUN}`, 'iu')),
]);

/** Words that follow "I'm" without being a name, and words that end a name ("Ana from Lisbon"). */
const NOT_NAMES = new Set(
  (
    'a an the not no yes so very really just also still here there from in at on with and or but interested looking trying wondering going ' +
    'curious new ready happy glad keen excited sure good fine ok okay well thinking hoping planning currently working running writing ' +
    'doing making building a affiliate blogger creator influencer youtuber streamer marketer publisher student partner member customer ' +
    'user owner founder interested applying asking calling contacting reaching back again sorry afraid unsure confused lost able ' +
    'about into over under up down out off for to of by is are was be been being it this that these those my your our their his her ' +
    'what who where when why how which hi hello hey thanks thank please cancel stop skip help email mail website site channel ' +
    'instagram youtube tiktok blog newsletter agree disagree nope nah yeah yep sure maybe ' +
    // What follows "ich bin", "soy", "je suis" when it is not a name.
    'auf bei nicht kein keine ein eine einen neu hier interessiert blogger creator youtuberin bloggerin ' +
    'en un una muy nuevo nueva interesado interesada de del creador creadora bloguera bloguero ' +
    'sur une pas tres nouveau nouvelle interesse interessee sur createur creatrice blogueur blogueuse'
  ).split(/\s+/),
);
const NAME_STOPPERS = new Set([
  'from', 'and', 'with', 'at', 'in', 'of', 'my', 'i', 'email', 'here', 'the', 'a', 'an', 'on', 'but', 'who', 'living', 'based', 'running', 'and',
  'und', 'aus', 'mit', 'ich', 'meine', 'y', 'de', 'con', 'soy', 'mi', 'et', 'je', 'avec', 'mon', 'ma',
]);

function tidy(name: string): string {
  const trimmed = name.trim().replace(/[.’'-]+$/, '');
  // "ana silva" and "ANA SILVA" → "Ana Silva"; mixed capitals are kept ("McDonald", "da Silva").
  const oneCase = trimmed === trimmed.toLowerCase() || (trimmed === trimmed.toUpperCase() && trimmed.length > 3);
  if (!oneCase) return trimmed;
  return trimmed.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_all, separator: string, letter: string) => separator + letter.toUpperCase());
}

function cutAtStopper(run: string): string | null {
  const kept: string[] = [];
  for (const word of run.split(/\s+/)) {
    if (NAME_STOPPERS.has(word.toLowerCase())) break;
    kept.push(word);
  }
  if (kept.length === 0) return null;
  if (NOT_NAMES.has(kept[0].toLowerCase())) return null;
  return tidy(kept.join(' '));
}

/** A name given with a cue anywhere in a message, or null. */
export function findName(text: string): string | null {
  for (const cue of strongCues()) {
    const match = cue.exec(text);
    if (match) {
      const name = cutAtStopper(match[1]);
      if (name) return name;
    }
  }
  for (const cue of weakCues()) {
    const match = cue.exec(text);
    if (!match) continue;
    const name = cutAtStopper(match[1]);
    // After a weak cue a lower-case word is usually a description ("i'm new"), unless the visitor types
    // everything in lower case.
    if (name && (/^\p{Lu}/u.test(match[1]) || text === text.toLowerCase())) return name;
  }
  return null;
}

/**
 * The answer to "What is your name?": a cue phrase, or the whole reply when it is one to four
 * words that look like a name.
 */
export function parseName(text: string): string | null {
  const cued = findName(text);
  if (cued) return cued;
  // "Ana, ana@site.com" and "Ana from Lisbon": the name is the first part when the rest is something else.
  const firstPart = text.split(/[,;\n]/)[0].trim();
  const words = firstPart.split(/\s+/);
  const stop = words.findIndex((word, index) => index > 0 && NAME_STOPPERS.has(word.toLowerCase()));
  return parseBareName(stop > 0 ? words.slice(0, stop).join(' ') : firstPart);
}

function parseBareName(text: string): string | null {
  const bare = text.trim().replace(/[.!]+$/, '');
  if (/[?@\d:/]/.test(bare)) return null;
  const parts = bare.split(/\s+/);
  if (parts.length === 0 || parts.length > 4) return null;
  if (!new RegExp(`^${NAME_WORD}$`, 'u').test(parts[0]) || parts.some((part) => !new RegExp(`^${NAME_WORD},?$`, 'u').test(part))) return null;
  if (parts.some((part) => NOT_NAMES.has(part.toLowerCase().replace(/,$/, '')))) return null;
  return tidy(bare.replace(/,/g, ''));
}
