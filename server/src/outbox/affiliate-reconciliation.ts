import type { Affiliate } from '../connectors/affiliatewp-types';
import { readDeliverySettings, type SettingsStore } from '../connectors/delivery-settings';
import type { Clock } from '../core/clock';
import type { Logger } from '../logging/logger';
import type { AffiliateStatusSync } from './affiliate-status-sync';
import type { OutboxRepository } from './outbox-repository';
import { createPeriodicTask } from '../core/periodic-task';

/**
 * With the REST transport nothing inside WordPress tells us when a manager approves an affiliate in
 * AffiliateWP's screens, so every `affiliatewp.reconcileMinutes` (default 15, 0 = off) the service
 * reads back the affiliates of undecided leads (`GET /affiliates/{id}`) and lets the status sync
 * apply what changed. Cheap by construction: only leads still new or contacted that own an
 * affiliate are read, in pages of BATCH_SIZE, at most MAX_PER_RUN per run (the rest next time,
 * oldest first). With the bridge the plugin's hook reports changes itself, so this never runs.
 */
export const RECONCILE_BATCH_SIZE = 50;
export const RECONCILE_MAX_PER_RUN = 500;
const TICK_MS = 60_000;

export interface ReconciliationReport {
  ran: boolean;
  reason?: string;
  checked: number;
  changed: number;
  failed: number;
}

export function createAffiliateReconciler({
  candidates,
  sync,
  readAffiliate,
  settings,
  clock,
  logger,
}: {
  candidates: Pick<OutboxRepository, 'undecidedLeadsWithAffiliate'>;
  sync: Pick<AffiliateStatusSync, 'apply'>;
  /** Built per run from the current settings, so a changed key applies at once. */
  readAffiliate: () => (affiliateId: number) => Promise<Affiliate>;
  settings: SettingsStore;
  clock: Clock;
  logger: Logger;
}) {
  let lastRunAt: number | null = null;

  async function reconcile(): Promise<ReconciliationReport> {
    const delivery = readDeliverySettings(settings);
    if (delivery.affiliatewp.transport !== 'rest') return { ran: false, reason: 'the AffiliateWP transport is not REST', checked: 0, changed: 0, failed: 0 };
    const read = readAffiliate();
    const report: ReconciliationReport = { ran: true, checked: 0, changed: 0, failed: 0 };
    let after: string | undefined;
    while (report.checked + report.failed < RECONCILE_MAX_PER_RUN) {
      const page = candidates.undecidedLeadsWithAffiliate({ limit: RECONCILE_BATCH_SIZE, after });
      for (const { affiliateId } of page) {
        try {
          const affiliate = await read(affiliateId);
          report.checked += 1;
          if (affiliate.status === 'pending') continue;
          const outcome = sync.apply({ affiliateId, status: affiliate.status, actor: { userId: 0, displayName: 'AffiliateWP' } });
          if (outcome.changed) report.changed += 1;
        } catch (error) {
          report.failed += 1;
          logger.warn('affiliatewp reconciliation: could not read an affiliate', { affiliateId, error: error instanceof Error ? error.message : String(error) });
        }
      }
      if (page.length < RECONCILE_BATCH_SIZE) break;
      after = page[page.length - 1]!.createdAt;
    }
    return report;
  }

  const task = createPeriodicTask({
    run: () =>
      reconcile().finally(() => {
        lastRunAt = clock.now();
      }),
    due: () => {
      const minutes = readDeliverySettings(settings).affiliatewp.reconcileMinutes;
      return minutes > 0 && (lastRunAt === null || clock.now() - lastRunAt >= minutes * 60_000);
    },
    tickMs: TICK_MS,
  });

  return {
    /** One pass now, whatever the interval (tests, and the first tick after start). */
    runOnce: task.runOnce,

    /** Checks once a minute whether a pass is due; a pass never overlaps another. */
    start: () => task.start((error) => logger.warn('affiliatewp reconciliation: the pass failed', { error: error instanceof Error ? error.message : String(error) })),
    stop: task.stop,
  };
}
export type AffiliateReconciler = ReturnType<typeof createAffiliateReconciler>;
