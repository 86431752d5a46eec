// Plain JSON values as the patch code handles them. Keys are set with defineProperty so a patch carrying a
// "__proto__" member stores a plain field instead of re-parenting the object (a patch runs before
// validation, which must not read fields through a forged prototype).

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function hasKey(object: JsonObject, key: string): boolean {
  return Object.hasOwn(object, key);
}

export function setKey(object: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
}

/** A deep copy (the inputs are parsed JSON, so structured cloning is exact). */
export function deepClone<T>(value: T): T {
  return structuredClone(value);
}

/**
 * A copy without null object members, at any depth. The real API server decodes the patched document into
 * Go structs, where a null field is the same as an absent one; dropping them here gives the same stored
 * object (e.g. the `"creationTimestamp": null` of `kubectl rollout undo`'s template).
 */
export function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, member] of Object.entries(value)) {
    if (member !== null) setKey(out, key, dropNulls(member));
  }
  return out;
}

/** The JSON kind as Go's encoding/json names it in "cannot unmarshal <kind> into …" errors. */
export function goJsonKind(value: unknown): string {
  if (Array.isArray(value)) return "array";
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return "string";
    case "number":
      return "number";
    case "boolean":
      return "bool";
    default:
      return "object";
  }
}
