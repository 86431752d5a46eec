import type { FieldSchema } from "../schema/index.js";
import { FieldSet } from "./field-set.js";
import { isObject, type JsonValue } from "./json-value.js";
import { indexItems } from "./list-items.js";
import { fieldElement, type Path, pathText } from "./path-element.js";
import { entrySchema, shapeOf } from "./shape.js";

/**
 * The fields an object (an applied configuration) sets, as the API server records an applier's ownership:
 * every leaf (scalar, atomic map or list), every item of a granular list, and every entry of a map that is
 * not a named struct field. Struct fields themselves are not members: they are implied by what is below.
 * Strict: a list item without identity or a duplicate key throws TypedValueError.
 */
export function toFieldSet(value: JsonValue, schema: FieldSchema | undefined, strict = true): FieldSet {
  const set = new FieldSet();
  walk(value, schema, [], set, strict);
  return set;
}

function walk(
  v: JsonValue,
  schema: FieldSchema | undefined,
  path: Path,
  set: FieldSet,
  strict: boolean,
): void {
  const shape = shapeOf(schema, v);
  if (shape.kind === "leaf") {
    set.insert(path);
    return;
  }
  if (shape.kind === "map") {
    if (!isObject(v)) return;
    for (const [key, child] of Object.entries(v)) {
      const entry = entrySchema(shape.schema, key);
      const childPath = [...path, fieldElement(key)];
      walk(child, entry.schema, childPath, set, strict);
      if (!entry.named) set.insert(childPath);
    }
    return;
  }
  if (!Array.isArray(v)) return;
  for (const item of indexItems(shape, v, pathText(path), strict)) {
    const itemPath = [...path, item.pe];
    walk(item.value, shape.item, itemPath, set, strict);
    set.insert(itemPath);
  }
}
