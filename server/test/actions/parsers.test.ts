import { parseEmail, findEmails } from '../../src/actions/field-parsers/email';
import { parseUrlOrHandle } from '../../src/actions/field-parsers/url';
import { parsePhone } from '../../src/actions/field-parsers/phone';
import { parseNumber, findNumbers } from '../../src/actions/field-parsers/number';
import { matchEnumOption, matchEnumByPosition } from '../../src/actions/field-parsers/enum';
import { parseYesNo } from '../../src/actions/field-parsers/yes-no';
import { parseName, findName } from '../../src/actions/field-parsers/name';
import { ACTION_TEMPLATES } from '../../src/actions/templates';

const affiliate = ACTION_TEMPLATES['affiliate-application'];
const optionsOf = (key: string) => affiliate.fields.find((field) => field.key === key)!.options!;

describe('the email parser', () => {
  test.each([
    ['ana@site.com', 'ana@site.com'],
    ['my email is Ana.Silva@Example.COM', 'ana.silva@example.com'],
    ['it is ana+affiliates@mail.co.uk.', 'ana+affiliates@mail.co.uk'],
    ['ana_silva-1@sub.domain.io, thanks', 'ana_silva-1@sub.domain.io'],
    ['ana at site dot com', 'ana@site.com'],
    ['ana [at] site [dot] com', 'ana@site.com'],
    ['ana(at)site.com', 'ana@site.com'],
    ['Email: bob@company.org', 'bob@company.org'],
    ['send it to <ana@site.com>', 'ana@site.com'],
    ['ana@site', null],
    ['ana site.com', null],
    ['@ana', null],
    ['no email sorry', null],
  ])('reads %j as %j', (text, expected) => {
    expect(parseEmail(text)).toBe(expected);
  });

  test('finds every address with its position', () => {
    expect(findEmails('a@b.co or c@d.io').map((match) => match.value)).toEqual(['a@b.co', 'c@d.io']);
  });
});

describe('the link and handle parser', () => {
  test.each([
    ['https://youtube.com/@ana', undefined, 'https://youtube.com/@ana'],
    ['youtube.com/@anacooks', undefined, 'https://youtube.com/@anacooks'],
    ['my blog is anacooks.com.', undefined, 'https://anacooks.com'],
    ['www.ana-cooks.co.uk/recipes?x=1', undefined, 'https://www.ana-cooks.co.uk/recipes?x=1'],
    ['http://localhost.dev:8080/x', undefined, 'http://localhost.dev:8080/x'],
    ['my insta is @ana.cooks', undefined, 'https://www.instagram.com/ana.cooks'],
    ['@anacooks on tiktok', undefined, 'https://www.tiktok.com/@anacooks'],
    ['@anacooks', 'youtube', 'https://www.youtube.com/@anacooks'],
    ['@anacooks', 'instagram', 'https://www.instagram.com/anacooks'],
    ['twitter @ana_c', undefined, 'https://x.com/ana_c'],
    ['@anacooks', undefined, '@anacooks'],
    ['@anacooks', 'blog', '@anacooks'],
    ['I have about 1.2m followers', undefined, null],
    ['e.g. nothing', undefined, null],
    ['ana@site.com', undefined, null],
    ['nope', undefined, null],
  ])('reads %j (platform %j) as %j', (text, platform, expected) => {
    expect(parseUrlOrHandle(text, platform)).toBe(expected);
  });
});

describe('the phone parser', () => {
  test.each([
    ['+351 912 345 678', '+351912345678'],
    ['(555) 123-4567', '5551234567'],
    ['call me on 0044 20 7946 0958', '+442079460958'],
    ['555.123.4567', '5551234567'],
    ['+1-555-123-4567 after 5pm', '+15551234567'],
    ['912345678', '912345678'],
    ['12345', null],
    ['40000', null],
    ['40,000', null],
    ['no phone', null],
  ])('reads %j as %j', (text, expected) => {
    expect(parsePhone(text)).toBe(expected);
  });
});

