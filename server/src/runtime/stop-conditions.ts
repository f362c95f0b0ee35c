/**
 * Why a turn stops early. A turn always ends with something the visitor can read; the reason is
 * logged so misbehaving models can be spotted.
 */
export interface TurnLimits {
  /** Model calls in one turn. */
  maxSteps: number;
  /** Unknown tools or malformed arguments tolerated in one turn before giving up. */
  maxMisbehaviours: number;
}

export const DEFAULT_TURN_LIMITS: TurnLimits = { maxSteps: 6, maxMisbehaviours: 2 };

export type StopReason = 'answered' | 'awaiting-confirmation' | 'action-completed' | 'step-limit' | 'model-misbehaved' | 'empty-answer';

export function stepLimitReached(stepsTaken: number, limits: TurnLimits): boolean {
  return stepsTaken >= limits.maxSteps;
}

export function tooManyMisbehaviours(count: number, limits: TurnLimits): boolean {
  return count >= limits.maxMisbehaviours;
}

export const GRACEFUL_STOP_MESSAGE: Record<'step-limit' | 'model-misbehaved' | 'empty-answer', string> = {
  'step-limit': "Sorry, I couldn't finish that just now. Could you tell me again what you need, in a few words?",
  'model-misbehaved': 'Sorry, something went wrong on my side. Could you rephrase that, or tell me the detail again?',
  'empty-answer': 'Sorry, I did not catch that. Could you say it another way?',
};
