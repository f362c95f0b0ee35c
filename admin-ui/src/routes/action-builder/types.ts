import type { ActionDefinition, ActionVersion, ActionView } from '../../lib/service-types';

export type { ActionDefinition, ActionVersion, ActionView };

export type BuilderTab = 'intent' | 'fields' | 'qualification' | 'steps' | 'history';
