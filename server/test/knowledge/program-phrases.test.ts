import { withProgramPhrases } from '../../src/knowledge/program-synonyms';

/** Program phrases read as one term at indexing and at query time alike (program-synonyms.ts). */
describe('program phrases', () => {
  it.each([
    'do i earn if i order through my own link?',
    'can i buy with my own affiliate link?',
    'you cannot earn commission on your own purchases or on orders placed by members of your household.',
    'self-referrals are not allowed',
  ])('reads %j as a self-referral', (text) => {
    expect(withProgramPhrases(text)).toContain('selfreferral');
  });

  it.each(['where do i find my own link?', 'can i create my own links to product pages?', 'i run my own blog'])('does not read %j as a self-referral', (text) => {
    expect(withProgramPhrases(text)).not.toContain('selfreferral');
  });

  it('reads "how much … before" as asking for the threshold, and "how long before" as asking for a time', () => {
    expect(withProgramPhrases('how much do i need to earn before you send money?')).toContain('minimum');
    expect(withProgramPhrases('how long before i get paid?')).not.toContain('minimum');
    expect(withProgramPhrases('how much do you pay per sale?')).not.toContain('minimum');
  });
});
