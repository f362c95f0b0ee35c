import { useEffect, useRef, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import type { TableScrollProps } from './types';

/** Whether the table is wider than its area, and whether the last column is already in view. */
function useSideways(area: { current: HTMLDivElement | null }): { isScrollable: boolean; isAtEnd: boolean; update: () => void } {
  const [state, setState] = useState({ isScrollable: false, isAtEnd: false });
  const update = () => {
    const element = area.current;
    if (!element) return;
    const isScrollable = element.scrollWidth - element.clientWidth > 1;
    const isAtEnd = element.scrollLeft + element.clientWidth >= element.scrollWidth - 1;
    setState((previous) => (previous.isScrollable === isScrollable && previous.isAtEnd === isAtEnd ? previous : { isScrollable, isAtEnd }));
  };
  useEffect(() => {
    update();
    const element = area.current;
    // jsdom has no ResizeObserver (and lays nothing out); browsers re-measure on every size change.
    const observer = typeof ResizeObserver === 'undefined' || !element ? null : new ResizeObserver(update);
    if (element) observer?.observe(element);
    if (element?.firstElementChild) observer?.observe(element.firstElementChild);
    return () => observer?.disconnect();
  });
  return { ...state, update };
}

/**
 * A table that fits its card: long cells wrap (stylesheet), and what still does not fit a narrow
 * screen scrolls inside the card instead of pushing the page sideways. When it scrolls, a line says
 * so and the right edge shades until the last column is in view; the area takes keyboard focus so
 * it can be scrolled with the arrow keys.
 */
export function TableScroll({ label, className, children }: TableScrollProps) {
  const area = useRef<HTMLDivElement>(null);
  const { isScrollable, isAtEnd, update } = useSideways(area);
  return (
    <div className={`aa-table-scroll${isScrollable ? ' is-scrollable' : ''}${isScrollable && !isAtEnd ? ' has-more' : ''}`}>
      {isScrollable ? <p className="aa-table-scroll__hint aa-muted">{__('Scroll sideways to see every column.', 'affiliate-agent')}</p> : null}
      <div
        ref={area}
        className={`aa-table-scroll__area${className ? ` ${className}` : ''}`}
        role="region"
        aria-label={label}
        tabIndex={isScrollable ? 0 : undefined}
        onScroll={update}
      >
        {children}
      </div>
    </div>
  );
}
