export { DefinitionDiff } from './component';
export { diffDefinitions, flatten } from './diff';
export type { DefinitionDiffProps, DiffLine } from './types';
