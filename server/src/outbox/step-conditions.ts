import type { StepCondition } from '../contract/action-definition';
import type { Lead } from '../contract/lead-types';

/**
 * Whether a step's `when` holds for a lead (route, score range, any of some tags). The reason is
 * shown in the delivery ledger, so a manager sees why a step did not run.
 */
export function evaluateCondition(when: StepCondition, lead: Pick<Lead, 'route' | 'score' | 'tags'>): { met: true } | { met: false; reason: string } {
  if (!when) return { met: true };
  if (when.routes && when.routes.length > 0 && !when.routes.includes(lead.route)) {
    return { met: false, reason: `Skipped: the lead's route is ${lead.route}, and this step runs only for ${when.routes.join(', ')}.` };
  }
  if (when.minScore !== undefined && lead.score < when.minScore) {
    return { met: false, reason: `Skipped: the score ${lead.score} is below this step's minimum of ${when.minScore}.` };
  }
  if (when.maxScore !== undefined && lead.score > when.maxScore) {
    return { met: false, reason: `Skipped: the score ${lead.score} is above this step's maximum of ${when.maxScore}.` };
  }
  if (when.tagsAny && when.tagsAny.length > 0) {
    const tags = new Set(lead.tags.map((tag) => tag.toLowerCase()));
    if (!when.tagsAny.some((tag) => tags.has(tag.toLowerCase()))) {
      return { met: false, reason: `Skipped: the lead has none of the tags ${when.tagsAny.join(', ')}.` };
    }
  }
  return { met: true };
}
