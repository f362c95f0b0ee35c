import { actionDefinitionSchema } from '../../src/actions/action-definition';
import { ACTION_TEMPLATES } from '../../src/actions/templates';
import { completionText, offlineTurn, type OfflineAction, type OfflineEvent, type OfflineSessionState } from '../../src/runtime/offline';

const affiliateAction: OfflineAction = { actionId: 'act_affiliate', version: 3, definition: ACTION_TEMPLATES['affiliate-application'] };
const payoutAction: OfflineAction = { actionId: 'act_payout', version: 1, definition: ACTION_TEMPLATES['payout-preference'] };
const actions = [affiliateAction, payoutAction];

/** Runs a conversation turn by turn, storing the state as JSON in between like the conversation store does. */
function converse(messages: string[], available: OfflineAction[] = actions, start: OfflineSessionState | null = null) {
  let stored = start === null ? null : JSON.stringify(start);
  const turns: Array<{ message: string; events: OfflineEvent[]; state: OfflineSessionState }> = [];
  for (const message of messages) {
    const result = offlineTurn(stored === null ? null : (JSON.parse(stored) as OfflineSessionState), message, available);
    stored = JSON.stringify(result.state);
    turns.push({ message, events: result.events, state: JSON.parse(stored) as OfflineSessionState });
  }
  const last = turns[turns.length - 1];
  return { turns, last, state: last.state, events: last.events };
}

const asked = (events: OfflineEvent[]) => events.filter((event) => event.type === 'field-request').map((event) => (event.type === 'field-request' ? event.field.key : ''));
const texts = (events: OfflineEvent[]) => events.filter((event) => event.type === 'text').map((event) => (event.type === 'text' ? event.text : ''));
const submitted = (events: OfflineEvent[]) => events.find((event) => event.type === 'submit');
const summaryOf = (events: OfflineEvent[]) => {
  const confirmation = events.find((event) => event.type === 'confirmation-request');
  return confirmation?.type === 'confirmation-request' ? Object.fromEntries(confirmation.summary.map((line) => [line.key, line.value])) : null;
};

const COMPLETE_APPLICATION = [
  'I want to become an affiliate',
  'Ana Silva',
  'ana@site.com',
  'YouTube',
  'about 40k',
  'organic content',
  'youtube.com/@anacooks',
  'yes',
];

