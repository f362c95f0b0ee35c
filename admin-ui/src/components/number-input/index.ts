export { NumberInput } from './component';
export type { NumberInputProps } from './types';
