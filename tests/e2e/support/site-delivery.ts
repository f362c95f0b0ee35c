import type { E2eStack } from './e2e-stack';

/**
 * Points the service's deliveries at this WordPress: mail through its wp_mail and AffiliateWP through
 * the plugin's bridge, with the loopback address the WordPress server listens on allowed past the
 * SSRF guard (it refuses loopback otherwise). `extra` adds to the same settings PATCH.
 */
export async function deliverThroughSite(stack: E2eStack, extra: Record<string, unknown> = {}): Promise<void> {
  const response = await stack.service.signed('PATCH', '/v1/settings/delivery', {
    body: {
      wordpress: { siteUrl: stack.wordpress.url },
      affiliatewp: { transport: 'bridge' },
      network: { allowHosts: [`127.0.0.1:${new URL(stack.wordpress.url).port}`] },
      ...extra,
    },
  });
  if (response.status !== 200) throw new Error(`delivery settings refused (${response.status}): ${JSON.stringify(response.body)}`);
}

/** Polls `probe` every 300 ms until it answers something truthy; fails naming `what` after the timeout. */
export async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}
