import type { EmptyStateProps } from './types';

/** An empty list that says what to do next instead of showing nothing. */
export function EmptyState({ title, children, action }: EmptyStateProps) {
  return (
    <div className="aa-empty-state">
      <h3 className="aa-empty-state__title">{title}</h3>
      <div className="aa-empty-state__text">{children}</div>
      {action ? <div className="aa-empty-state__action">{action}</div> : null}
    </div>
  );
}
