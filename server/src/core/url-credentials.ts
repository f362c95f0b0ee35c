/**
 * Credentials in a URL (`https://user:pass@crm.example/hook`) are secrets like header values
 * (security review, finding 5): wherever a URL is shown to people who did not set it (the delivery
 * ledger, lead pages, logs), the user-info part is replaced by a mask. The scheme is bounded and the
 * user-info stops at the first `/ ? # @` or space, so the scan stays linear on any text.
 */
export const URL_CREDENTIALS_MASK = '••••';
const URL_WITH_CREDENTIALS = /\b([a-z][a-z0-9+.-]{0,31}:\/\/)[^\s/?#@]+@/gi;

export function maskUrlCredentials(text: string): string {
  return text.includes('@') ? text.replace(URL_WITH_CREDENTIALS, `$1${URL_CREDENTIALS_MASK}@`) : text;
}

/** The same, through every string of a JSON-like value (a ledger entry, a lead with its events). */
export function maskUrlCredentialsDeep<T>(value: T): T {
  if (typeof value === 'string') return maskUrlCredentials(value) as T;
  if (Array.isArray(value)) return value.map((item) => maskUrlCredentialsDeep(item)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskUrlCredentialsDeep(item)])) as T;
  }
  return value;
}
