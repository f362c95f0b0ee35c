import path from 'node:path';
import { ARTIFACTS_DIR } from './browser';
import { describeOpenPages } from './page-health';

/**
 * A story told in steps: each test is one step and needs the ones before it. When a step fails,
 * the later ones fail at once with a pointer to it, instead of each waiting for its own timeouts.
 * A failed step's message also says what each open tab was doing (support/page-health.ts).
 */
export function storySteps(): (name: string, run: () => Promise<void> | void) => void {
  let failedStep: string | null = null;
  return (name, run) => {
    test(name, async () => {
      if (failedStep) throw new Error(`not run: the earlier step "${failedStep}" failed`);
      try {
        await run();
      } catch (error) {
        failedStep = name;
        if (error instanceof Error) {
          const suite = path.basename(expect.getState().testPath ?? 'unknown', '.test.ts');
          const original = error.message;
          error.message += `\n\nThe browser when the step failed:\n${await describeOpenPages(path.join(ARTIFACTS_DIR, suite))}`;
          // Jest prints the stack, which was written with the original message.
          if (error.stack) error.stack = error.stack.includes(original) ? error.stack.replace(original, error.message) : `${error.stack}\n${error.message.slice(original.length)}`;
        }
        throw error;
      }
    });
  };
}
