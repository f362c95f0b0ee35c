export { SetupChecklist } from './component';
export { markPlaygroundTried } from './api';
export type { SetupChecklistProps, SetupStep, SiteSetupProgress } from './types';
