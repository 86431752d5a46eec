// IntOrString knobs of rolling updates (maxSurge, maxUnavailable): a non-negative integer or "N%".
import { type FieldError, invalid } from "../field-error.js";
import type { FieldPath } from "../field-path.js";
import { regexError } from "../messages.js";
import { IS_NEGATIVE_ERROR_MSG } from "../numbers.js";

const PERCENT_FMT = "[0-9]+%";
const PERCENT_MSG = "a valid percent string must be a numeric string followed by an ending '%'";
const percent = new RegExp(`^${PERCENT_FMT}$`);

export function isValidPercent(value: string): string[] {
  return percent.test(value) ? [] : [regexError(PERCENT_MSG, PERCENT_FMT, "1%", "93%")];
}

/** ValidatePositiveIntOrPercent (which, despite its name, accepts 0). */
export function validatePositiveIntOrPercent(value: unknown, path: FieldPath): FieldError[] {
  if (typeof value === "string") return isValidPercent(value).map((msg) => invalid(path, value, msg));
  if (typeof value === "number") return value < 0 ? [invalid(path, value, IS_NEGATIVE_ERROR_MSG)] : [];
  return [invalid(path, value ?? null, "must be an integer or percentage (e.g '5%%')")];
}

/** The percentage of a valid "N%" string, else undefined. */
function percentValue(value: unknown): number | undefined {
  if (typeof value !== "string" || isValidPercent(value).length > 0) return undefined;
  return Number(value.slice(0, -1));
}

/**
 * getIntOrPercentValue: the number of a percentage or an integer. Strings that are not percentages count
 * as 0, the way Go's IntValue() parses them leniently.
 */
export function intOrPercentValue(value: unknown): number {
  const pct = percentValue(value);
  if (pct !== undefined) return pct;
  if (typeof value === "number") return value;
  if (typeof value === "string") return /^[-+]?[0-9]+$/.test(value) ? Number(value) : 0;
  return 0;
}

export function isNotMoreThan100Percent(value: unknown, path: FieldPath): FieldError[] {
  const pct = percentValue(value);
  if (pct === undefined || pct <= 100) return [];
  return [invalid(path, value, "must not be greater than 100%")];
}
