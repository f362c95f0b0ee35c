export { TableScroll } from './component';
export type { TableScrollProps } from './types';
