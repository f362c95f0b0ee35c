import { useEffect } from '@wordpress/element';

/** The CSS variable (on <html>) that holds the height the snackbars take at the bottom of the window. */
export const SNACKBAR_SPACE = '--aa-snackbar-space';

/**
 * Keeps SNACKBAR_SPACE equal to the snackbar dock's height plus its gap to the window's edge (0 with
 * no snackbar), as the stylesheet reserves that much below the app and in the page's scroll padding.
 */
export function useSnackbarSpace(dock: { current: HTMLElement | null }, count: number): void {
  useEffect(() => {
    const element = dock.current;
    const root = document.documentElement;
    if (!element) return undefined;
    const measure = () => {
      const box = element.getBoundingClientRect();
      const space = box.height > 0 ? Math.ceil(window.innerHeight - box.top) : 0;
      root.style.setProperty(SNACKBAR_SPACE, `${Math.max(0, space)}px`);
    };
    measure();
    // jsdom and old browsers have no ResizeObserver; the count change above still re-measures there.
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    observer?.observe(element);
    window.addEventListener('resize', measure);
    return () => {
      observer?.disconnect();
      window.removeEventListener('resize', measure);
      root.style.removeProperty(SNACKBAR_SPACE);
    };
  }, [dock, count]);
}
