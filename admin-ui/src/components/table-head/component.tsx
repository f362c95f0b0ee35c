import { __ } from "@wordpress/i18n";
import type { TableHeadProps } from "./types";

/** The header row of a wp-admin list table: scoped column titles, and an optional unlabeled-looking actions column. */
export function TableHead({ columns, actionsColumn = false }: TableHeadProps) {
  return (
    <thead>
      <tr>
        {columns.map((title) => (
          <th key={title} scope="col">
            {title}
          </th>
        ))}
        {actionsColumn ? (
          <th scope="col">
            <span className="screen-reader-text">
              {__("Actions", "affiliate-agent")}
            </span>
          </th>
        ) : null}
      </tr>
    </thead>
  );
}
