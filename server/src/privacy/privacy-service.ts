import { z } from 'zod';
import { parseOrThrow } from '../core/zod-issues';

/**
 * Personal data export and erasure by email (WordPress's privacy tools call these through the plugin).
 * Each domain that stores personal data registers one participant; nothing is discovered implicitly.
 */
export interface PrivacyParticipant {
  name: string;
  exportByEmail(email: string): Array<{ group: string; id: string; data: Array<{ name: string; value: string }> }>;
  /** Returns how many records were erased. */
  eraseByEmail(email: string): number;
}

const emailSchema = z.object({ email: z.string().trim().toLowerCase().email({ message: 'expected an email address' }) });

export function createPrivacyService(participants: PrivacyParticipant[]) {
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
      const erased = Object.fromEntries(participants.map((participant) => [participant.name, participant.eraseByEmail(email)]));
      return { email, erased };
    },
  };
}
export type PrivacyService = ReturnType<typeof createPrivacyService>;
