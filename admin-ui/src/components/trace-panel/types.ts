export interface TraceEntry {
  /** The turn it belongs to, counting visitor messages from 1. */
  turn: number;
  kind: string;
  data: Record<string, unknown>;
}

export interface TracePanelProps {
  entries: TraceEntry[];
}
