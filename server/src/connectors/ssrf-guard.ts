import dns from 'node:dns';
import net from 'node:net';
import { DeliveryError } from './delivery-error';

/**
 * Refuses outgoing requests to addresses a visitor- or owner-supplied URL must never reach:
 * loopback, private networks, link-local (including the 169.254.169.254 cloud metadata service),
 * carrier-grade NAT, multicast and their IPv6 counterparts. The check runs on the resolved
 * addresses, so a DNS name pointing at 127.0.0.1 is refused like the literal; hosts the owner put
 * on the allow-list skip it (a WordPress site on the same machine, the local fakes in tests).
 */
export type Resolver = (hostname: string) => Promise<Array<{ address: string; family: 4 | 6 }>>;

export const systemResolver: Resolver = async (hostname) => {
  const answers = await dns.promises.lookup(hostname, { all: true, verbatim: true });
  return answers.map((answer) => ({ address: answer.address, family: answer.family === 6 ? 6 : 4 }));
};

const blocked = new net.BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
  ['100::', 64], // discard-only
  ['2001:db8::', 32], // documentation
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

// IPv6 forms that embed or imply an IPv4 address, which could be a private one: refused outright
// rather than decoded, since no webhook or WordPress site needs them. A separate list, checked for
// IPv6 literals only: BlockList matches plain IPv4 addresses against ::ffff:0:0/96 rules too.
const embedsIpv4 = new net.BlockList();
for (const [network, prefix] of [
  ['2002::', 16], // 6to4
  ['2001::', 32], // Teredo: the client's IPv4 is in the last 32 bits, inverted
  ['::ffff:0:0:0', 96], // IPv4-translated (RFC 2765)
  ['::', 96], // IPv4-compatible (deprecated)
  ['::ffff:0:0', 96], // IPv4-mapped
  ['fec0::', 10], // site-local (deprecated)
] as const) {
  embedsIpv4.addSubnet(network, prefix, 'ipv6');
}

/** The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:127.0.0.1), which would otherwise slip through. */
function unmapIpv4(address: string): string | null {
  const match = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (match) return match[1];
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (hex) {
    const high = parseInt(hex[1], 16);
    const low = parseInt(hex[2], 16);
    return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  }
  return null;
}

export function isForbiddenAddress(address: string): boolean {
  if (net.isIP(address) === 6 && embedsIpv4.check(address, 'ipv6')) return true;
  const mapped = unmapIpv4(address);
  if (mapped) return blocked.check(mapped, 'ipv4');
  const family = net.isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) return blocked.check(address, 'ipv6');
  return true;
}

export function normalizeHost(host: string): string {
  return host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
}

export interface SsrfPolicy {
  /** Host names or IP literals (optionally host:port) the owner explicitly allows. */
  allowHosts: string[];
  resolver?: Resolver;
}

export function isAllowListed(url: URL, allowHosts: string[]): boolean {
  const host = normalizeHost(url.hostname);
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return allowHosts.some((entry) => {
    const allowed = normalizeHost(entry);
    return allowed === host || allowed === `${host}:${port}` || (url.hostname.startsWith('[') && allowed === `[${host}]:${port}`);
  });
}

export class SsrfRefusedError extends DeliveryError {
  constructor(message: string) {
    super(message, { retryable: false, code: 'ssrf_refused' });
  }
}

/**
 * Resolves the URL's host and returns the address to connect to, or throws when it is forbidden.
 * Connecting to the returned address (not resolving again) closes the DNS-rebinding gap.
 */
export async function resolveSafeAddress(url: URL, policy: SsrfPolicy): Promise<{ address: string; family: 4 | 6; allowListed: boolean }> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SsrfRefusedError(`Only http:// and https:// URLs can be called, not '${url.protocol}'.`);
  }
  const host = normalizeHost(url.hostname);
  const allowListed = isAllowListed(url, policy.allowHosts);
  const literal = net.isIP(host);
  const answers = literal ? [{ address: host, family: literal as 4 | 6 }] : await (policy.resolver ?? systemResolver)(host).catch((error: Error) => {
    throw new DeliveryError(`Could not resolve '${host}': ${error.message}`, { retryable: true, code: 'dns_failed' });
  });
  if (answers.length === 0) throw new DeliveryError(`'${host}' has no address.`, { retryable: true, code: 'dns_failed' });
  if (allowListed) return { ...answers[0], allowListed };
  const forbidden = answers.find((answer) => isForbiddenAddress(answer.address));
  if (forbidden) {
    throw new SsrfRefusedError(
      `Refused to call ${url.origin}: '${host}' ${literal ? 'is' : `resolves to ${forbidden.address}, which is`} a loopback, private, link-local or metadata address. ` +
        `If this host is yours (for example WordPress on the same machine), add '${host}' to the allowed hosts in Affiliate Agent → Settings, “AffiliateWP and notifications”.`,
    );
  }
  return { ...answers[0], allowListed };
}
