// Defaulting works on a private copy so callers' objects (often cached or shared) are never changed.

/** A deep copy of a JSON-shaped API object. */
export function deepCopy<T>(obj: T): T {
  return structuredClone(obj);
}
