import type { FieldSchema } from "../schema/index.js";
import { isObject, type JsonValue } from "./json-value.js";

// How the field manager treats one node of an object, from its schema (and, where the schema says nothing,
// from the value itself, as structured-merge-diff's "deduced" type does for free-form JSON):
//  - leaf: a scalar, or an atomic map/list, owned and replaced as a whole;
//  - map: a struct or granular map, merged key by key;
//  - list: a granular list, merged item by item, keyed by `keys` (a "map" list) or by value (a "set").

export type Shape =
  | { readonly kind: "leaf" }
  | { readonly kind: "map"; readonly schema: FieldSchema | undefined }
  | {
      readonly kind: "list";
      readonly keys: readonly string[] | undefined;
      readonly item: FieldSchema | undefined;
    };

const LEAF: Shape = { kind: "leaf" };

/** The list type a schema declares; lists with the "merge" patch strategy but no list type count as
 * associative (keyed by their patch merge key, else by value), as Kubernetes converts its OpenAPI. */
function listShape(schema: FieldSchema): Shape {
  const item = schema.items;
  const keys = schema.listMapKeys ?? [];
  switch (schema.listType) {
    case "map":
      return keys.length > 0 ? { kind: "list", keys, item } : LEAF;
    case "set":
      return { kind: "list", keys: undefined, item };
    case "atomic":
      return LEAF;
    default:
      if (schema.patchStrategy?.split(",").includes("merge")) {
        const key = schema.patchMergeKey;
        return { kind: "list", keys: key === undefined ? undefined : [key], item };
      }
      return LEAF;
  }
}

function typedShape(schema: FieldSchema | undefined): Shape | undefined {
  if (schema === undefined) return undefined;
  if (schema.items !== undefined) return listShape(schema);
  if (schema.fields !== undefined || schema.values !== undefined) {
    return schema.mapType === "atomic" ? LEAF : { kind: "map", schema };
  }
  return undefined;
}

function fits(shape: Shape, value: JsonValue | undefined): boolean {
  if (value === undefined || value === null) return true;
  if (shape.kind === "map") return isObject(value);
  if (shape.kind === "list") return Array.isArray(value);
  return true;
}

/** The shape of one value under `schema`; a value of the wrong JSON type for its schema is a leaf. */
export function shapeOf(schema: FieldSchema | undefined, value: JsonValue | undefined): Shape {
  const typed = typedShape(schema);
  if (typed !== undefined) return fits(typed, value) ? typed : LEAF;
  return isObject(value) ? { kind: "map", schema: undefined } : LEAF;
}

/** The shape shared by two sides of a merge or comparison; sides that disagree are compared as leaves. */
export function sharedShape(
  schema: FieldSchema | undefined,
  a: JsonValue | undefined,
  b: JsonValue | undefined,
): Shape {
  const typed = typedShape(schema);
  if (typed !== undefined) return fits(typed, a) && fits(typed, b) ? typed : LEAF;
  const sa = a === undefined ? undefined : shapeOf(undefined, a);
  const sb = b === undefined ? undefined : shapeOf(undefined, b);
  if (sa !== undefined && sb !== undefined && sa.kind !== sb.kind) return LEAF;
  return sa ?? sb ?? LEAF;
}

/** Whether `key` is a named field of a struct, as opposed to an entry of a map. */
export function isNamedField(mapSchema: FieldSchema | undefined, key: string): boolean {
  if (mapSchema?.fields === undefined) return false;
  // A struct's schema may list only the fields with special semantics; every key of a struct is still
  // one of its fields. Only a schema that also declares `values` has free-form entries.
  return Object.hasOwn(mapSchema.fields, key) || mapSchema.values === undefined;
}

/** The schema of a map's entry, and whether it is a named (struct) field. */
export function entrySchema(
  mapSchema: FieldSchema | undefined,
  key: string,
): { schema: FieldSchema | undefined; named: boolean } {
  const field = mapSchema?.fields?.[key];
  return { schema: field ?? mapSchema?.values, named: isNamedField(mapSchema, key) };
}

/** True for null, undefined and empty maps/lists: where both sides are empty, the node is a leaf. */
export function isEmptyContainer(v: JsonValue | undefined): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  return isObject(v) && Object.keys(v).length === 0;
}
