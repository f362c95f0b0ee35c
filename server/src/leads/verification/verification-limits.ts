/**
 * The numbers of email verification in the chat (issue 12), documented in docs/verification.md.
 * A 6-digit code has a million values; 5 guesses in all (not per code) give a visitor at most a
 * 1 in 200,000 chance, and the 60 s cooldown and 3 sends keep the site from being used to mail-bomb
 * a typed address from one conversation.
 */
export const VERIFICATION_LIMITS = {
  codeDigits: 6,
  /** A code is accepted for this long after it was sent. */
  codeTtlSeconds: 10 * 60,
  /** Wrong codes per email and conversation, across resends; then the email is locked for the conversation. */
  maxAttempts: 5,
  /** Least time between two sends to one address from one conversation. */
  resendCooldownSeconds: 60,
  /** Codes sent per email and conversation (the first and two resends). */
  maxSends: 3,
} as const;
export type VerificationLimits = { [K in keyof typeof VERIFICATION_LIMITS]: number };
