import { compareStrings, isObject, type JsonValue } from "./json-value.js";

// The total order structured-merge-diff gives values, so list-map keys and set items sort (and therefore
// serialise) the way the API server sorts them: numbers < strings < booleans < lists < maps < null.

function rank(v: JsonValue): number {
  if (typeof v === "number") return 0;
  if (typeof v === "string") return 1;
  if (typeof v === "boolean") return 2;
  if (Array.isArray(v)) return 3;
  if (isObject(v)) return 4;
  return 5;
}

export function compareValues(a: JsonValue, b: JsonValue): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "string" && typeof b === "string") return compareStrings(a, b);
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = compareValues(a[i] as JsonValue, b[i] as JsonValue);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).sort(compareStrings);
    const kb = Object.keys(b).sort(compareStrings);
    for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
      const na = ka[i] as string;
      const nb = kb[i] as string;
      const c = compareStrings(na, nb) || compareValues(a[na] as JsonValue, b[nb] as JsonValue);
      if (c !== 0) return c;
    }
    return ka.length - kb.length;
  }
  return 0;
}
