import type { FieldSchema } from "../schema/index.js";
import { FieldSet } from "./field-set.js";
import { deepEqual, isObject, type JsonValue } from "./json-value.js";
import { type IndexedItem, indexItems } from "./list-items.js";
import { fieldElement, type Path, pathText } from "./path-element.js";
import { entrySchema, isEmptyContainer, sharedShape } from "./shape.js";

/** What changed between two versions of an object, as field sets. */
export interface Comparison {
  readonly added: FieldSet;
  readonly modified: FieldSet;
  readonly removed: FieldSet;
}

/**
 * Leaves are added, removed or modified; a map, struct or list item that appears or disappears is also
 * added or removed itself (that is where FieldsV1's "." entries of Update managers come from).
 */
export function compare(before: JsonValue, after: JsonValue, schema: FieldSchema | undefined): Comparison {
  const c = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  walk([], before, after, schema, c);
  return c;
}

function walk(
  path: Path,
  l: JsonValue | undefined,
  r: JsonValue | undefined,
  schema: FieldSchema | undefined,
  c: Comparison,
): void {
  const shape = sharedShape(schema, l, r);
  if (shape.kind === "leaf" || (isEmptyContainer(l) && isEmptyContainer(r))) {
    if (l === undefined) c.added.insert(path);
    else if (r === undefined) c.removed.insert(path);
    else if (!deepEqual(l, r)) c.modified.insert(path);
    return;
  }
  if (shape.kind === "map") {
    const lm = isObject(l) ? l : {};
    const rm = isObject(r) ? r : {};
    for (const key of new Set([...Object.keys(lm), ...Object.keys(rm)])) {
      walk([...path, fieldElement(key)], lm[key], rm[key], entrySchema(shape.schema, key).schema, c);
    }
  } else {
    const text = pathText(path);
    const li = Array.isArray(l) ? indexItems(shape, l, text, false) : [];
    const ri = Array.isArray(r) ? indexItems(shape, r, text, false) : [];
    const lById = new Map<string, IndexedItem>(li.map((x) => [x.id, x]));
    const rById = new Map<string, IndexedItem>(ri.map((x) => [x.id, x]));
    for (const item of [...li, ...ri.filter((x) => !lById.has(x.id))]) {
      walk([...path, item.pe], lById.get(item.id)?.value, rById.get(item.id)?.value, shape.item, c);
    }
  }
  if (l === undefined) c.added.insert(path);
  else if (r === undefined) c.removed.insert(path);
}
