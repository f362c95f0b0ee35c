/**
 * A model that misbehaves for a whole turn (unknown tools or malformed arguments past the limit, or
 * tool calls until the step limit) hands the turn to the offline engine, so the visitor can always
 * finish instead of reading the same apology every turn.
 */
export class ModelFallback extends Error {
  constructor(readonly reason: 'step-limit' | 'model-misbehaved', readonly details: Record<string, unknown>) {
    super(`model gave up the turn: ${reason}`);
    this.name = 'ModelFallback';
  }
}
