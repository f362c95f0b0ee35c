import path from 'node:path';

/**
 * Where a worker thread's entry file is and how to load it. Under tsx or jest this code runs as
 * TypeScript, so the worker gets tsx's CommonJS hook; a compiled build loads the .js next to it.
 */
export function workerScript(name: string): { file: string; execArgv: string[] } {
  const extension = path.extname(__filename);
  const file = path.join(__dirname, `${name}${extension}`);
  return extension === '.ts' ? { file, execArgv: ['--require', require.resolve('tsx/cjs')] } : { file, execArgv: [] };
}
