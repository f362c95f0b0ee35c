export { FieldError } from './component';
export type { FieldErrorProps } from './types';
