export interface TableHeadProps {
  /** Visible column titles, already translated. */
  columns: string[];
  /** Adds a last column for row buttons, titled for screen readers only. */
  actionsColumn?: boolean;
}
