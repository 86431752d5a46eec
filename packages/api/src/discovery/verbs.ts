import type { Verb } from "../registry/index.js";

/** Verbs as the API server lists them: sorted alphabetically (create, delete, deletecollection, get, …). */
export function sortedVerbs(verbs: readonly Verb[]): readonly Verb[] {
  return [...verbs].sort();
}
