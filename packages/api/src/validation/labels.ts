// Label and annotation rules with the API server's messages. Keys are "qualified names": an optional
// DNS-1123 subdomain prefix and "/", then a name of at most 63 characters.
import { type FieldError, invalid, tooLong } from "./field-error.js";
import type { FieldPath } from "./field-path.js";
import { byteLength } from "./go-format.js";
import { emptyError, maxLenError, regexError } from "./messages.js";
import { isDns1123Subdomain } from "./names.js";

export const QUALIFIED_NAME_MAX_LENGTH = 63;
export const LABEL_VALUE_MAX_LENGTH = 63;
/** Sum of the UTF-8 bytes of every annotation key and value. */
export const TOTAL_ANNOTATION_SIZE_LIMIT_BYTES = 256 * 1024;

const QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const QUALIFIED_NAME_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

const qualifiedName = new RegExp(`^${QUALIFIED_NAME_FMT}$`);
const labelValue = new RegExp(`^${LABEL_VALUE_FMT}$`);

function qualifiedNameRegexError(): string {
  return regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc");
}

/** A label key or annotation key: `[prefix/]name`. */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split("/");
  if (parts.length > 2) {
    return [
      `a qualified name ${qualifiedNameRegexError()} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  const name = parts.length === 2 ? (parts[1] ?? "") : value;
  if (parts.length === 2) {
    const prefix = parts[0] ?? "";
    if (prefix.length === 0) errs.push(`prefix part ${emptyError()}`);
    else errs.push(...isDns1123Subdomain(prefix).map((msg) => `prefix part ${msg}`));
  }
  if (name.length === 0) errs.push(`name part ${emptyError()}`);
  else if (byteLength(name) > QUALIFIED_NAME_MAX_LENGTH)
    errs.push(`name part ${maxLenError(QUALIFIED_NAME_MAX_LENGTH)}`);
  // Checked even when empty or too long, so an empty name reports both problems, as upstream does.
  if (!qualifiedName.test(name)) errs.push(`name part ${qualifiedNameRegexError()}`);
  return errs;
}

/** A label value: empty, or a qualified-name-like word of at most 63 characters. */
export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > LABEL_VALUE_MAX_LENGTH) errs.push(maxLenError(LABEL_VALUE_MAX_LENGTH));
  if (!labelValue.test(value))
    errs.push(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
  return errs;
}

/** Keys in code-unit order so error lists do not depend on how the map was built. */
function sortedEntries(map: Readonly<Record<string, string>>): [string, string][] {
  return Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function validateLabelName(key: string, path: FieldPath): FieldError[] {
  return isQualifiedName(key).map((msg) => invalid(path, key, msg));
}

/**
 * Every error is reported at the labels map itself (`metadata.labels`), not at `[key]`: that is where the
 * API server puts them, and the bad key or value is in the message.
 */
export function validateLabels(
  labels: Readonly<Record<string, string>> | undefined,
  path: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  for (const [key, value] of sortedEntries(labels ?? {})) {
    errs.push(...validateLabelName(key, path));
    errs.push(...isValidLabelValue(value).map((msg) => invalid(path, value, msg)));
  }
  return errs;
}

/** Total annotation size in bytes, keys included, as the limit counts it. */
export function annotationsSize(annotations: Readonly<Record<string, string>>): number {
  let total = 0;
  for (const [k, v] of Object.entries(annotations)) total += byteLength(k) + byteLength(v);
  return total;
}

/**
 * Keys are qualified names compared case-insensitively (checked lowercased, reported as written); the
 * values are free-form but together with the keys must fit 256 KiB.
 */
export function validateAnnotations(
  annotations: Readonly<Record<string, string>> | undefined,
  path: FieldPath,
): FieldError[] {
  const map = annotations ?? {};
  const errs: FieldError[] = [];
  for (const [key] of sortedEntries(map)) {
    errs.push(...isQualifiedName(key.toLowerCase()).map((msg) => invalid(path, key, msg)));
  }
  const size = annotationsSize(map);
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT_BYTES)
    errs.push(tooLong(path, size, TOTAL_ANNOTATION_SIZE_LIMIT_BYTES));
  return errs;
}
