import type { Migration } from '../migrate';
import { coreSchema } from './001-core';
import { conversationsSchema } from './002-conversations';
import { knowledgeSchema } from './003-knowledge';
import { outboxSchema } from './004-outbox';
import { knowledgeChangesSchema } from './005-knowledge-changes';
import { leadIdentitySchema } from './006-lead-identity';
import { interruptedAttemptsSchema } from './007-interrupted-attempts';
import { replayNoncesSchema } from './008-replay-nonces';
import { leadSignalsSchema } from './009-lead-signals';
import { affiliateOwnersSchema } from './010-affiliate-owners';
import { emailVerificationSchema } from './011-email-verification';
import { typedMailSchema } from './012-typed-mail';
import { autoApprovalIndexSchema } from './013-auto-approval-index';
import { funnelStepsSchema } from './014-funnel-steps';
import { managerDigestSchema } from './015-manager-digest';

/**
 * Every migration, in order. Adding one is a new numbered file plus one line here.
 * Reserved numbers: 002 conversations and usage (runtime), 003 knowledge, 004 outbox, 005 knowledge change log, 006 lead identity, 007 interrupted attempts (issue 12), 008 accepted request nonces (issue 11), 009 lead signals (issue 16, trust checks), 010 affiliate owner indexes (issue 16, two-way status), 011 email verification (issue 12), 012 mail to visitor-typed addresses (issue 12, caps), 013 index of auto-approved events (issue 16), 014 funnel steps (issue 16, recruitment funnel), 015 the manager's daily digest (issue 16).
 */
export const MIGRATIONS: Migration[] = [coreSchema, conversationsSchema, knowledgeSchema, outboxSchema, knowledgeChangesSchema, leadIdentitySchema, interruptedAttemptsSchema, replayNoncesSchema, leadSignalsSchema, affiliateOwnersSchema, emailVerificationSchema, typedMailSchema, autoApprovalIndexSchema, funnelStepsSchema, managerDigestSchema];
