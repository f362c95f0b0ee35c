/**
 * A background pass that runs now and then, never two at once: `runOnce()` joins a pass already
 * under way instead of starting a second; `start()` checks once a tick whether a pass is `due()`;
 * `stop()` ends the ticks and waits for a pass in flight (shutdown). The timer never keeps the
 * process alive on its own.
 */
export function createPeriodicTask<Result>({ run, due, tickMs = 60_000 }: { run: () => Promise<Result>; due: () => boolean; tickMs?: number }) {
  let running: Promise<Result> | null = null;
  let timer: NodeJS.Timeout | null = null;

  function runOnce(): Promise<Result> {
    running ??= run().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    runOnce,
    isRunning: () => running !== null,
    start(onError: (error: unknown) => void) {
      if (timer) return;
      timer = setInterval(() => {
        if (running || !due()) return;
        runOnce().catch(onError);
      }, tickMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
  };
}