describe('the offline engine runs one action session as a conversation', () => {
  test('a visitor completes the affiliate application from the built-in template, one question at a time', () => {
    const { turns } = converse([...COMPLETE_APPLICATION, 'yes']);
    expect(turns.map((turn) => asked(turn.events)[0] ?? null)).toEqual([
      'name', 'email', 'platform', 'audience_size', 'traffic_source', 'website', 'consent', null, null,
    ]);
    expect(texts(turns[0].events)).toEqual(['Sure, I can help with the affiliate application.']);
    expect(summaryOf(turns[7].events)).toEqual({
      name: 'Ana Silva',
      email: 'ana@site.com',
      platform: 'YouTube',
      audience_size: '40,000',
      traffic_source: 'Organic social content',
      website: 'https://youtube.com/@anacooks',
      consent: 'Agreed',
    });
    expect(turns[7].events.find((event) => event.type === 'confirmation-request')).toMatchObject({
      title: 'Affiliate application',
      intro: 'Here is your application. Shall I submit it?',
    });
    expect(submitted(turns[8].events)).toEqual({
      type: 'submit',
      actionKey: 'affiliate-application',
      actionId: 'act_affiliate',
      version: 3,
      values: {
        name: 'Ana Silva',
        email: 'ana@site.com',
        platform: 'youtube',
        audience_size: 40000,
        traffic_source: 'organic_social',
        website: 'https://youtube.com/@anacooks',
        consent: true,
      },
    });
    expect(turns[8].state).toMatchObject({ phase: 'idle', action: null, values: {}, submittedActionKeys: ['affiliate-application'] });
  });

  test('the completion message fills its merge tags from the submitted values', () => {
    const { events } = converse([...COMPLETE_APPLICATION, 'yes']);
    const submit = submitted(events);
    expect(submit?.type === 'submit' && completionText(affiliateAction.definition, submit.values)).toBe(
      'Thanks Ana Silva! Your application is in. We will email you at ana@site.com once it has been reviewed.',
    );
  });

  test('when the visitor gives an invalid email, the engine says why, asks again and stores nothing until it is valid', () => {
    const { turns } = converse(['I want to become an affiliate', 'Ana', 'ana@site', 'ana@site.com']);
    expect(texts(turns[2].events)).toEqual(['Email must be an email address such as ana@example.com. Could you try again?']);
    expect(asked(turns[2].events)).toEqual(['email']);
    expect(turns[2].state.values).toEqual({ name: 'Ana' });
    expect(turns[3].state.values).toEqual({ name: 'Ana', email: 'ana@site.com' });
    expect(asked(turns[3].events)).toEqual(['platform']);
  });

  test('an answer that is not an option is asked again with the options', () => {
    const { events, state } = converse(['I want to become an affiliate', 'Ana', 'ana@site.com', 'carrier pigeons']);
    expect(texts(events)).toEqual(['Sorry, I didn\'t catch that. Please pick one of: YouTube, Instagram, TikTok, Blog or website, Newsletter, Podcast, Facebook, X (Twitter), Twitch, LinkedIn, Pinterest or Other.']);
    expect(state.pendingFieldKey).toBe('platform');
  });

  test('when the visitor refuses consent, nothing is submitted and they are told why; agreeing later continues', () => {
    const refused = converse(['I want to become an affiliate', 'Ana', 'ana@site.com', 'blog', '5000', 'SEO', 'skip', 'no']);
    expect(texts(refused.events)).toEqual([
      'Understood. I can\'t submit the affiliate application without your agreement, so nothing has been sent. If you change your mind, just say "I agree"; or say "cancel" to stop.',
    ]);
    expect(refused.events.some((event) => event.type === 'submit' || event.type === 'confirmation-request')).toBe(false);
    expect(refused.state.values.consent).toBeUndefined();
    const agreed = converse(['I agree'], actions, refused.state);
    expect(summaryOf(agreed.events)).toMatchObject({ consent: 'Agreed' });
    const cancelled = converse(['cancel'], actions, refused.state);
    expect(cancelled.events[0]).toEqual({ type: 'cancelled', actionKey: 'affiliate-application' });
  });

  test('one message can fill several fields, and only the rest is asked', () => {
    const { turns } = converse(["Hi! I'm Ana, ana@site.com, I run a YouTube channel with 40k subscribers and I'd like to join your affiliate program"]);
    expect(turns[0].state.values).toEqual({ name: 'Ana', email: 'ana@site.com', platform: 'youtube', audience_size: 40000 });
    expect(texts(turns[0].events)).toEqual(['Sure, I can help with the affiliate application.', "I've noted your name, email, main platform and audience size."]);
    expect(asked(turns[0].events)).toEqual(['traffic_source']);
  });

  test('a correction mid-flow replaces the earlier value, is confirmed back, and the pending question is asked again', () => {
    const { events, state } = converse(['I want to become an affiliate', 'Ana', 'ana@site.com', 'actually my email is ana.silva@site.com']);
    expect(texts(events)).toEqual(["Thanks, I've updated your email to ana.silva@site.com."]);
    expect(asked(events)).toEqual(['platform']);
    expect(state.values.email).toBe('ana.silva@site.com');
  });

  test('a correction can come together with the answer to the current question', () => {
    const { events, state } = converse(['I want to become an affiliate', 'Ana', 'ana@site.com', 'TikTok, and change the name to Ana Silva']);
    expect(state.values).toMatchObject({ name: 'Ana Silva', platform: 'tiktok' });
    expect(asked(events)).toEqual(['audience_size']);
  });

  test('a program question in the middle of the application is handed to the caller and the field is asked again', () => {
    const { events, state } = converse(['I want to become an affiliate', 'Ana', 'What is the commission rate?']);
    expect(events).toEqual([
      { type: 'question', text: 'What is the commission rate?' },
      expect.objectContaining({ type: 'field-request', field: expect.objectContaining({ key: 'email', question: 'What email address should we use for your affiliate account?' }) }),
    ]);
    expect(state.values).toEqual({ name: 'Ana' });
    expect(state.pendingFieldKey).toBe('email');
  });

  test('a question about the options is answered rather than taken as a choice', () => {
    const { events, state } = converse(['I want to become an affiliate', 'Ana', 'ana@site.com', 'do you accept podcasts?']);
    expect(events[0]).toEqual({ type: 'question', text: 'do you accept podcasts?' });
    expect(asked(events)).toEqual(['platform']);
    expect(state.values.platform).toBeUndefined();
    expect(converse(['YouTube?'], actions, state).state.values.platform).toBe('youtube');
  });

  test('a question asked instead of a name is not stored as the name', () => {
    const { events, state } = converse(['I want to become an affiliate', 'how long does the cookie last?']);
    expect(events[0]).toEqual({ type: 'question', text: 'how long does the cookie last?' });
    expect(state.values).toEqual({});
  });

  test('when the visitor declines the summary, the engine asks what to change, applies it and shows the summary again', () => {
    const declined = converse([...COMPLETE_APPLICATION, 'no']);
    expect(texts(declined.events)[0]).toContain('What would you like to change');
    expect(declined.state.phase).toBe('choosing-edit');
    const named = converse(['the email'], actions, declined.state);
    expect(asked(named.events)).toEqual(['email']);
    const answered = converse(['ana.new@site.com'], actions, named.state);
    expect(summaryOf(answered.events)).toMatchObject({ email: 'ana.new@site.com' });
    const confirmed = converse(['yes'], actions, answered.state);
    expect(submitted(confirmed.events)).toMatchObject({ values: expect.objectContaining({ email: 'ana.new@site.com' }) });
  });

  test('a change given at the summary is applied before anything is submitted', () => {
    const { turns } = converse([...COMPLETE_APPLICATION, 'change the platform to TikTok', 'yes']);
    expect(submitted(turns[8].events)).toBeUndefined();
    expect(summaryOf(turns[8].events)).toMatchObject({ platform: 'TikTok' });
    expect(submitted(turns[9].events)).toMatchObject({ values: expect.objectContaining({ platform: 'tiktok' }) });
  });

  test('a number with a thousands separator corrects the summary in full', () => {
    const { events } = converse([...COMPLETE_APPLICATION, 'wait, the audience is actually 2,500']);
    expect(texts(events)).toEqual(["Thanks, I've updated your audience size to 2,500."]);
    expect(summaryOf(events)).toMatchObject({ audience_size: '2,500' });
  });

  test('after declining, "nothing, it\'s fine" shows the unchanged summary again', () => {
    const { events, state } = converse([...COMPLETE_APPLICATION, 'nope', "nothing, it's fine"]);
    expect(summaryOf(events)).toMatchObject({ email: 'ana@site.com' });
    expect(state.phase).toBe('confirming');
  });

  test('answers written the way people talk are understood', () => {
    const { state } = converse(["I'd like to join the affiliate program", 'my name is Lee', 'lee at example dot com', 'Tik tok', 'twenty thousand', 'coupon sites', 'no website', 'yes']);
    expect(state.values).toEqual({ name: 'Lee', email: 'lee@example.com', platform: 'tiktok', audience_size: 20000, traffic_source: 'coupons', consent: true });
    expect(state.skipped).toEqual(['website']);
  });

  test.each([
    ['yes, the email is fine', 'submit'],
    ['yes my email is right', 'submit'],
    ['looks good, submit', 'submit'],
    ['yes but change the email', 'email'],
    ['the email is wrong', 'email'],
  ])('at the summary, %j leads to %s', (reply, outcome) => {
    const { events } = converse([...COMPLETE_APPLICATION, reply]);
    if (outcome === 'submit') expect(submitted(events)).toMatchObject({ values: expect.objectContaining({ email: 'ana@site.com', traffic_source: 'organic_social' }) });
    else {
      expect(submitted(events)).toBeUndefined();
      expect(asked(events)).toEqual([outcome]);
    }
  });

  test('an unclear reply to the summary submits nothing and asks for yes or a change', () => {
    const { events } = converse([...COMPLETE_APPLICATION, 'hmm']);
    expect(texts(events)).toEqual(['Please reply "yes" to submit, or tell me what to change.']);
    expect(submitted(events)).toBeUndefined();
    expect(summaryOf(events)).not.toBeNull();
  });

  test('cancel ends the session, says nothing was sent, and the next request starts fresh', () => {
    const { turns } = converse(['I want to become an affiliate', 'Ana', 'cancel', 'I want to become an affiliate']);
    expect(turns[2].events).toEqual([
      { type: 'cancelled', actionKey: 'affiliate-application' },
      { type: 'text', text: "Okay, I've cancelled the affiliate application; nothing was sent. Is there anything else I can help with?" },
    ]);
    expect(turns[2].state).toMatchObject({ phase: 'idle', values: {} });
    expect(asked(turns[3].events)).toEqual(['name']);
  });

  test('start over clears the answers and asks the first question again', () => {
    const { events, state } = converse(['I want to become an affiliate', 'Ana', 'ana@site.com', 'start over']);
    expect(texts(events)).toEqual(["No problem, let's start over."]);
    expect(asked(events)).toEqual(['name']);
    expect(state.values).toEqual({});
  });

  test('an optional field can be skipped, a required one cannot', () => {
    const required = converse(['I want to become an affiliate', 'skip']);
    expect(texts(required.events)).toEqual(['I need your name to continue (or say "cancel" to stop).']);
    expect(asked(required.events)).toEqual(['name']);
    const optional = converse(['I want to become an affiliate', 'Ana', 'ana@site.com', 'blog', '5000', 'SEO', "I don't have one"]);
    expect(texts(optional.events)).toEqual(["Okay, I'll leave the website or profile out."]);
    expect(asked(optional.events)).toEqual(['consent']);
    expect(optional.state.skipped).toEqual(['website']);
  });

  test('asking for another action mid-application keeps the current one and says how to switch', () => {
    const { events, state } = converse(['I want to become an affiliate', 'Ana', 'I want to change my payout method']);
    expect(texts(events)).toEqual([
      'We\'re in the middle of your affiliate application. Let\'s finish it first; or say "cancel" to stop it, and then ask me about the payout preference.',
    ]);
    expect(asked(events)).toEqual(['email']);
    expect(state.action?.actionKey).toBe('affiliate-application');
  });

  test('"none yet" answers a required number question with 0 instead of trying to skip it', () => {
    const { state } = converse(['I want to become an affiliate', 'Ana', 'ana@site.com', 'blog', 'none yet']);
    expect(state.values.audience_size).toBe(0);
    expect(state.pendingFieldKey).toBe('traffic_source');
  });

  test('messages that are not about an action go to the caller as questions', () => {
    const { events, state } = converse(['What is the commission rate?']);
    expect(events).toEqual([{ type: 'question', text: 'What is the commission rate?' }]);
    expect(state.phase).toBe('idle');
  });

  test('an action without confirmation submits as soon as the last field is answered', () => {
    const definition = actionDefinitionSchema.parse({
      key: 'newsletter-signup',
      name: 'Newsletter signup',
      description: 'Use when the visitor wants to subscribe to the affiliate newsletter.',
      examplePhrases: ['subscribe me to the newsletter'],
      fields: [{ key: 'email', label: 'Email', type: 'email', question: 'Which email should get the newsletter?' }],
      confirmation: { required: false },
    });
    const { events } = converse(['subscribe me to the newsletter', 'ana@site.com'], [{ actionId: 'act_news', version: 1, definition }]);
    expect(submitted(events)).toEqual({ type: 'submit', actionKey: 'newsletter-signup', actionId: 'act_news', version: 1, values: { email: 'ana@site.com' } });
  });

  test('a session whose action was unpublished ends cleanly', () => {
    const started = converse(['I want to become an affiliate', 'Ana']);
    const { events, state } = converse(['ana@site.com'], [payoutAction], started.state);
    expect(events[0]).toEqual({ type: 'cancelled', actionKey: 'affiliate-application' });
    expect(state.phase).toBe('idle');
  });

  test('the payout preference template works the same way, with its optional second email', () => {
    const { turns } = converse(['I want to change my payout method', 'ana@site.com', 'paypal', 'pay@ana.com', 'yes']);
    expect(asked(turns[0].events)).toEqual(['email']);
    expect(asked(turns[2].events)).toEqual(['payout_email']);
    expect(submitted(turns[4].events)).toMatchObject({ values: { email: 'ana@site.com', payout_method: 'paypal', payout_email: 'pay@ana.com' } });
  });
});

