export { ListInput } from './component';
export type { ListInputProps } from './types';
