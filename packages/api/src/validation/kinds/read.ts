// Defensive reads of decoded request bodies. Objects reach validation as parsed JSON (or protobuf turned
// into JSON), so a field may be missing, null, or of the wrong shape; these helpers give the Go zero value
// instead of throwing, which is how Kubernetes sees an absent field.

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The value when it is an array, else []. Elements are typed by the caller's schema (kubernetes-types). */
export function list<T>(v: readonly T[] | null | undefined): T[];
export function list<T>(v: unknown): T[];
export function list<T>(v: unknown): T[] {
  return Array.isArray(v) ? (v as T[]) : [];
}

/** A string map (labels, selectors, data) when it is an object, else {}. */
export function strMap(v: unknown): Record<string, string> {
  return isObj(v) ? (v as Record<string, string>) : {};
}

/** The string, or "" (Go's zero value) for anything else. */
export function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

/** The number, or 0 for anything else. */
export function num(v: unknown): number {
  return typeof v === "number" && Number.isFinite(v) ? v : 0;
}

/** A Go pointer field: undefined for null/undefined, the value otherwise. */
export function ptr<T>(v: T | null | undefined): T | undefined {
  return v === null || v === undefined ? undefined : v;
}

/** Keys in Go byte order (Kubernetes walks maps in random order; sorting makes error lists stable). */
export function sortedKeys(map: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(map).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Non-null check for typed optional fields (a Go pointer that is set). */
export function present<T>(v: T | null | undefined): v is T {
  return v !== null && v !== undefined;
}

/** The value typed as `T` when it is an object, else an empty object of that type (Go's zero struct). */
export function objectAs<T>(v: unknown): T {
  return (isObj(v) ? v : {}) as unknown as T;
}

/** `obj[key]` typed as `T` when both are objects, else an empty object (Go's zero struct). */
export function fieldAs<T>(obj: unknown, key: string): T {
  return objectAs<T>(isObj(obj) ? obj[key] : undefined);
}
