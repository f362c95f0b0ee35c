export type { UsageDay, UsageReport } from '../../../../server/src/contract/usage';
