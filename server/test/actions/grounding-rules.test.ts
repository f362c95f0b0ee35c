import { ACTION_TEMPLATES } from '../../src/actions/templates';
import { affirmedText, negatedSpans } from '../../src/actions/field-parsers/negation';
import { isVagueAmount, parseNumber } from '../../src/actions/field-parsers/number';
import { isGrounded, statesConsent } from '../../src/actions/value-grounding';
import { offlineTurn, type OfflineEvent, type OfflineSessionState } from '../../src/runtime/offline';

const definition = ACTION_TEMPLATES['affiliate-application'];
const field = (key: string) => definition.fields.find((candidate) => candidate.key === key)!;
const action = { actionId: 'act_affiliate', version: 1, definition };

function converse(messages: string[]) {
  let state: OfflineSessionState | null = null;
  let events: OfflineEvent[] = [];
  for (const message of messages) ({ state, events } = offlineTurn(state, message, [action]));
  return { state: state!, events };
}

describe('negation-aware reading', () => {
  it.each([
    ["I'm not on YouTube, I run a blog", 'YouTube', 'blog'],
    ["I don't have 40k, more like 4k", '40k', '4k'],
    ['TikTok instead of YouTube', 'YouTube', 'TikTok'],
    ['I use Instagram rather than TikTok', 'TikTok', 'Instagram'],
    ['I no longer do YouTube but Instagram', 'YouTube', 'Instagram'],
    ['No YouTube, just a blog', 'YouTube', 'blog'],
  ])('%s rules out %s and keeps %s', (text, negated, kept) => {
    const affirmed = affirmedText(text);
    expect(affirmed).not.toContain(negated);
    expect(affirmed).toContain(kept);
    expect(affirmed).toHaveLength(text.length);
  });

  it('leaves answers that only look negative alone', () => {
    expect(negatedSpans('no problem, youtube')).toEqual([]);
    expect(affirmedText('not only YouTube but TikTok')).toContain('YouTube');
  });

  it('never grounds a value the visitor ruled out, on the model path', () => {
    expect(isGrounded(field('platform'), 'youtube', "I'm not on YouTube, I run a blog")).toBe(false);
    expect(isGrounded(field('platform'), 'blog', "I'm not on YouTube, I run a blog")).toBe(true);
    expect(isGrounded(field('audience_size'), 40000, "I don't have 40k, more like 4k")).toBe(false);
    expect(isGrounded(field('audience_size'), 4000, "I don't have 40k, more like 4k")).toBe(true);
    expect(isGrounded(field('traffic_source'), 'organic_social', "I don't use organic social")).toBe(false);
  });

  it('reads the offline answer to the platform question affirmatively', () => {
    const { state } = converse(['I want to become an affiliate', 'Ana Silva', 'ana@site.com', "I'm not on YouTube, I run a blog"]);
    expect(state.values.platform).toBe('blog');
  });

  it('takes the corrected figure, not the negated one', () => {
    const { state } = converse(['I want to become an affiliate', 'Ana Silva', 'ana@site.com', 'YouTube', "I don't have 40k, more like 4k"]);
    expect(state.values.audience_size).toBe(4000);
  });
});

describe('approximate amounts and ranges', () => {
  it.each(['a few thousand listeners', 'lots', 'some', 'thousands of readers', 'a couple thousand', 'several hundred'])('"%s" is vague, not a number', (text) => {
    expect(parseNumber(text)).toBeNull();
    expect(isVagueAmount(text)).toBe(true);
  });

  it('is asked again with a hint on the offline engine, and nothing is stored', () => {
    const { state, events } = converse(['I want to become an affiliate', 'Ana Silva', 'ana@site.com', 'podcast', 'a few thousand listeners']);
    expect(state.values.audience_size).toBeUndefined();
    expect(state.pendingFieldKey).toBe('audience_size');
    expect(JSON.stringify(events)).toMatch(/rough figure such as 3,000/);
  });

  it('a vague amount grounds no figure on the model path', () => {
    expect(isGrounded(field('audience_size'), 1000, 'a few thousand listeners')).toBe(false);
    expect(isGrounded(field('audience_size'), 3000, 'a few thousand listeners')).toBe(false);
  });

  it.each([['2-5k', 2000], ['10 to 20 thousand', 10000], ['between 2,000 and 5,000', 2000], ['2k-5k', 2000]])('range %s reads as its lower bound %d', (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });

  it('applies the same range rule on the model path and in a sentence', () => {
    expect(isGrounded(field('audience_size'), 2000, 'somewhere in the 2-5k range')).toBe(true);
    expect(isGrounded(field('audience_size'), 2, 'somewhere in the 2-5k range')).toBe(false);
    const { state } = converse(['I want to become an affiliate', 'Ana Silva', 'ana@site.com', 'twitch', '2-5k']);
    expect(state.values.audience_size).toBe(2000);
  });
});

describe('consent', () => {
  it('is not taken from a yes about something else before the consent question', () => {
    const { state } = converse(['yes, I want to become an affiliate', 'Ana Silva', 'ana@site.com, YouTube, 40k, organic, yes']);
    expect(state.values.consent).toBeUndefined();
  });

  it('counts on the model path only as an answer to the consent question or a clear statement of it', () => {
    const consent = field('consent');
    const notAsked = { latestMessage: 'yes, I want to become an affiliate', answeringField: () => false };
    expect(isGrounded(consent, true, 'yes, I want to become an affiliate', notAsked)).toBe(false);
    expect(isGrounded(consent, true, 'yes', { latestMessage: 'yes', answeringField: () => true })).toBe(true);
    expect(isGrounded(consent, true, 'x', { latestMessage: 'YouTube, 40k. And yes, you may store my details.', answeringField: () => false })).toBe(true);
    expect(statesConsent("I don't agree to you storing my data")).toBe(false);
  });
});
