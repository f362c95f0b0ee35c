import { safeHttpUrl } from '../../src/contract/safe-url';

describe('safeHttpUrl', () => {
  it('keeps absolute http and https URLs, normalised', () => {
    expect(safeHttpUrl('https://shop.example/a?b=1#c')).toBe('https://shop.example/a?b=1#c');
    expect(safeHttpUrl('  HTTP://Shop.Example  ')).toBe('http://shop.example/');
  });

  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    '\u0000javascript:alert(1)',
    'java\nscript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD4=',
    'vbscript:x',
    'file:///etc/passwd',
    'ftp://files.example/',
    '//evil.example',
    '/relative',
    'https:evil.example',
    'https://',
    '',
  ])('refuses %j', (value) => {
    expect(safeHttpUrl(value)).toBeNull();
  });

  it('refuses what is not a string', () => {
    expect(safeHttpUrl(null)).toBeNull();
    expect(safeHttpUrl(undefined)).toBeNull();
    expect(safeHttpUrl({ href: 'https://x.example' })).toBeNull();
  });
});
