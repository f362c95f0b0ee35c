export { AppShell } from './component';
export type { AppShellProps } from './types';
