import { DEFAULT_WELCOME_TEMPLATE, mergeText } from '../../src/contract/email-defaults';
import { defaultRejectionTemplate, defaultWelcomeTemplate, emailLanguageOf, EMAIL_LANGUAGES } from '../../src/contract/email-translations';
import { verificationEmail } from '../../src/leads/verification/verification-email';

const tagsOf = (text: string) => [...text.matchAll(/\{\{\s*([a-z_]+)\s*\}\}/g)].map((match) => match[1]).sort();

describe('applicant emails in the agent language', () => {
  it('maps agent language tags to a shipped language, English otherwise', () => {
    expect(['de', 'de-AT', 'de_DE', 'es-MX', 'fr', 'pt-BR', '', null, undefined].map(emailLanguageOf)).toEqual(['de', 'de', 'de', 'es', 'fr', 'en', 'en', 'en', 'en']);
  });

  it('keeps every merge tag of the English default in each translation', () => {
    for (const language of EMAIL_LANGUAGES) {
      for (const [translated, english] of [
        [defaultWelcomeTemplate(language), defaultWelcomeTemplate('en')],
        [defaultRejectionTemplate(language), defaultRejectionTemplate('en')],
      ]) {
        expect(tagsOf(translated.subject)).toEqual(tagsOf(english.subject));
        expect(tagsOf(translated.body)).toEqual(tagsOf(english.body));
      }
    }
    expect(defaultWelcomeTemplate('en')).toBe(DEFAULT_WELCOME_TEMPLATE);
  });

  it('writes the welcome email in German for a German agent', () => {
    const body = mergeText(defaultWelcomeTemplate('de').body, { name: 'Anna', referral_url: 'https://shop.example/?ref=7' });
    expect(body).toContain('Hallo Anna');
    expect(body).toContain('Ihr Empfehlungslink lautet:\nhttps://shop.example/?ref=7');
  });

  it('sends the verification code in the agent language with the right plural', () => {
    const german = verificationEmail('123456', 15, 'de');
    expect(german.subject).toBe('Ihr Bestätigungscode');
    expect(german.text).toContain('Ihr Bestätigungscode lautet 123456.');
    expect(german.text).toContain('15 Minuten lang gültig');
    expect(verificationEmail('123456', 1, 'fr').text).toContain('valable 1 minute.');
    expect(verificationEmail('123456', 10, 'es').text).toContain('durante 10 minutos');
    expect(verificationEmail('123456', 1, 'en').text).toContain('valid for 1 minute.');
    expect(verificationEmail('123456', 10, 'pt-BR').subject).toBe('Your verification code');
  });
});
