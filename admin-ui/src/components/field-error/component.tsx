import type { FieldErrorProps } from './types';

/** The service's field-level message, right under the input it is about. */
export function FieldError({ message }: FieldErrorProps) {
  if (!message) return null;
  return (
    <p className="aa-field-error" role="alert">
      {message}
    </p>
  );
}
