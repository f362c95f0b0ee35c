import { z } from 'zod';
import { programTermsSchema, type ProgramTerms } from '../contract/program-terms';
import { AppError } from '../core/errors';
import type { Clock } from '../core/clock';
import { readDeliverySettings, type SettingsStore } from '../connectors/delivery-settings';
import { AFFILIATEWP_TRANSPORTS, type ConnectorDependencies } from '../connectors';
import type { Logger } from '../logging/logger';
import { PROGRAM_TERMS_KEY, PROGRAM_TERMS_SOURCE_KEY, readProgramTerms, readProgramTermsSource, type ProgramTermsSource } from '../settings/program-terms-settings';
import { createPeriodicTask } from '../core/periodic-task';

/**
 * Program terms read from AffiliateWP itself (issue 16): the commission, cookie length, currency and
 * payout methods the shop really pays, through the bridge (`affiliatewp/program-terms`), so the
 * agent's exact figures cannot drift from AffiliateWP's settings. The owner keeps what AffiliateWP
 * does not know (payout minimum, the never-promise list). Once imported, the terms are read again
 * every REFRESH_MINUTES while their source is still AffiliateWP; an owner who types their own
 * commission, cookie or currency takes the terms over (settings-routes.ts) and the refresh stops.
 */
export const PROGRAM_TERMS_REFRESH_MINUTES = 60;
const TICK_MS = 60_000;

/** What the bridge answers, checked like any remote answer before a figure reaches a visitor. */
const remoteTermsSchema = z.object({
  commission: z.object({ rate: z.number().min(0).max(1_000_000), type: z.enum(['percentage', 'flat']) }),
  cookieDays: z.number().int().min(0).max(3650),
  currency: z.string().regex(/^[A-Z]{3}$/).nullable(),
  payoutMethods: z.array(z.string().min(1).max(40)).max(10),
});

/** "PayPal", "PayPal or manual payment", "PayPal, Payouts Service or manual payment". */
function methodsInWords(methods: string[]): string | undefined {
  if (!methods.length) return undefined;
  if (methods.length === 1) return methods[0];
  return `${methods.slice(0, -1).join(', ')} or ${methods[methods.length - 1]}`;
}

export function createProgramTermsImport({
  settings,
  connectorDependencies,
  clock,
  logger,
}: {
  settings: SettingsStore;
  /** Built per call from the current settings, so a changed transport or site URL applies at once. */
  connectorDependencies: () => ConnectorDependencies;
  clock: Clock;
  logger: Logger;
}) {
  /** A failed refresh waits a full interval too, instead of warning every minute while WordPress is down. */
  let lastAttemptAt = 0;

  async function importTerms(): Promise<{ terms: ProgramTerms; source: ProgramTermsSource }> {
    const dependencies = connectorDependencies();
    if (dependencies.settings.affiliatewp.transport !== 'bridge') {
      throw new AppError(
        'Reading the program terms from AffiliateWP needs the WordPress bridge transport (Affiliate Agent → Settings, “AffiliateWP and notifications”): AffiliateWP’s REST API does not expose its settings. Enter the terms by hand instead.',
        { status: 409, code: 'program_terms_need_bridge' },
      );
    }
    const answer = await AFFILIATEWP_TRANSPORTS.bridge(dependencies).programTerms();
    const parsed = remoteTermsSchema.safeParse(answer);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError(`AffiliateWP answered program terms this service cannot use (${issue?.path.join('.') || 'answer'}: ${issue?.message}); nothing was changed.`, { status: 502, code: 'program_terms_bad_answer' });
    }
    const remote = parsed.data;
    const current = readProgramTerms(settings);
    const method = methodsInWords(remote.payoutMethods) ?? current?.payout?.method;
    const payout = { ...(current?.payout?.minimum !== undefined ? { minimum: current.payout.minimum } : {}), ...(method ? { method } : {}) };
    const terms = programTermsSchema.parse({
      commission: remote.commission,
      cookieDays: remote.cookieDays,
      ...(Object.keys(payout).length ? { payout } : {}),
      currency: remote.currency ?? current?.currency ?? 'USD',
      neverPromise: current?.neverPromise ?? [],
    });
    const source: ProgramTermsSource = { from: 'affiliatewp', readAt: new Date(clock.now()).toISOString() };
    settings.set(PROGRAM_TERMS_KEY, terms);
    settings.set(PROGRAM_TERMS_SOURCE_KEY, source);
    return { terms, source };
  }

  // One import at a time: a button press during a refresh joins it instead of racing it.
  const task = createPeriodicTask({
    run: () => {
      lastAttemptAt = clock.now();
      return importTerms();
    },
    // Hourly, while the terms come from AffiliateWP and the bridge is the transport.
    due: () => {
      const source = readProgramTermsSource(settings);
      if (source?.from !== 'affiliatewp' || readDeliverySettings(settings).affiliatewp.transport !== 'bridge') return false;
      return clock.now() - Math.max(Date.parse(source.readAt), lastAttemptAt) >= PROGRAM_TERMS_REFRESH_MINUTES * 60_000;
    },
    tickMs: TICK_MS,
  });

  return {
    importNow: task.runOnce,
    start: () =>
      task.start((error) => logger.warn('program terms: could not read them again from AffiliateWP; the stored ones stay', { error: error instanceof Error ? error.message : String(error) })),
    stop: task.stop,
  };
}
export type ProgramTermsImport = ReturnType<typeof createProgramTermsImport>;
