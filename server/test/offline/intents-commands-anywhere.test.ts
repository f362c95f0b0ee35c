import { ACTION_TEMPLATES } from '../../src/actions/templates';
import { offlineTurn, type OfflineEvent, type OfflineSessionState } from '../../src/runtime/offline';
import { detectCommand } from '../../src/runtime/offline/commands';

const actions = [
  { actionId: 'act_affiliate', version: 1, definition: ACTION_TEMPLATES['affiliate-application'] },
  { actionId: 'act_payout', version: 1, definition: ACTION_TEMPLATES['payout-preference'] },
];

function converse(messages: string[]) {
  let state: OfflineSessionState | null = null;
  let events: OfflineEvent[] = [];
  for (const message of messages) ({ state, events } = offlineTurn(state, message, actions));
  return { state: state!, events };
}
const asked = (events: OfflineEvent[]) => events.filter((event) => event.type === 'field-request').map((event) => (event.type === 'field-request' ? event.field.key : ''));

describe('application intent, broader', () => {
  it.each([
    "Can I partner with you? I'm on tiktok",
    "I'd like to collaborate",
    'can we work together?',
    "I'm on tiktok",
    'I run a food blog with about 20k readers',
    'I wanna aply',
    'how do i becme an afiliate',
    'what are the steps to join?',
  ])('"%s" starts the application', (message) => {
    expect(converse([message]).state.action?.actionKey).toBe('affiliate-application');
  });

  it('keeps what the opening message said', () => {
    const { state } = converse(["Can I partner with you? I'm on tiktok"]);
    expect(state.values.platform).toBe('tiktok');
  });

  it.each([
    'Do you offer a signup bonus for new affiliates?',
    'What is the commission for affiliates?',
    'Is there a partner dashboard?',
    'How long does the cookie last?',
  ])('"%s" is answered, not taken as an application', (message) => {
    const { state, events } = converse([message]);
    expect(state.phase).toBe('idle');
    expect(events).toEqual([{ type: 'question', text: message }]);
  });

  it('answers a question mid-application first, then asks the field again', () => {
    const { state, events } = converse(['I want to become an affiliate', 'Do you offer a signup bonus for new affiliates?']);
    expect(events[0]).toEqual({ type: 'question', text: 'Do you offer a signup bonus for new affiliates?' });
    expect(asked(events)).toEqual(['name']);
    expect(state.values).toEqual({});
  });
});

describe('commands anywhere in a flow', () => {
  it.each([
    ['cancel, never mind', 'cancel'],
    ['never mind, cancel that', 'cancel'],
    ["ok let's stop here", 'cancel'],
    ['scratch that', 'cancel'],
    ['start over please', 'restart'],
    ['skip this one', 'skip'],
    ['go back', 'edit'],
    ['change my email', 'edit'],
    ['I want to change my email', 'edit'],
  ])('"%s" is the %s command', (message, command) => {
    expect(detectCommand(message)).toBe(command);
  });

  it.each(['I want to change my email to ana@new.com', 'my platform is not tiktok, stop asking', 'I stopped using YouTube'])('"%s" is not a bare command', (message) => {
    expect(detectCommand(message)).toBeNull();
  });

  it('"cancel, never mind" at the email question cancels instead of being refused as an email', () => {
    const { state, events } = converse(['I want to become an affiliate', 'Ana Silva', 'cancel, never mind']);
    expect(state.phase).toBe('idle');
    expect(events.some((event) => event.type === 'cancelled')).toBe(true);
  });

  it('"change my email" while collecting asks the email again', () => {
    const { state, events } = converse(['I want to become an affiliate', 'Ana Silva', 'ana@site.com', 'change my email']);
    expect(asked(events)).toEqual(['email']);
    expect(state.pendingFieldKey).toBe('email');
  });
});
