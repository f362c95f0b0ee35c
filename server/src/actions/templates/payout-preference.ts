import type { ActionDefinitionInput } from '../../contract/action-definition';

export const payoutPreferenceTemplate: ActionDefinitionInput = {
  key: 'payout-preference',
  name: 'Payout preference',
  description: 'Use when an affiliate wants to tell us or change how they would like to be paid (PayPal, bank transfer or store credit) and the email for payouts.',
  examplePhrases: ['How do I get paid?', 'I want to change my payout method', 'set my PayPal email for commissions', 'update payment details'],
  fields: [
    { key: 'email', label: 'Affiliate account email', type: 'email', required: true, question: 'What is the email address of your affiliate account?' },
    {
      key: 'payout_method',
      label: 'Payout method',
      type: 'enum',
      required: true,
      question: 'How would you like to be paid: PayPal, bank transfer or store credit?',
      options: [
        { value: 'paypal', label: 'PayPal', synonyms: ['pay pal', 'pp'] },
        { value: 'bank_transfer', label: 'Bank transfer', synonyms: ['bank', 'wire', 'iban', 'direct deposit'] },
        { value: 'store_credit', label: 'Store credit', synonyms: ['credit', 'gift card', 'voucher'] },
      ],
    },
    { key: 'payout_email', label: 'Payout email (PayPal)', type: 'email', required: false, question: 'Which email should payouts go to? (for PayPal; say skip otherwise)' },
  ],
  confirmation: { required: true, intro: 'Please check your payout preference:' },
  touchesExistingAffiliate: true,
  verifyEmail: true,
  qualification: { rules: [], thresholds: [], defaultRoute: 'standard' },
  steps: [{ id: 'notify', type: 'notify_manager', label: 'Tell the affiliate manager', config: { recipients: [] } }],
  completionMessage: 'Thanks! Your request is with the affiliate team: they check it with the account owner before anything changes.',
};
