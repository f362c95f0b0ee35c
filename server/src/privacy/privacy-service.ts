import { z } from 'zod';
import { parseOrThrow } from '../core/zod-issues';

/**
 * Personal data export and erasure by email (WordPress's privacy tools call these through the plugin).
 * Each domain that stores personal data registers one participant; nothing is discovered implicitly.
 * Participants erase in the order given: one that finds its rows through another's (conversations
 * through the leads that link them) comes before it.
 */
export interface ExportItem {
  group: string;
  id: string;
  data: Array<{ name: string; value: string }>;
}

/** Something about the person the service could not or must not erase, and why (shown to the site owner). */
export interface RetainedRecord {
  what: string;
  why: string;
}

export interface ErasureOutcome {
  /** Records deleted outright. */
  erased: number;
  /** Records kept whose mentions of the person were replaced (another person's conversation that names them). */
  anonymised?: number;
  retained?: RetainedRecord[];
}

export interface PrivacyParticipant {
  name: string;
  exportByEmail(email: string): ExportItem[];
  eraseByEmail(email: string): ErasureOutcome;
}

export interface PrivacyServiceOptions {
  /** Wraps the whole erasure, so it happens completely or not at all. */
  transaction?: <T>(work: () => T) => T;
  /** Runs after every participant: makes deleted bytes unreadable (search index merge, log checkpoint). */
  scrub?: () => void;
}

const emailSchema = z.object({ email: z.string().trim().toLowerCase().email({ message: 'expected an email address' }) });

export function createPrivacyService(participants: PrivacyParticipant[], options: PrivacyServiceOptions = {}) {
  return {
    register(participant: PrivacyParticipant): void {
      participants.push(participant);
    },
    export(input: unknown) {
      const { email } = parseOrThrow(emailSchema, input, 'privacy request');
      return { email, items: participants.flatMap((participant) => participant.exportByEmail(email)) };
    },
    erase(input: unknown) {
      const { email } = parseOrThrow(emailSchema, input, 'privacy request');
      const erased: Record<string, number> = {};
      const anonymised: Record<string, number> = {};
      const retained: Array<RetainedRecord & { participant: string }> = [];
      const run = options.transaction ?? (<T>(work: () => T) => work());
      run(() => {
        for (const participant of participants) {
          const outcome = participant.eraseByEmail(email);
          erased[participant.name] = outcome.erased;
          if (outcome.anonymised) anonymised[participant.name] = outcome.anonymised;
          for (const record of outcome.retained ?? []) retained.push({ participant: participant.name, ...record });
        }
      });
      options.scrub?.();
      return { email, erased, anonymised, retained };
    },
  };
}
export type PrivacyService = ReturnType<typeof createPrivacyService>;
