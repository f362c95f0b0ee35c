import { renderTemplate } from '../../actions/render-template';
import type { StepHandler } from './step-handler';

/** A message the chat shows the visitor; nothing leaves the service, so the job is done when scheduled. */
export const replyStep: StepHandler<'reply'> = {
  type: 'reply',
  doneWhenScheduled: 'shown in the chat',
  preview: (config, { lead }) => ({ message: renderTemplate(config.message, { ...lead.fields, score: lead.score, route: lead.route }) }),
  execute: async () => ({ kind: 'succeeded', response: null }),
};
