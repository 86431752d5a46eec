// Objects reach the field manager as parsed JSON; these helpers treat them as plain JSON trees.

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function deepEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => deepEqual(item, b[i]));
  }
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

export function clone<T extends JsonValue>(v: T): T {
  return structuredClone(v);
}

/** Null map entries removed, recursively: Go's typed objects drop them (nil pointers, omitempty). */
export function dropNulls(v: JsonValue): JsonValue {
  if (Array.isArray(v)) return v.map(dropNulls);
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const [k, child] of Object.entries(v)) if (child !== null) out[k] = dropNulls(child);
  return out;
}

/**
 * JSON as Go's encoding/json writes a map[string]interface{}: keys sorted, `<`, `>`, `&`, U+2028 and
 * U+2029 escaped. Used where the server stores a serialisation clients compare byte for byte.
 */
export function goJson(v: JsonValue): string {
  if (Array.isArray(v)) return `[${v.map(goJson).join(",")}]`;
  if (isObject(v)) {
    const keys = Object.keys(v).sort(compareStrings);
    return `{${keys.map((k) => `${goString(k)}:${goJson(v[k] as JsonValue)}`).join(",")}}`;
  }
  if (typeof v === "string") return goString(v);
  return JSON.stringify(v);
}

function goString(s: string): string {
  return JSON.stringify(s).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** Byte-wise string order (Go's strings.Compare) for the BMP, which is all Kubernetes field names use. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
