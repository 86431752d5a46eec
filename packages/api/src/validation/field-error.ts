// One field problem found by validation, in the shape and wording of Kubernetes' field errors: the type
// becomes a Status cause's `reason`, the rendered body its `message`, and `field` its `field`.
import type { FieldPath } from "./field-path.js";
import { goQuote, goValue } from "./go-format.js";

export type FieldErrorType =
  | "FieldValueInvalid"
  | "FieldValueRequired"
  | "FieldValueDuplicate"
  | "FieldValueNotSupported"
  | "FieldValueTooLong"
  | "FieldValueForbidden";

export interface FieldError {
  readonly type: FieldErrorType;
  /** The rendered path, e.g. "spec.containers[0].name". */
  readonly field: string;
  /** The offending value; absent for error types whose message never shows one. */
  readonly badValue?: unknown;
  readonly detail: string;
}

/** The words Kubernetes puts before the value/detail for each error type. */
const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueInvalid: "Invalid value",
  FieldValueRequired: "Required value",
  FieldValueDuplicate: "Duplicate value",
  FieldValueNotSupported: "Unsupported value",
  FieldValueTooLong: "Too long",
  FieldValueForbidden: "Forbidden",
};

/** Types whose message never includes the value (it is either absent or, for TooLong, too big to echo). */
const VALUELESS: ReadonlySet<FieldErrorType> = new Set([
  "FieldValueRequired",
  "FieldValueForbidden",
  "FieldValueTooLong",
]);

function render(path: FieldPath | string): string {
  return typeof path === "string" ? path : path.toString();
}

export function invalid(path: FieldPath | string, value: unknown, detail: string): FieldError {
  return { type: "FieldValueInvalid", field: render(path), badValue: value, detail };
}

export function required(path: FieldPath | string, detail = ""): FieldError {
  return { type: "FieldValueRequired", field: render(path), detail };
}

export function duplicate(path: FieldPath | string, value: unknown): FieldError {
  return { type: "FieldValueDuplicate", field: render(path), badValue: value, detail: "" };
}

/** The supported values are listed quoted, in the order given (callers pass them sorted when it matters). */
export function notSupported(
  path: FieldPath | string,
  value: unknown,
  supported: readonly string[],
): FieldError {
  const detail = supported.length === 0 ? "" : `supported values: ${supported.map(goQuote).join(", ")}`;
  return { type: "FieldValueNotSupported", field: render(path), badValue: value, detail };
}

/**
 * The value is kept for callers but never echoed: it may be huge (annotations, a 256 KiB limit). A negative
 * `max` means the limit is unknown.
 */
export function tooLong(path: FieldPath | string, value: unknown, max: number): FieldError {
  const detail =
    max < 0 ? "value is too long" : `may not be more than ${max} ${max === 1 ? "byte" : "bytes"}`;
  return { type: "FieldValueTooLong", field: render(path), badValue: value, detail };
}

export function forbidden(path: FieldPath | string, detail: string): FieldError {
  return { type: "FieldValueForbidden", field: render(path), detail };
}

/** The message without the field: what a Status cause carries, e.g. `Invalid value: "x": must be …`. */
export function errorBody(e: FieldError): string {
  let s = TYPE_TEXT[e.type];
  if (!VALUELESS.has(e.type)) s += `: ${goValue(e.badValue)}`;
  if (e.detail.length > 0) s += `: ${e.detail}`;
  return s;
}

/** The full line kubectl prints for a cause: `metadata.name: Invalid value: "Foo": …`. */
export function errorMessage(e: FieldError): string {
  return `${e.field}: ${errorBody(e)}`;
}
