/**
 * A story told in steps: each test is one step and needs the ones before it. When a step fails,
 * the later ones fail at once with a pointer to it, instead of each waiting for its own timeouts.
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
        throw error;
      }
    });
  };
}
