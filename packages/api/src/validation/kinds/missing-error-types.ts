// Kubernetes has two field error types that ../field-error.ts does not define yet: NotFound ("Not found:
// \"x\"", reason FieldValueNotFound) and TooMany ("Too many: 1001: must have at most 1000 items", reason
// FieldValueTooMany). This kind-validation work may not edit that file, so until those types exist these
// stand-ins report the same field with an Invalid error carrying the same information. Swapping them for
// the real constructors is a change to this file only.
import { type FieldError, invalid } from "../field-error.js";
import type { FieldPath } from "../field-path.js";

/** Stand-in for field.NotFound(path, value). */
export function notFound(path: FieldPath, value: unknown): FieldError {
  return invalid(path, value, "not found");
}

/** Stand-in for field.TooMany(path, actual, max). */
export function tooMany(path: FieldPath, actual: number, max: number): FieldError {
  return invalid(path, actual, `must have at most ${max} items`);
}
