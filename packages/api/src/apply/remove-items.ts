import type { FieldSchema } from "../schema/index.js";
import type { FieldSet } from "./field-set.js";
import { isObject, type JsonObject, type JsonValue } from "./json-value.js";
import { indexItems } from "./list-items.js";
import { fieldElement } from "./path-element.js";
import { entrySchema, shapeOf } from "./shape.js";

/**
 * The value with every member path of `toRemove` deleted (with everything below it). A map or list left
 * empty by the removal disappears too (undefined), as Go's typed objects drop empty maps and lists.
 * Paths below a leaf are ignored: they can only come from sets recorded under another schema, and dropping
 * a whole atomic value for them would lose data.
 */
export function removeItems(
  value: JsonValue,
  toRemove: FieldSet,
  schema: FieldSchema | undefined,
): JsonValue | undefined {
  const shape = shapeOf(schema, value);
  if (shape.kind === "map" && isObject(value)) {
    const out: JsonObject = {};
    for (const [key, child] of Object.entries(value)) {
      const pe = fieldElement(key);
      if (toRemove.hasMember(pe)) continue;
      const below = toRemove.child(pe);
      const kept =
        below === undefined ? child : removeItems(child, below, entrySchema(shape.schema, key).schema);
      if (kept !== undefined) out[key] = kept;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  if (shape.kind === "list" && Array.isArray(value)) {
    const out: JsonValue[] = [];
    for (const item of indexItems(shape, value, "", false)) {
      if (toRemove.hasMember(item.pe)) continue;
      const below = toRemove.child(item.pe);
      const kept = below === undefined ? item.value : removeItems(item.value, below, shape.item);
      if (kept !== undefined) out.push(kept);
    }
    return out.length > 0 ? out : undefined;
  }
  return value;
}
