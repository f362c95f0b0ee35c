export type { UsageDay, UsageReport } from '../../../../server/src/usage/usage-service';
