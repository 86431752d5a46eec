// What each kind provides: create, update and status-update validation of decoded (and defaulted) objects.
import type { FieldError } from "../field-error.js";

export interface KindValidator {
  /** Whether objects of the kind live in a namespace. */
  readonly namespaced: boolean;
  create(obj: unknown): FieldError[];
  update(obj: unknown, old: unknown): FieldError[];
  status(obj: unknown, old: unknown): FieldError[];
}
