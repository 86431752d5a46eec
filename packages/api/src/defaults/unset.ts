// What "not set" means before defaulting. Go serialises every non-pointer field, so bodies decoded from
// protobuf (and JSON from Go clients without omitempty) carry explicit zero values: "", 0, false, null.
// Only fields whose Go type is a NON-pointer scalar or struct may be read that way; for pointer fields
// (replicas, revisionHistoryLimit, enableServiceLinks, …) 0 and false are real choices, so use isNil.

/** True for null and undefined: the only "unset" values of a Go pointer field. */
export function isNil(v: unknown): v is null | undefined {
  return v === null || v === undefined;
}

/**
 * True for the zero value of a Go non-pointer field: "", 0, false, null, undefined, and an object with no
 * own keys (a non-pointer struct left at its zero value, e.g. `"strategy":{}`).
 */
export function isUnset(v: unknown): boolean {
  if (isNil(v) || v === "" || v === 0 || v === false) return true;
  if (typeof v === "object" && !Array.isArray(v)) return Object.keys(v).length === 0;
  return false;
}
