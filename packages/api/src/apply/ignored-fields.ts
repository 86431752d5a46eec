import type { Comparison } from "./compare.js";
import { FieldSet } from "./field-set.js";
import { fieldElement } from "./path-element.js";

// Fields a write through this endpoint cannot change, so nobody gains or loses them through it: the API
// server's "reset fields" (status through the main resource, spec through /status…), which the resource's
// strategy puts back to the stored value anyway.

/** Paths as field names, e.g. [["status"]] or [["metadata", "labels"]]. */
export type FieldPaths = readonly (readonly string[])[];

export function ignoredSet(paths: FieldPaths | undefined): FieldSet | undefined {
  if (paths === undefined || paths.length === 0) return undefined;
  return FieldSet.of(...paths.map((p) => p.map(fieldElement)));
}

export function withoutIgnored(c: Comparison, ignored: FieldSet | undefined): Comparison {
  if (ignored === undefined) return c;
  return {
    added: c.added.recursiveDifference(ignored),
    modified: c.modified.recursiveDifference(ignored),
    removed: c.removed.recursiveDifference(ignored),
  };
}
