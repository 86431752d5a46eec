// Kubernetes' shared wording for numeric and immutability checks (apimachinery validation), so every kind
// reports "must be greater than or equal to 0" and "field is immutable" the same way.
import { type FieldError, invalid } from "./field-error.js";
import type { FieldPath } from "./field-path.js";

export const IS_NEGATIVE_ERROR_MSG = "must be greater than or equal to 0";
export const FIELD_IMMUTABLE_ERROR_MSG = "field is immutable";
/** Go's math.MaxInt32, the bound of most int32 fields. */
export const MAX_INT32 = 2147483647;

/** "must be between 1 and 65535, inclusive". */
export function inclusiveRangeError(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`;
}

/** ValidateNonnegativeField: an Invalid error when `value` is below zero. */
export function validateNonnegative(value: number, path: FieldPath): FieldError[] {
  return value < 0 ? [invalid(path, value, IS_NEGATIVE_ERROR_MSG)] : [];
}
