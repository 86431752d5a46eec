import type { FieldSchema } from "../schema/index.js";

// How strategic merge patch reads the schema: the tags live on the field, so a child is looked up first and
// its tags then decide how its value merges. Fields the schema does not know merge like JSON merge patch.

/** The schema of member `key` of an object described by `schema`. */
export function memberSchema(schema: FieldSchema | undefined, key: string): FieldSchema | undefined {
  if (schema === undefined) return undefined;
  if (schema.fields !== undefined && Object.hasOwn(schema.fields, key)) return schema.fields[key];
  return schema.values;
}

function strategies(schema: FieldSchema | undefined): readonly string[] {
  return schema?.patchStrategy?.split(",").map((s) => s.trim()) ?? [];
}

/** Lists merge only with a "merge" strategy; every other list is replaced whole. */
export function mergesList(schema: FieldSchema | undefined): boolean {
  return strategies(schema).includes("merge");
}

/** Maps merge unless the field says "replace". */
export function replacesMap(schema: FieldSchema | undefined): boolean {
  return strategies(schema).includes("replace");
}
