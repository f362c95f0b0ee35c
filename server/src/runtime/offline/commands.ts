import { normaliseText } from '../../actions/field-parsers/text-normalise';
import { packPhrases, perActivePacks } from '../../actions/field-parsers/language-packs';

/**
 * Conversation commands that steer the session rather than answer a field. A command must be
 * the gist of the message, so "stop" inside a longer sentence about something else is not one.
 */
export type OfflineCommand = 'cancel' | 'restart' | 'skip' | 'edit';

const POLITE = '(?:ok |okay |oh |hmm |um |actually |wait |sorry |please |no |nah )*';
const TAIL = '(?: it| this| that| this one| that one| this question| that question| the application| the form| everything| here| for now| please| now| thanks| thank you| anyway)*';

const COMMANDS: Array<{ command: OfflineCommand; pattern: RegExp }> = [
  {
    command: 'restart',
    pattern: new RegExp(`^${POLITE}(?:(?:lets |can we |can i |i want to |id like to |i would like to |i need to )?(?:start over|start again|restart|begin again|start from scratch|from scratch|start afresh|reset|redo|do it again|start from the beginning))${TAIL}$`),
  },
  {
    command: 'cancel',
    pattern: new RegExp(
      `^${POLITE}(?:(?:i want to |id like to |i would like to |can i |can you |please |lets |let s |i need to )?(?:cancel|stop|quit|abort|exit|end|drop)${TAIL}|never ?mind|forget (?:it|about it|this)|i changed my mind|changed my mind|i dont want to (?:apply|continue|do this)(?: anymore)?|not interested(?: anymore)?|im not interested(?: anymore)?|no longer interested|scratch that|forget that)${TAIL}$`,
    ),
  },
  {
    command: 'skip',
    pattern: new RegExp(
      `^${POLITE}(?:skip|pass|next|n a|na|none|no thanks|nothing|dont have one|i dont have one|i dont have any|i do not have one|not applicable|prefer not to say|id rather not say|rather not say|leave it blank|leave blank|no link|no website|i dont have a website|i dont have a link|not yet|-)${TAIL}$`,
    ),
  },
  {
    command: 'edit',
    pattern: new RegExp(
      `^${POLITE}(?:(?:i (?:want|need|would like) to |can i |could i |let me |id like to |lets )?(?:edit|change|fix|modify|correct|update|go back)(?: (?:something|it|that|a field|one thing|some details|my answers?|the details|to the previous question|one step|(?:my|the) [a-z]+(?: address| name| size| source| link)?))?)${TAIL}$|^(?:something|one thing) is wrong$|^(?:thats|that is) (?:not right|wrong|incorrect)$`,
    ),
  },
];

const packCommands = perActivePacks((): Array<{ command: OfflineCommand; phrases: string[] }> => {
  const phrases = packPhrases();
  return [
    { command: 'restart', phrases: phrases.restart },
    { command: 'cancel', phrases: phrases.cancel },
    { command: 'skip', phrases: phrases.skip },
    { command: 'edit', phrases: phrases.edit },
  ];
});

/** "abbrechen bitte", "por favor cancela": a language pack's command with politeness around it, and nothing else. */
function packCommandOf(normal: string): OfflineCommand | null {
  // Whole first: "nein danke" is a command although "danke" alone is politeness.
  const commands = packCommands();
  for (const { command, phrases } of commands) if (phrases.includes(normal)) return command;
  let core = ` ${normal} `;
  for (const filler of packPhrases().fillers) core = core.split(` ${filler} `).join(' ');
  core = core.trim();
  for (const { command, phrases } of commands) if (phrases.includes(core)) return command;
  return null;
}

function commandOf(normal: string): OfflineCommand | null {
  for (const { command, pattern } of COMMANDS) if (pattern.test(normal)) return command;
  return packCommandOf(normal);
}

/** Words around a command that add nothing ("ok", "sorry", "thanks"). */
const FILLER = /^(?:ok|okay|oh|hmm|um|sorry|please|thanks|thank you|actually|wait|no|nah|hey|sigh|ugh)$/;

export function detectCommand(text: string): OfflineCommand | null {
  const normal = normaliseText(text);
  if (normal === '' && /^\s*-\s*$/.test(text)) return 'skip';
  const whole = commandOf(normal);
  if (whole) return whole;
  // "cancel, never mind" / "ok stop. thanks": a short message made only of commands and filler.
  const clauses = text.split(/[,.!;\n]+|\s[-–—]\s/).map(normaliseText).filter((clause) => clause !== '');
  if (clauses.length < 2 || normal.split(' ').length > 10) return null;
  const commands = clauses.map(commandOf);
  if (!clauses.every((clause, index) => commands[index] !== null || FILLER.test(clause))) return null;
  return commands.find((command) => command !== null) ?? null;
}

export { looksLikeQuestion, startsLikeQuestion } from '../../actions/field-parsers/question';
