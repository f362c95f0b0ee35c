export { SafeLink } from './component';
export type { SafeLinkProps } from './types';
