import type { FieldSchema } from "../schema/index.js";
import { isObject, type JsonObject, type JsonValue } from "./json-value.js";
import { type IndexedItem, indexItems } from "./list-items.js";
import type { Shape } from "./shape.js";
import { entrySchema, isEmptyContainer, sharedShape } from "./shape.js";

/**
 * Merges an applied configuration into the live object: the configuration wins on every leaf it sets;
 * maps and structs merge by key, map-lists by their keys, sets by value; atomic values are replaced whole.
 * Whatever the configuration does not mention is left as it is (pruning what an applier dropped is a
 * separate step). The result shares unchanged subtrees with both inputs; copy it before mutating.
 */
export function merge(
  live: JsonValue | undefined,
  config: JsonValue | undefined,
  schema: FieldSchema | undefined,
) {
  if (config === undefined) return live;
  if (live === undefined) return config;
  const shape = sharedShape(schema, live, config);
  if (shape.kind === "leaf" || (isEmptyContainer(live) && isEmptyContainer(config))) return config;
  // A null where a map or list is expected sets nothing, so the live content stays.
  if (config === null) return live;
  if (shape.kind === "map") return mergeMap(isObject(live) ? live : {}, config as JsonObject, shape.schema);
  return mergeList(shape, Array.isArray(live) ? live : [], config as JsonValue[]);
}

function mergeMap(live: JsonObject, config: JsonObject, schema: FieldSchema | undefined): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(live)) {
    const merged = merge(value, config[key], entrySchema(schema, key).schema);
    if (merged !== undefined) out[key] = merged;
  }
  for (const [key, value] of Object.entries(config)) {
    if (Object.hasOwn(live, key)) continue;
    out[key] = value;
  }
  return out;
}

/**
 * Item order: items the configuration shares with the live list follow the configuration's order, items
 * only in the configuration go where the configuration puts them, and items only in the live list keep
 * their place relative to the shared ones (the API server orders merged lists this way).
 */
function mergeList(
  shape: Extract<Shape, { kind: "list" }>,
  live: readonly JsonValue[],
  config: readonly JsonValue[],
): JsonValue[] {
  const l = indexItems(shape, live, "", false);
  const r = indexItems(shape, config, "", false);
  const lById = new Map<string, IndexedItem>(l.map((x) => [x.id, x]));
  const rById = new Map<string, IndexedItem>(r.map((x) => [x.id, x]));
  const shared = r.filter((x) => lById.has(x.id)).map((x) => x.id);
  let nextShared = 0;
  const emitted = new Set<string>();
  const out: JsonValue[] = [];
  const emit = (id: string, lv: JsonValue | undefined, rv: JsonValue | undefined) => {
    emitted.add(id);
    const merged = merge(lv, rv, shape.item);
    if (merged !== undefined) out.push(merged);
  };
  let li = 0;
  let ri = 0;
  while (li < l.length || ri < r.length) {
    const lItem = l[li];
    const rItem = r[ri];
    if (lItem !== undefined && rItem !== undefined) {
      if (lItem.id === rItem.id) {
        emit(lItem.id, lItem.value, rItem.value);
        li++;
        ri++;
        nextShared++;
        continue;
      }
      // A shared item that comes later in the configuration's order waits for its turn.
      const upcoming = shared[nextShared];
      if (rById.has(lItem.id) && upcoming !== undefined && upcoming !== lItem.id) {
        li++;
        continue;
      }
    }
    if (lItem !== undefined) {
      if (!rById.has(lItem.id)) {
        emit(lItem.id, lItem.value, undefined);
        li++;
        continue;
      }
      if (emitted.has(lItem.id)) {
        li++;
        continue;
      }
    }
    if (rItem !== undefined) {
      emit(rItem.id, lById.get(rItem.id)?.value, rItem.value);
      if (shared[nextShared] === rItem.id) nextShared++;
      ri++;
    }
  }
  return out;
}
