import { renderEmail, type RenderedEmail } from '../../connectors/email-templates';

/**
 * The mail that carries a verification code. Fixed text, no visitor-controlled value besides the
 * code itself (the address it goes to is the one being proven), so the mail cannot carry a
 * visitor's words to a stranger.
 */
export function verificationEmail(code: string, minutes: number): RenderedEmail {
  return renderEmail(
    {
      subject: 'Your verification code',
      body: `Your verification code is {{code}}.\n\nType it in the chat to confirm this email address. It is valid for ${minutes} minutes.\n\nIf you did not ask for it, you can ignore this email: nothing happens without the code.`,
    },
    { code },
  );
}
