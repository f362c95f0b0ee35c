import type { Migration } from '../migrate';
import { coreSchema } from './001-core';
import { conversationsSchema } from './002-conversations';
import { knowledgeSchema } from './003-knowledge';
import { outboxSchema } from './004-outbox';
import { knowledgeChangesSchema } from './005-knowledge-changes';
import { replayNoncesSchema } from './006-replay-nonces';

/**
 * Every migration, in order. Adding one is a new numbered file plus one line here.
 * Reserved numbers: 002 conversations and usage (runtime), 003 knowledge, 004 outbox, 005 knowledge change log, 006 accepted request nonces.
 */
export const MIGRATIONS: Migration[] = [coreSchema, conversationsSchema, knowledgeSchema, outboxSchema, knowledgeChangesSchema, replayNoncesSchema];