describe('the number parser', () => {
  test.each([
    ['40000', 40000],
    ['40,000', 40000],
    ['40.000', 40000],
    ['around 5 000', 5000],
    ['12k', 12000],
    ['12K subscribers', 12000],
    ['12 k', 12000],
    ['1.2M', 1200000],
    ['1.2 million', 1200000],
    ['1,5k', 1500],
    ['about 40 thousand', 40000],
    ['roughly 2.5k monthly visitors', 2500],
    ['10.5K', 10500],
    ['~5k', 5000],
    ['over 9000', 9000],
    ['50 000+', 50000],
    ['1mil', 1000000],
    ['$1,000', 1000],
    ['5k-10k', 5000],
    ['forty thousand', 40000],
    ['two hundred and fifty', 250],
    ['twenty five thousand followers', 25000],
    ['a million', 1000000],
    ['half a million', 500000],
    ['one hundred', 100],
    ['3 billion', 3000000000],
    ['1,234,567', 1234567],
    ['1.234.567', 1234567],
    ["1'000", 1000],
    ['10-20k', 10000],
    ['between 10k and 20k', 10000],
    ['100k+', 100000],
    ['I have 850 subscribers', 850],
    ['0', 0],
    ['about 3.5', 3.5],
    ['none', null],
    ['lots', null],
    ['', null],
  ])('reads %j as %j', (text, expected) => {
    expect(parseNumber(text)).toBe(expected);
  });

  test('finds several numbers with their positions', () => {
    expect(findNumbers('2 channels with 40k subscribers').map((match) => match.value)).toEqual([2, 40000]);
  });
});

describe('the enum matcher', () => {
  test.each([
    ['YouTube', 'youtube', 'label'],
    ['youtube', 'youtube', 'label'],
    ['yt', 'youtube', 'synonym'],
    ['mostly on my youtube channel', 'youtube', 'synonym'],
    ['Youtub', 'youtube', 'fuzzy'],
    ['yuotube', 'youtube', 'fuzzy'],
    ['insta', 'instagram', 'synonym'],
    ['Instagarm', 'instagram', 'fuzzy'],
    ['IG', 'instagram', 'synonym'],
    ['tik tok', 'tiktok', 'synonym'],
    ['Tik-Tok', 'tiktok', 'synonym'],
    ['tiktoc', 'tiktok', 'fuzzy'],
    ['my blog', 'blog', 'value'],
    ['website', 'blog', 'label-part'],
    ['a niche site about coffee', 'blog', 'synonym'],
    ['newsletter', 'newsletter', 'label'],
    ['substack', 'newsletter', 'synonym'],
    ['a podcast', 'podcast', 'label'],
    ['something else', 'other', 'synonym'],
    ['other', 'other', 'label'],
  ])('reads platform %j as %j (%s)', (text, value, how) => {
    const match = matchEnumOption(text, optionsOf('platform'));
    expect(match?.value).toBe(value);
    expect(match?.how).toBe(how);
  });

  test.each([
    ['organic', 'organic_social'],
    ['SEO', 'seo'],
    ['search engines, mostly google', 'seo'],
    ['facebook ads', 'paid_ads'],
    ['PPC', 'paid_ads'],
    ['paid', 'paid_ads'],
    ['my email list', 'email'],
    ['coupons', 'coupons'],
    ['discount codes', 'coupons'],
    ['cashback', 'coupons'],
  ])('reads traffic source %j as %j', (text, value) => {
    expect(matchEnumOption(text, optionsOf('traffic_source'))?.value).toBe(value);
  });

  test.each([['banana'], ['I am not sure'], ['x y z q'], ['']])('matches nothing for %j', (text) => {
    expect(matchEnumOption(text, optionsOf('traffic_source'))).toBeNull();
  });

  test.each([
    ['mainly YouTube, some Instagram', 'youtube'],
    ['instagram and also youtube', 'instagram'],
    ['facebook ads and some SEO', 'paid_ads'],
  ])('takes the first option named in %j', (text, value) => {
    const options = value === 'paid_ads' ? optionsOf('traffic_source') : optionsOf('platform');
    expect(matchEnumOption(text, options)?.value).toBe(value);
  });

  test('does not guess when misspellings are turned off', () => {
    expect(matchEnumOption('youtub', optionsOf('platform'), { fuzzy: false })).toBeNull();
  });

  test('picks an option by its number in the list', () => {
    expect(matchEnumByPosition('2', optionsOf('platform'))?.value).toBe('instagram');
    expect(matchEnumByPosition('3rd', optionsOf('platform'))?.value).toBe('tiktok');
    expect(matchEnumByPosition('19', optionsOf('platform'))).toBeNull();
  });
});

