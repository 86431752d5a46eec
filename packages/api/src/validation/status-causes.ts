// Turns field errors into the pieces of a 422 Invalid Status, worded as the API server words them.
import { errorBody, errorMessage, type FieldError } from "./field-error.js";

/** Structurally the `Cause` of ../errors.ts: reason = error type, message = body without the field. */
export interface FieldCause {
  readonly reason: string;
  readonly field: string;
  readonly message: string;
}

export function toCause(e: FieldError): FieldCause {
  return { reason: e.type, field: e.field, message: errorBody(e) };
}

/** One cause per error, in order (the API server keeps duplicates in `causes`). */
export function toCauses(errors: readonly FieldError[]): FieldCause[] {
  return errors.map(toCause);
}

/**
 * The text after "is invalid: ": one error alone, or several in "[a, b]". Identical lines are listed once,
 * as the API server drops repeats from the message (not from the causes).
 */
export function aggregateMessage(errors: readonly FieldError[]): string {
  const lines = [...new Set(errors.map(errorMessage))];
  return lines.length === 1 ? (lines[0] ?? "") : `[${lines.join(", ")}]`;
}
