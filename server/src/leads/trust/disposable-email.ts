import listedDomains from 'disposable-email-domains/index.json';
import listedWildcards from 'disposable-email-domains/wildcard.json';

/**
 * Disposable email domains from the `disposable-email-domains` package (a maintained community list,
 * ~120k domains plus a few hundred whose every subdomain is disposable). Imported as JSON so the service
 * bundle carries it; the Sets are built on first use and kept, so a submission pays one lookup per label.
 */
let domains: Set<string> | null = null;
let wildcards: Set<string> | null = null;

function lists(): { domains: Set<string>; wildcards: Set<string> } {
  if (!domains || !wildcards) {
    domains = new Set(listedDomains as string[]);
    wildcards = new Set(listedWildcards as string[]);
  }
  return { domains, wildcards };
}

/** The listed domain an address belongs to ("mailinator.com" for "a@x.mailinator.com"), or null. */
export function disposableDomainOf(email: string): string | null {
  const at = email.lastIndexOf('@');
  if (at < 0) return null;
  const host = email.slice(at + 1).trim().toLowerCase().replace(/\.$/, '');
  if (!host) return null;
  const { domains: exact, wildcards: anySubdomain } = lists();
  if (exact.has(host)) return host;
  const labels = host.split('.');
  for (let start = 1; start < labels.length - 1; start += 1) {
    const parent = labels.slice(start).join('.');
    if (anySubdomain.has(parent) || exact.has(parent)) return parent;
  }
  return anySubdomain.has(host) ? host : null;
}
