export interface FieldErrorProps {
  /** The service's message for this input; nothing renders without one. */
  message?: string;
}
