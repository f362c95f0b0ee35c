/**
 * Click → usable for the chat block (issue 14: ≤ 100 ms): from the visitor's click on the bubble
 * (floating) or the composer (inline) to the first frame where the panel is shown, the greeting
 * is in it and the live composer has the focus. Headless Chromium (playwright-core +
 * /usr/bin/chromium) against the preview page of the real service (in-process, temporary data
 * directory, offline engine); every run is a fresh browser context, so nothing is cached and no
 * conversation is kept. Prints the figures (median and worst), asserts nothing.
 *
 *   npx tsx tests/bench/widget-open-bench.ts [runs per case, default 7]
 */
import fs from 'node:fs';
import { startTestService } from '../support/signed-client';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RUNS = Number(process.argv[2] ?? 7);

/** In the page from the first byte: timestamps the click and watches every frame until usable. */
const WATCH_CLICK = `
  window.__aaOpen = {};
  document.addEventListener('pointerdown', () => {
    const start = performance.now();
    window.__aaOpen.clickAt = start;
    const check = () => {
      const root = document.querySelector('.wp-block-affiliate-agent-chat.is-ready');
      const panel = root && root.querySelector('.wp-block-affiliate-agent-chat__panel');
      const greeting = panel && panel.querySelector('.wp-block-affiliate-agent-chat__message.is-assistant .wp-block-affiliate-agent-chat__text');
      const focused = panel && document.activeElement && panel.contains(document.activeElement) && document.activeElement.tagName === 'TEXTAREA';
      if (panel && !panel.hidden && panel.getBoundingClientRect().height > 0 && greeting && greeting.textContent.trim() && focused) {
        window.__aaOpen.usableMs = performance.now() - start;
      } else if (performance.now() - start < 10000) requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }, { capture: true, once: true });
`;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  if (!fs.existsSync(CHROMIUM)) {
    console.log(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH).`);
    return;
  }
  const { chromium } = await import('playwright-core');
  const service = await startTestService({ environment: { AA_PREVIEW: 'on' } });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const seeded = await import('../../server/src/seed/seed-example');
    const agentId = seeded.seedExampleIfEmpty(service.container)?.agentId ?? service.container.agents.list()[0].id;
    // First request builds the widget when the build is missing or stale; keep that out of the figures.
    await fetch(`${service.url}/widget/widget.js`);
    const cases = [
      { label: 'desktop 1280×860', viewport: { width: 1280, height: 860 }, mobile: false },
      { label: 'mobile 390×760', viewport: { width: 390, height: 760 }, mobile: true },
    ];
    console.log(`click → usable (panel shown, greeting in it, composer focused), ${RUNS} cold runs each\n`);
    for (const { label, viewport, mobile } of cases) {
      for (const mode of ['floating', 'inline'] as const) {
        const figures: number[] = [];
        // When widget.js finished downloading, relative to the click (negative: warmed by hover).
        const widgetFigures: number[] = [];
        for (let run = 0; run < RUNS; run++) {
          const context = await browser.newContext({ viewport, ...(mobile ? { deviceScaleFactor: 2, isMobile: true, hasTouch: true } : {}) });
          const page = await context.newPage();
          await page.addInitScript(WATCH_CLICK);
          await page.goto(`${service.url}/preview/${agentId}?mode=${mode}`, { waitUntil: 'load' });
          const target = mode === 'floating' ? page.getByRole('button', { name: 'Open chat' }) : page.getByRole('textbox');
          if (mobile) await target.tap();
          else await target.click();
          await page.waitForFunction(() => (window as unknown as { __aaOpen: { usableMs?: number } }).__aaOpen.usableMs !== undefined, null, { timeout: 10000 });
          const measured = await page.evaluate(() => {
            const open = (window as unknown as { __aaOpen: { usableMs: number; clickAt: number } }).__aaOpen;
            const widget = performance.getEntriesByType('resource').find((entry) => entry.name.includes('/widget/widget.js')) as PerformanceResourceTiming | undefined;
            return { usable: open.usableMs, widgetLoaded: widget ? widget.responseEnd - open.clickAt : NaN };
          });
          figures.push(measured.usable);
          widgetFigures.push(measured.widgetLoaded);
          await context.close();
        }
        const rounded = figures.map((value) => Math.round(value));
        console.log(`${label.padEnd(18)} ${mode.padEnd(9)} median ${String(Math.round(median(figures))).padStart(4)} ms, worst ${String(Math.max(...rounded)).padStart(4)} ms  [${rounded.join(', ')}]; widget.js arrived at median ${Math.round(median(widgetFigures))} ms`);
      }
    }
  } finally {
    await browser.close();
    await service.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
