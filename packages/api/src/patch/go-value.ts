import { goNumber } from "../validation/go-format.js";
import { isObject } from "./json-value.js";

/**
 * A decoded JSON value as Go's %v prints it (`map[k:v …]` with sorted keys, `[a b]`, `<nil>`), for the
 * strategic merge patch errors that embed the offending map.
 */
export function goV(value: unknown): string {
  if (value === null || value === undefined) return "<nil>";
  if (Array.isArray(value)) return `[${value.map(goV).join(" ")}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `map[${keys.map((k) => `${k}:${goV(value[k])}`).join(" ")}]`;
  }
  if (typeof value === "number") return goNumber(value);
  return String(value);
}
