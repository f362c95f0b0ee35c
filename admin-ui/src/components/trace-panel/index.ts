export { TracePanel } from './component';
export type { TraceEntry, TracePanelProps } from './types';
