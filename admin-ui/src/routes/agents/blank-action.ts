import { __ } from '@wordpress/i18n';
import type { ActionDefinition } from './types';

/** The smallest definition the service accepts, so "blank" still saves and the builder can grow it. */
export function blankAction(key: string): ActionDefinition {
  return {
    key,
    name: __('New action', 'affiliate-agent'),
    description: __('Use when the visitor asks to be contacted by the team.', 'affiliate-agent'),
    examplePhrases: [],
    fields: [{ key: 'email', label: __('Email', 'affiliate-agent'), type: 'email', required: true, question: __('What email address can we reach you at?', 'affiliate-agent'), validation: {} }],
    confirmation: { required: true },
    qualification: { rules: [], thresholds: [], defaultRoute: 'standard' },
    steps: [],
    touchesExistingAffiliate: false,
    verifyEmail: false,
    completionMessage: __('Thanks! We have received your details.', 'affiliate-agent'),
  };
}
