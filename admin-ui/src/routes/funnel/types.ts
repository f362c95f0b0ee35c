export type { FunnelCounts, FunnelFieldStep, FunnelGroup, FunnelGroupBy, FunnelReport } from '../../../../server/src/contract/funnel';
