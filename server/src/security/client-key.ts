import { createHmac } from 'node:crypto';

/**
 * A visitor's network address as a keyed hash: enough to count what one client did (mail caps),
 * never the address itself, which is personal data and must not sit in the store (issue 12).
 * The key is the shared secret, so the hash cannot be reversed by trying every IPv4 address.
 */
export function clientKeyOf(secret: string, address: string | undefined | null): string | null {
  if (!address) return null;
  return createHmac('sha256', secret).update(`client:${address}`).digest('hex').slice(0, 32);
}

/** The same for an email address typed by a visitor (lower-cased, so case does not dodge a cap). */
export function addressKeyOf(secret: string, email: string): string {
  return createHmac('sha256', secret).update(`address:${email.trim().toLowerCase()}`).digest('hex').slice(0, 32);
}
