import type { Page } from 'playwright-core';

/** One element that sticks out, named well enough to find it in the screenshot. */
export interface Overflow {
  element: string;
  by: number;
}

/**
 * How far the page is wider than the tab's viewport, and the elements of the content area that stick
 * out past it (the widest first), so a failure says what to fix instead of only "too wide".
 *
 * Measured against the viewport the tab was opened with, not window.innerWidth: a phone tab
 * (isMobile) zooms out to fit content that is too wide, so a 390 px tab can report an innerWidth of
 * 1194 px and a page that "fits" it.
 */
export async function horizontalOverflow(page: Page): Promise<{ by: number; culprits: Overflow[] }> {
  const width = page.viewportSize()?.width;
  if (!width) throw new Error('horizontalOverflow needs a tab opened with a fixed viewport (newTab does that)');
  return page.evaluate((viewport) => {
    const name = (element: Element) => `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${[...element.classList].slice(0, 3).map((item) => `.${item}`).join('')}`;
    // Inside a sideways scroll area is where wide content belongs; only what escapes one counts.
    const clipped = (element: Element) => {
      for (let parent = element.parentElement; parent; parent = parent.parentElement) if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(parent).overflowX)) return true;
      return false;
    };
    const culprits = [...document.querySelectorAll('#wpbody *')]
      .filter((element) => !clipped(element))
      .map((element) => ({ element: name(element), by: Math.round(element.getBoundingClientRect().right - viewport) }))
      .filter((candidate) => candidate.by > 1)
      .sort((first, second) => second.by - first.by)
      .slice(0, 5);
    return { by: Math.max(document.documentElement.scrollWidth, window.innerWidth) - viewport, culprits };
  }, width);
}

/** Nothing may scroll sideways (1 px allowed for sub-pixel rounding); a failure lists what sticks out. */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const overflow = await horizontalOverflow(page);
  expect({ ...overflow, fits: overflow.by <= 1 }).toEqual(expect.objectContaining({ fits: true }));
}

/**
 * Tables wider than the card they sit in (px past the card's inner right edge). A table inside a
 * scroll area counts only when the scroll area itself sticks out: scrolling inside the card is the
 * intended way for a wide table to fit a narrow screen.
 */
export async function tablesOutsideCards(page: Page): Promise<Overflow[]> {
  return page.evaluate(() => {
    const name = (element: Element) => `${element.tagName.toLowerCase()}${[...element.classList].slice(0, 4).map((item) => `.${item}`).join('')}`;
    const found: Array<{ element: string; by: number }> = [];
    for (const table of document.querySelectorAll('.aa-app .components-card table')) {
      if (table.classList.contains('screen-reader-text')) continue;
      const body = table.closest('.components-card__body, .components-card')!;
      const padding = parseFloat(getComputedStyle(body).paddingRight) || 0;
      const limit = body.getBoundingClientRect().right - padding;
      const scroller = table.closest('.aa-table-scroll');
      const box = scroller && body.contains(scroller) ? scroller : table;
      const by = Math.round(box.getBoundingClientRect().right - limit);
      if (by > 1) found.push({ element: name(table), by });
    }
    return found;
  });
}

/** The names of the table scroll areas that scroll sideways (their table is wider than the card). */
export async function scrollingTables(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.aa-table-scroll__area')].filter((area) => area.scrollWidth - area.clientWidth > 1).map((area) => area.getAttribute('aria-label') ?? '(unnamed)'),
  );
}

/** Table scroll areas that scroll sideways without the line that says so (the visible affordance). */
export async function scrollAreasWithoutHint(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.aa-table-scroll')]
      .filter((wrapper) => {
        const area = wrapper.querySelector('.aa-table-scroll__area');
        return area && area.scrollWidth - area.clientWidth > 1 && !wrapper.querySelector('.aa-table-scroll__hint');
      })
      .map((wrapper) => wrapper.querySelector('.aa-table-scroll__area')?.getAttribute('aria-label') ?? '(unnamed)'),
  );
}
