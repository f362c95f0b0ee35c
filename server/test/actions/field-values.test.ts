import { fieldSchema, type ActionField } from '../../src/actions/action-definition';
import { describeValueProblems, validateActionValues, validateFieldValue } from '../../src/actions/field-values';
import { ACTION_TEMPLATES } from '../../src/actions/templates';

const field = (input: Record<string, unknown>): ActionField => fieldSchema.parse({ key: 'value', label: 'Value', question: 'Value?', ...input });
const affiliate = ACTION_TEMPLATES['affiliate-application'];

describe('validating one field value', () => {
  test.each([
    [{ type: 'text' }, '  Ana Silva ', 'Ana Silva'],
    [{ type: 'text' }, 42, '42'],
    [{ type: 'email' }, 'Ana@Site.COM', 'ana@site.com'],
    [{ type: 'url' }, 'https://anacooks.com/x', 'https://anacooks.com/x'],
    [{ type: 'url' }, 'anacooks.com', 'https://anacooks.com'],
    [{ type: 'url' }, '@anacooks', '@anacooks'],
    [{ type: 'phone' }, '+351 912 345 678', '+351912345678'],
    [{ type: 'phone' }, '(555) 123-4567', '5551234567'],
    [{ type: 'number' }, 40000, 40000],
    [{ type: 'number' }, '40,000', 40000],
    [{ type: 'number' }, '12k', 12000],
    [{ type: 'boolean' }, true, true],
    [{ type: 'boolean' }, 'no', false],
    [{ type: 'consent', consentText: 'I agree.' }, true, true],
    [{ type: 'consent', consentText: 'I agree.', required: false }, false, false],
  ])('accepts a %j field given %j as %j', (definition, raw, expected) => {
    expect(validateFieldValue(field(definition), raw)).toEqual({ ok: true, value: expected });
  });

  test('accepts an enum option by value, label or exact synonym and stores the value', () => {
    const platform = affiliate.fields.find((candidate) => candidate.key === 'platform')!;
    expect(validateFieldValue(platform, 'youtube')).toEqual({ ok: true, value: 'youtube' });
    expect(validateFieldValue(platform, 'Blog or website')).toEqual({ ok: true, value: 'blog' });
    expect(validateFieldValue(platform, 'insta')).toEqual({ ok: true, value: 'instagram' });
  });

  test('an invalid email gets a message a model and a visitor can both act on', () => {
    const email = affiliate.fields.find((candidate) => candidate.key === 'email')!;
    expect(validateFieldValue(email, 'ana@site')).toEqual({
      ok: false,
      code: 'invalid',
      message: 'Field `email` must be an email address such as ana@example.com; ask the visitor again.',
      visitorMessage: 'Email must be an email address such as ana@example.com.',
    });
  });

  test.each([
    [{ type: 'email' }, 'not an email', 'must be an email address'],
    [{ type: 'url' }, 'not a link', 'must be a link'],
    [{ type: 'url' }, 'ftp://files.example.com', 'must be a link'],
    [{ type: 'phone' }, '12', 'must be a phone number'],
    [{ type: 'phone' }, 'call me', 'must be a phone number'],
    [{ type: 'number' }, 'lots', 'must be a number'],
    [{ type: 'number', validation: { min: 0 } }, -5, 'must be at least 0'],
    [{ type: 'number', validation: { max: 100 } }, '1k', 'must be at most 100'],
    [{ type: 'text', validation: { minLength: 2 } }, 'A', 'at least 2 characters'],
    [{ type: 'text', validation: { maxLength: 5 } }, 'Anastasia', 'at most 5 characters'],
    [{ type: 'text', validation: { pattern: '^[A-Z]{2}$', patternMessage: 'use a two-letter country code such as PT' } }, 'Portugal', 'use a two-letter country code such as PT'],
    [{ type: 'text', validation: { pattern: '^\\d+$' } }, 'abc', 'does not have the expected format'],
    [{ type: 'boolean' }, 'perhaps', 'must be yes or no'],
    [{ type: 'enum', options: [{ value: 'a', label: 'Alpha' }, { value: 'b', label: 'Beta' }] }, 'gamma', 'must be one of: a (Alpha), b (Beta)'],
    [{ type: 'text' }, { nested: true }, 'must be text'],
  ])('refuses a %j field given %j, saying it %s', (definition, raw, expected) => {
    const result = validateFieldValue(field(definition), raw);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe('invalid');
      expect(result.message).toContain(expected);
      expect(result.message).toContain('ask the visitor again');
    }
  });

  test('a refused required consent is its own clear result, not a format error', () => {
    const consent = affiliate.fields.find((candidate) => candidate.key === 'consent')!;
    const result = validateFieldValue(consent, false);
    expect(result).toMatchObject({ ok: false, code: 'consent-refused' });
    if (!result.ok) expect(result.message).toContain('cannot be submitted without it');
  });

  test('an empty value is reported as missing with the question to ask', () => {
    const result = validateFieldValue(affiliate.fields[0], '  ');
    expect(result).toMatchObject({ ok: false, code: 'missing' });
    if (!result.ok) expect(result.message).toContain('What is your name?');
  });
});

describe('validating a whole set of action values', () => {
  test('valid values are normalised and nothing is missing', () => {
    const result = validateActionValues(affiliate, {
      name: 'Ana',
      email: 'ANA@site.com',
      platform: 'YouTube',
      audience_size: '40k',
      traffic_source: 'seo',
      consent: true,
    });
    expect(result).toEqual({
      ok: true,
      values: { name: 'Ana', email: 'ana@site.com', platform: 'youtube', audience_size: 40000, traffic_source: 'seo', consent: true },
      issues: [],
      missing: [],
      unknownKeys: [],
    });
    expect(describeValueProblems(result)).toBeNull();
  });

  test('invalid values, missing required fields and unknown keys are all reported', () => {
    const result = validateActionValues(affiliate, { name: 'Ana', email: 'ana@site', consent: false, favourite_colour: 'blue', website: '' });
    expect(result.ok).toBe(false);
    expect(result.values).toEqual({ name: 'Ana' });
    expect(result.issues.map((issue) => [issue.key, issue.code])).toEqual([
      ['email', 'invalid'],
      ['consent', 'consent-refused'],
    ]);
    expect(result.missing.map((entry) => entry.key)).toEqual(['platform', 'audience_size', 'traffic_source']);
    expect(result.unknownKeys).toEqual(['favourite_colour']);
    expect(describeValueProblems(result)).toContain('Still missing: `platform`');
  });
});