describe('a visitor who volunteers their details without saying why', () => {
  it('starts the application with every detail of the issue example, and asks only for the rest', () => {
    const { state, events } = offlineTurn(null, "I'm Ana, ana@site.com, I run a YouTube channel with 40k subscribers", actions);
    expect(state.action?.actionKey).toBe('affiliate-application');
    expect(state.values).toEqual({ name: 'Ana', email: 'ana@site.com', platform: 'youtube', audience_size: 40000 });
    expect(asked(events)).toEqual(['traffic_source']);
  });

  it('reads the platform from "a YouTube channel" while the name is being asked', () => {
    const first = offlineTurn(null, 'I want to become an affiliate', actions);
    const { state } = offlineTurn(first.state, "I'm Ana Lima, ana@creator.example, I run a YouTube channel with 150k subscribers", actions);
    expect(state.values).toMatchObject({ name: 'Ana Lima', email: 'ana@creator.example', platform: 'youtube', audience_size: 150000 });
  });

  it('still treats a question that mentions an email as a question', () => {
    const { state, events } = offlineTurn(null, 'Can I use ana@site.com for my YouTube channel with 40k subscribers?', actions);
    expect(state.action).toBeNull();
    expect(events).toEqual([{ type: 'question', text: 'Can I use ana@site.com for my YouTube channel with 40k subscribers?' }]);
  });
});
