// Reading JSON the way Go's encoding/json does for these conversions: unknown shapes are skipped rather
// than trusted, and object keys may match a field name case-insensitively.

export type JsonObject = Readonly<Record<string, unknown>>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The value of a field, matching its name exactly first and then case-insensitively (as Go does). */
export function field(obj: JsonObject, name: string): unknown {
  if (Object.hasOwn(obj, name)) return obj[name];
  const lower = name.toLowerCase();
  const key = Object.keys(obj).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : obj[key];
}

export function str(obj: JsonObject, name: string): string | undefined {
  const v = field(obj, name);
  return typeof v === "string" ? v : undefined;
}

export function num(obj: JsonObject, name: string): number | undefined {
  const v = field(obj, name);
  return typeof v === "number" ? v : undefined;
}

/** JSON text parsed, or undefined when it is not valid JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Drops undefined members, so optional fields are absent rather than present-and-undefined. */
export function compact<T extends Record<string, unknown>>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}