describe('the yes/no parser', () => {
  test.each([
    ['yes', 'yes'], ['Yes!', 'yes'], ['yeah', 'yes'], ['yep', 'yes'], ['yup', 'yes'], ['sure', 'yes'], ['ok', 'yes'], ['okay', 'yes'],
    ['OK sure', 'yes'], ['I agree', 'yes'], ['i accept', 'yes'], ['I consent', 'yes'], ['of course', 'yes'], ['absolutely', 'yes'],
    ['go ahead', 'yes'], ['yes please', 'yes'], ['sounds good', 'yes'], ['that is correct', 'yes'], ["that's right", 'yes'],
    ['confirm', 'yes'], ['submit', 'yes'], ['no problem', 'yes'], ['why not', 'yes'], ['👍', 'yes'], ['y', 'yes'], ['agreed.', 'yes'],
    ['looks good to me', 'yes'],
    ["I'm ok with that", 'yes'], ['sure thing', 'yes'], ['yesss', 'yes'], ['fine by me', 'yes'], ['yep, go ahead', 'yes'],
    ['nooo', 'no'], ['no way', 'no'],
    ['no', 'no'], ['No.', 'no'], ['nope', 'no'], ['nah', 'no'], ["don't", 'no'], ['do not', 'no'], ['I do not agree', 'no'],
    ["I don't agree", 'no'], ['I disagree', 'no'], ['no thanks', 'no'], ['not now', 'no'], ['never', 'no'], ['n', 'no'],
    ['absolutely not', 'no'], ['I refuse', 'no'], ["please don't", 'no'], ["that's wrong", 'no'], ['👎', 'no'],
    ['maybe', null], ['not sure', null], ['what do you mean?', null], ['banana', null], ['', null],
  ])('reads %j as %j', (text, expected) => {
    expect(parseYesNo(text)).toBe(expected);
  });
});

describe('the name parser', () => {
  test.each([
    ['Ana', 'Ana'],
    ['ana', 'Ana'],
    ['Ana Silva', 'Ana Silva'],
    ['ana silva', 'Ana Silva'],
    ["I'm Ana", 'Ana'],
    ['im ana', 'Ana'],
    ['I am Ana Silva', 'Ana Silva'],
    ['my name is Ana Silva', 'Ana Silva'],
    ["My name's João", 'João'],
    ['name: Ana', 'Ana'],
    ['call me Ana', 'Ana'],
    ['Hi, I’m Ana', 'Ana'],
    ['Ana here', 'Ana'],
    ['It is Jean-Luc Picard.', 'Jean-Luc Picard'],
    ['Mary-Jane O’Neil', 'Mary-Jane O’Neil'],
    ['Ana, ana@site.com', 'Ana'],
    ['ANA SILVA', 'Ana Silva'],
    ['Ana from Lisbon', 'Ana'],
    ['Maria da Silva', 'Maria da Silva'],
    ['Dr. Ana Silva', 'Dr. Ana Silva'],
    ['Ana.', 'Ana'],
    ["it's ana", 'Ana'],
    ['my name is ana and I run a blog', 'Ana'],
    ['ana@site.com', null],
    ['What is the commission?', null],
    ['yes', null],
    ['12345', null],
    ['I want to become an affiliate because I love your stuff', null],
  ])('reads %j as %j', (text, expected) => {
    expect(parseName(text)).toBe(expected);
  });

  test.each([
    ["I'm interested in your program", null],
    ["I'm a blogger", null],
    ['I am looking to join', null],
    ["I'm Ana, ana@site.com, I run a YouTube channel", 'Ana'],
    ['Hello! My name is Ana Silva from Lisbon', 'Ana Silva'],
  ])('finds a name inside %j: %j', (text, expected) => {
    expect(findName(text)).toBe(expected);
  });
});
