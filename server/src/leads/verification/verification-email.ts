import { renderEmail, type RenderedEmail } from '../../connectors/email-templates';
import { verificationTemplate } from '../../contract/email-translations';

/**
 * The mail that carries a verification code, in the agent's language. Fixed text, no
 * visitor-controlled value besides the code itself (the address it goes to is the one being
 * proven), so the mail cannot carry a visitor's words to a stranger.
 */
export function verificationEmail(code: string, minutes: number, language?: string | null): RenderedEmail {
  return renderEmail(verificationTemplate(language, minutes), { code });
}
