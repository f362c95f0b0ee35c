import { loadScenarios, runEval } from './run-eval';

/**
 * The public scenario suite as part of the test run: its figures are printed (a benchmark, not a
 * timed or thresholded test); only gross failures are asserted — every scenario ran on both engines
 * and every retrieval question was asked. The quick run skips the model that misbehaves on 10% of
 * calls (npm run eval runs it). Set EVAL_FULL=1 to run everything here too.
 */
jest.setTimeout(600_000);

describe('the public scenario suite (npm run eval)', () => {
  it('runs every scenario through the chat API on both engines and prints the figures', async () => {
    const scenarios = loadScenarios().length;
    const figures = await runEval({ quick: process.env.EVAL_FULL !== '1' });
    expect(figures.scenarios).toBe(scenarios);
    expect(scenarios).toBeGreaterThanOrEqual(150);
    expect([...figures.offline.values()].reduce((sum, language) => sum + language.total, 0)).toBe(scenarios);
    for (const level of figures.modelPath) expect(level.runs).toBe(3 * scenarios);
    expect(figures.modelPath.map((level) => level.misbehaviour)).toContain(0);
    expect(figures.retrieval.sets.map((set) => set.total)).toEqual([expect.any(Number), expect.any(Number)]);
    expect(figures.retrieval.sets[1].total).toBeGreaterThanOrEqual(60);
    expect(figures.retrieval.strict.questions).toBe(figures.retrieval.sets[1].total + figures.retrieval.offTopic.total);
  });
});
