import { ACTION_TEMPLATES } from '../../src/actions/templates';
import { validateFieldValue } from '../../src/actions/field-values';
import { matchEnumOption } from '../../src/actions/field-parsers/enum';

const definition = ACTION_TEMPLATES['affiliate-application'];
const field = (key: string) => definition.fields.find((candidate) => candidate.key === key)!;

/** The same phrases, read by the offline engine's matcher and by the validator the model's tool calls go through. */
const CASES: Array<[string, string, string]> = [
  ['platform', 'reels', 'instagram'],
  ['platform', 'mostly stories', 'instagram'],
  ['platform', 'facebook group', 'facebook'],
  ['platform', 'a Facebook page', 'facebook'],
  ['platform', 'podcast', 'podcast'],
  ['platform', 'twitter', 'x'],
  ['platform', 'Twitch streams', 'twitch'],
  ['platform', 'linkedin', 'linkedin'],
  ['platform', 'pinterest boards', 'pinterest'],
  ['platform', 'my newsletter', 'newsletter'],
  ['traffic_source', 'organic search', 'seo'],
  ['traffic_source', 'Google', 'seo'],
  ['traffic_source', 'podcast ads', 'paid_ads'],
  ['traffic_source', 'organic youtube videos and shorts', 'organic_social'],
];

describe('choices: synonyms per option, one matcher on both engines', () => {
  it.each(CASES)('%s: "%s" → %s', (key, text, value) => {
    expect(matchEnumOption(text, field(key).options ?? [])?.value).toBe(value);
    expect(validateFieldValue(field(key), text)).toEqual({ ok: true, value });
  });

  it('still refuses an answer that names no option, listing the options', () => {
    const result = validateFieldValue(field('platform'), 'carrier pigeons');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.visitorMessage).toContain('Podcast, Facebook, X (Twitter), Twitch, LinkedIn, Pinterest');
  });
});
