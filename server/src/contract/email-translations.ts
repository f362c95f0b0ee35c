/**
 * The applicant emails' defaults and the verification code mail in the agent's language.
 * The service sends them without WordPress in the loop (the outbox runs on its own), so it cannot
 * ask gettext; these are the same German, Spanish and French the plugin ships in languages/.
 * A template the owner edited (Settings → Emails) is sent as written: only the defaults translate.
 */
import { DEFAULT_REJECTION_TEMPLATE, DEFAULT_WELCOME_TEMPLATE } from './email-defaults';

export interface EmailTemplateText {
  subject: string;
  body: string;
}

export const EMAIL_LANGUAGES = ['en', 'de', 'es', 'fr'] as const;
export type EmailLanguage = (typeof EMAIL_LANGUAGES)[number];

/** 'de', 'de-AT', 'de_DE' → 'de'; a language without shipped emails → 'en'. */
export function emailLanguageOf(tag: string | null | undefined): EmailLanguage {
  const base = (tag ?? '').toLowerCase().split(/[-_]/)[0];
  return (EMAIL_LANGUAGES as readonly string[]).includes(base) ? (base as EmailLanguage) : 'en';
}

const WELCOME: Record<EmailLanguage, EmailTemplateText> = {
  en: DEFAULT_WELCOME_TEMPLATE,
  de: {
    subject: 'Willkommen in unserem Partnerprogramm, {{name}}',
    body: 'Hallo {{name}},\n\ngute Nachrichten: Ihre Bewerbung für unser Partnerprogramm wurde angenommen.\n\nIhr Empfehlungslink lautet:\n{{referral_url}}\n\nTeilen Sie ihn mit Ihrem Publikum; jeder Verkauf, der über ihn zustande kommt, wird Ihnen gutgeschrieben.',
  },
  es: {
    subject: 'Te damos la bienvenida a nuestro programa de afiliados, {{name}}',
    body: 'Hola, {{name}}:\n\nbuenas noticias: tu solicitud para nuestro programa de afiliados ha sido aprobada.\n\nTu enlace de referido es:\n{{referral_url}}\n\nCompártelo con tu audiencia; cada venta que llegue a través de él se te atribuye a ti.',
  },
  fr: {
    subject: 'Bienvenue dans notre programme d’affiliation, {{name}}',
    body: 'Bonjour {{name}},\n\nbonne nouvelle : votre candidature à notre programme d’affiliation a été acceptée.\n\nVotre lien de parrainage est :\n{{referral_url}}\n\nPartagez-le avec votre audience ; chaque vente qu’il génère vous est attribuée.',
  },
};

const REJECTION: Record<EmailLanguage, EmailTemplateText> = {
  en: DEFAULT_REJECTION_TEMPLATE,
  de: {
    subject: 'Zu Ihrer Bewerbung als Partner, {{name}}',
    body: 'Hallo {{name}},\n\nvielen Dank für Ihre Bewerbung für unser Partnerprogramm. Wir haben sie sorgfältig geprüft und können sie derzeit leider nicht annehmen.\n\nSie können sich gern später erneut bewerben.',
  },
  es: {
    subject: 'Sobre tu solicitud de afiliado, {{name}}',
    body: 'Hola, {{name}}:\n\ngracias por solicitar unirte a nuestro programa de afiliados. Hemos revisado tu solicitud con atención y, por ahora, no podemos aceptarla.\n\nPuedes volver a presentarla más adelante.',
  },
  fr: {
    subject: 'À propos de votre candidature d’affilié, {{name}}',
    body: 'Bonjour {{name}},\n\nmerci d’avoir postulé à notre programme d’affiliation. Nous avons examiné votre candidature avec attention et ne pouvons pas l’accepter pour le moment.\n\nVous pouvez tout à fait postuler de nouveau plus tard.',
  },
};

export const defaultWelcomeTemplate = (language: string | null | undefined): EmailTemplateText => WELCOME[emailLanguageOf(language)];
export const defaultRejectionTemplate = (language: string | null | undefined): EmailTemplateText => REJECTION[emailLanguageOf(language)];

/** "N minutes" with the language's plural rule (Intl knows them; one and other are all these need). */
function minutesText(language: EmailLanguage, minutes: number): string {
  const one = new Intl.PluralRules(language).select(minutes) === 'one';
  const words: Record<EmailLanguage, [string, string]> = {
    en: ['minute', 'minutes'],
    de: ['Minute', 'Minuten'],
    es: ['minuto', 'minutos'],
    fr: ['minute', 'minutes'],
  };
  return `${minutes} ${words[language][one ? 0 : 1]}`;
}

/** The verification code mail; {{code}} is filled by the sender. */
export function verificationTemplate(language: string | null | undefined, minutes: number): EmailTemplateText {
  const lang = emailLanguageOf(language);
  const valid = minutesText(lang, minutes);
  switch (lang) {
    case 'de':
      return {
        subject: 'Ihr Bestätigungscode',
        body: `Ihr Bestätigungscode lautet {{code}}.\n\nGeben Sie ihn im Chat ein, um diese E-Mail-Adresse zu bestätigen. Er ist ${valid} lang gültig.\n\nWenn Sie ihn nicht angefordert haben, können Sie diese E-Mail ignorieren: Ohne den Code passiert nichts.`,
      };
    case 'es':
      return {
        subject: 'Tu código de verificación',
        body: `Tu código de verificación es {{code}}.\n\nEscríbelo en el chat para confirmar esta dirección de correo electrónico. Es válido durante ${valid}.\n\nSi no lo has pedido, puedes ignorar este correo: sin el código no ocurre nada.`,
      };
    case 'fr':
      return {
        subject: 'Votre code de vérification',
        body: `Votre code de vérification est {{code}}.\n\nSaisissez-le dans le chat pour confirmer cette adresse e-mail. Il est valable ${valid}.\n\nSi vous ne l’avez pas demandé, vous pouvez ignorer cet e-mail : rien ne se passe sans le code.`,
      };
    default:
      return {
        subject: 'Your verification code',
        body: `Your verification code is {{code}}.\n\nType it in the chat to confirm this email address. It is valid for ${valid}.\n\nIf you did not ask for it, you can ignore this email: nothing happens without the code.`,
      };
  }
}
