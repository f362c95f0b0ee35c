import { extractFieldValues } from '../../src/runtime/offline/extract-fields';
import { ACTION_TEMPLATES } from '../../src/actions/templates';

const affiliate = ACTION_TEMPLATES['affiliate-application'];
const payout = ACTION_TEMPLATES['payout-preference'];
const valuesOf = (result: ReturnType<typeof extractFieldValues>) => Object.fromEntries(result.values.map((entry) => [entry.key, entry.value]));

describe('reading several fields from one message', () => {
  test.each([
    [
      "I'm Ana, ana@site.com, I run a YouTube channel with 40k subscribers",
      { name: 'Ana', email: 'ana@site.com', platform: 'youtube', audience_size: 40000 },
    ],
    ['My name is Ana Silva and my email is ana@site.com', { name: 'Ana Silva', email: 'ana@site.com' }],
    ['I have a blog with about 12k monthly visitors, mostly from SEO', { platform: 'blog', audience_size: 12000, traffic_source: 'seo' }],
    ['Instagram, 1.2M followers, check instagram.com/ana', { platform: 'instagram', audience_size: 1200000, website: 'https://instagram.com/ana' }],
    ['I am on TikTok as @anacooks with 250k followers', { platform: 'tiktok', audience_size: 250000, website: 'https://www.tiktok.com/@anacooks' }],
    ['name: Bob, email: bob@company.org, platform: newsletter', { name: 'Bob', email: 'bob@company.org', platform: 'newsletter' }],
    ['my audience is about 40 thousand', { audience_size: 40000 }],
    ['I want to become an affiliate', {}],
  ])('%j gives %j', (message, expected) => {
    expect(valuesOf(extractFieldValues(message, affiliate))).toEqual(expected);
  });

  test('an answer to the question asked fills that field, with misspellings forgiven', () => {
    expect(valuesOf(extractFieldValues('youtub', affiliate, { pendingFieldKey: 'platform' }))).toEqual({ platform: 'youtube' });
    expect(valuesOf(extractFieldValues('2 channels with 40k subscribers', affiliate, { pendingFieldKey: 'audience_size' }))).toEqual({ audience_size: 40000 });
    expect(valuesOf(extractFieldValues('@anacooks', affiliate, { pendingFieldKey: 'website', current: { platform: 'instagram' } }))).toEqual({
      website: 'https://www.instagram.com/anacooks',
    });
  });

  test('an invalid answer comes back as a problem with the validation message', () => {
    const result = extractFieldValues('ana@site', affiliate, { pendingFieldKey: 'email' });
    expect(result.values).toEqual([]);
    expect(result.problems).toMatchObject([{ key: 'email', code: 'invalid' }]);
  });

  test('a malformed address is not read as a platform', () => {
    expect(valuesOf(extractFieldValues('ana@site', affiliate, { pendingFieldKey: 'email' }))).toEqual({});
  });

  test('a named correction replaces an earlier value', () => {
    const result = extractFieldValues('actually my email is ana.silva@site.com', affiliate, { pendingFieldKey: 'website', current: { email: 'ana@site.com' } });
    expect(result.values).toEqual([{ key: 'email', value: 'ana.silva@site.com', named: true }]);
    expect(valuesOf(extractFieldValues('change the platform to TikTok', affiliate, { current: { platform: 'youtube' } }))).toEqual({ platform: 'tiktok' });
  });

  test('a value recognised only by its type does not silently replace an earlier one', () => {
    expect(valuesOf(extractFieldValues('ana.new@site.com', affiliate, { pendingFieldKey: 'website', current: { email: 'ana@site.com' } }))).toEqual({});
    expect(valuesOf(extractFieldValues('sorry, it is ana.new@site.com', affiliate, { pendingFieldKey: 'website', current: { email: 'ana@site.com' } }))).toEqual({
      email: 'ana.new@site.com',
    });
  });

  test('while another field is asked, everyday words are not taken as options', () => {
    expect(valuesOf(extractFieldValues('organic, mostly on my channel', affiliate, { pendingFieldKey: 'traffic_source' }))).toEqual({ traffic_source: 'organic_social' });
  });

  test('two email fields are told apart by name', () => {
    expect(valuesOf(extractFieldValues('my payout email is pay@ana.com', payout, { current: { email: 'ana@site.com' } }))).toEqual({ payout_email: 'pay@ana.com' });
    expect(valuesOf(extractFieldValues('ana@site.com, PayPal', payout, { pendingFieldKey: 'email' }))).toEqual({ email: 'ana@site.com', payout_method: 'paypal' });
  });
});

describe('a word that describes the answer is not an answer to another field', () => {
  test('one part of a longer option label ("deals" of "Coupons and deals") does not fill another field while a choice is answered', () => {
    expect(valuesOf(extractFieldValues('a weekly deals newsletter', affiliate, { pendingFieldKey: 'platform' }))).toEqual({ platform: 'newsletter' });
    expect(valuesOf(extractFieldValues('an Instagram account about discount codes', affiliate, { pendingFieldKey: 'platform' }))).toEqual({ platform: 'instagram' });
  });

  test('the whole label still names its option, and a part of it answers its own question', () => {
    expect(valuesOf(extractFieldValues('Instagram, mostly coupons and deals', affiliate, { pendingFieldKey: 'platform' }))).toEqual({ platform: 'instagram', traffic_source: 'coupons' });
    expect(valuesOf(extractFieldValues('deals', affiliate, { pendingFieldKey: 'traffic_source' }))).toEqual({ traffic_source: 'coupons' });
  });
});
