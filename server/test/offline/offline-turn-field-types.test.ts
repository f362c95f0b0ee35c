import { actionDefinitionSchema } from '../../src/contract/action-definition';
import { offlineTurn, type OfflineAction, type OfflineEvent, type OfflineSessionState } from '../../src/runtime/offline';

/** An action using every other field type and validation rule, to show the engine is not tied to the template. */
const callback: OfflineAction = {
  actionId: 'act_callback',
  version: 1,
  definition: actionDefinitionSchema.parse({
    key: 'request-callback',
    name: 'Callback request',
    description: 'Use when the visitor wants the partnerships team to call them back by phone.',
    examplePhrases: ['please call me back', 'can someone phone me', 'I want a callback'],
    fields: [
      { key: 'company', label: 'Company', type: 'text', question: 'Which company are you with?', validation: { minLength: 2, maxLength: 60 } },
      { key: 'phone', label: 'Phone number', type: 'phone', question: 'What number should we call?' },
      { key: 'country', label: 'Country code', type: 'text', question: 'Which country are you in (two letters, e.g. PT)?', validation: { pattern: '^[A-Z]{2}$', patternMessage: 'use two capital letters such as PT' } },
      { key: 'budget', label: 'Monthly budget', type: 'number', question: 'What is your monthly marketing budget in euros?', validation: { min: 100 } },
      { key: 'urgent', label: 'Urgent', type: 'boolean', required: false, question: 'Is it urgent? (yes/no, optional)' },
    ],
    confirmation: { required: true },
  }),
};

function converse(messages: string[]) {
  let state: OfflineSessionState | null = null;
  const turns: OfflineEvent[][] = [];
  for (const message of messages) {
    const result = offlineTurn(state, message, [callback]);
    state = JSON.parse(JSON.stringify(result.state)) as OfflineSessionState;
    turns.push(result.events);
  }
  return { turns, state: state! };
}

const texts = (events: OfflineEvent[]) => events.flatMap((event) => (event.type === 'text' ? [event.text] : []));
const asked = (events: OfflineEvent[]) => events.flatMap((event) => (event.type === 'field-request' ? [event.field.key] : []));

describe('the offline engine with phone, pattern, minimum and yes/no fields', () => {
  test('each rule is enforced with its own message, then the request is submitted', () => {
    const { turns } = converse([
      'please call me back',
      'Acme Corp',
      '12',
      '+351 912 345 678',
      'Portugal',
      'PT',
      '50',
      'about 2k',
      'yes',
      'yes',
    ]);
    expect(asked(turns[0])).toEqual(['company']);
    expect(texts(turns[2])).toEqual(['Phone number must be a phone number with 7 to 15 digits, such as +1 555 123 4567. Could you try again?']);
    expect(texts(turns[4])).toEqual(['Country code is not valid: use two capital letters such as PT. Could you try again?']);
    expect(texts(turns[6])).toEqual(['Monthly budget must be at least 100. Could you try again?']);
    expect(asked(turns[7])).toEqual(['urgent']);
    const submit = turns[9].find((event) => event.type === 'submit');
    expect(submit).toEqual({
      type: 'submit',
      actionKey: 'request-callback',
      actionId: 'act_callback',
      version: 1,
      values: { company: 'Acme Corp', phone: '+351912345678', country: 'PT', budget: 2000, urgent: true },
    });
  });

  test('a free-text answer that is a question is answered, not stored', () => {
    const { turns, state } = converse(['please call me back', 'why do you need my company?']);
    expect(turns[1][0]).toEqual({ type: 'question', text: 'why do you need my company?' });
    expect(state.values).toEqual({});
  });

  test('an optional yes/no field can be skipped', () => {
    const { turns, state } = converse(['please call me back', 'Acme', '555 123 4567', 'PT', '500', 'skip']);
    expect(texts(turns[5])).toEqual(["Okay, I'll leave the urgent out."]);
    expect(state.phase).toBe('confirming');
  });
});
