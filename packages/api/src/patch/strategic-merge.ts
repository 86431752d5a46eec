import { badRequest } from "../errors.js";
import type { FieldSchema } from "../schema/index.js";
import { cannotUnmarshal, patchRejected } from "./errors.js";
import { goV } from "./go-value.js";
import { deepClone, dropNulls, goJsonKind, hasKey, isObject, type JsonObject, setKey } from "./json-value.js";
import { type ItemIdentity, settleOrder } from "./strategic-order.js";
import { memberSchema, mergesList, replacesMap } from "./strategic-schema.js";

// Strategic merge patch as the API server applies it (apimachinery strategicpatch, server side): JSON merge
// patch plus list semantics from the field schema and the directives kubectl sends (research/kubectl.md §4).
// Values are copies owned by this module, so merging works in place on them.

const PATCH = "$patch";
const RETAIN_KEYS = "$retainKeys";
const SET_ORDER = "$setElementOrder";
const DELETE_FROM = "$deleteFromPrimitiveList";

// apimachinery mergepatch's error texts.
const BAD_RETAIN_KEYS = "invalid patch format of retainKeys";
const BAD_PRIMITIVE_LIST = "invalid patch format of primitive list";
const BAD_SET_ORDER = "invalid patch format of setElementOrder list";

function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

/** Go's reflect kind of a decoded JSON value, for "expected a slice, but received a …". */
function goKind(value: unknown): string {
  if (Array.isArray(value)) return "slice";
  if (isObject(value)) return "map";
  if (typeof value === "number") return Number.isInteger(value) ? "int64" : "float64";
  if (typeof value === "boolean") return "bool";
  return value === null ? "invalid" : "string";
}

function expectedSlice(value: unknown): Error {
  return badRequest(`expected a slice, but received a ${goKind(value)}`);
}

function unknownPatchType(directive: unknown, map: JsonObject): Error {
  return badRequest(`unknown patch type: ${goV(directive)} in map: ${goV(map)}`);
}

function noMergeKey(map: unknown, mergeKey: string): Error {
  return badRequest(`map: ${goV(map)} does not contain declared merge key: ${mergeKey}`);
}

/** The list a `$setElementOrder/<list>` or `$deleteFromPrimitiveList/<list>` key refers to. */
function listNameOf(key: string, prefix: string): string {
  const slash = key.indexOf("/");
  if (slash < 0 || key.slice(0, slash) !== prefix) {
    throw badRequest(prefix === DELETE_FROM ? BAD_PRIMITIVE_LIST : BAD_SET_ORDER);
  }
  return key.slice(slash + 1);
}

function identityOf(mergeKey: string | undefined): ItemIdentity {
  if (mergeKey === undefined) return (item) => item;
  return (item) => (isObject(item) && hasKey(item, mergeKey) ? item[mergeKey] : undefined);
}

/** A patch value with nothing to merge into: directives still apply, against an empty value. */
function fromPatch(value: unknown, schema: FieldSchema | undefined, path: string): unknown {
  if (isObject(value)) return mergeMap({}, value, schema, path);
  if (Array.isArray(value)) return mergeList([], value, schema, path);
  return value;
}

function mergeValue(
  current: unknown,
  value: unknown,
  schema: FieldSchema | undefined,
  path: string,
): unknown {
  if (isObject(current) && isObject(value)) {
    return replacesMap(schema) ? fromPatch(value, schema, path) : mergeMap(current, value, schema, path);
  }
  if (Array.isArray(current) && Array.isArray(value)) return mergeList(current, value, schema, path);
  return fromPatch(value, schema, path);
}

/** `$patch` in a map: "replace" takes the patch map as the new value, "delete" empties it. */
function mapDirective(patch: JsonObject, schema: FieldSchema | undefined, path: string): JsonObject {
  const directive = patch[PATCH];
  if (directive === "replace") {
    delete patch[PATCH];
    return mergeMap({}, patch, schema, path);
  }
  if (directive === "delete") return {};
  throw unknownPatchType(directive, patch);
}

/** `$retainKeys`: clear every original key not listed, before merging; the patch may only set listed keys. */
function retainKeys(original: JsonObject, patch: JsonObject): void {
  if (!hasKey(patch, RETAIN_KEYS)) return;
  const listed = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(listed)) throw badRequest(BAD_RETAIN_KEYS);
  const keep = new Set(listed);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || key.startsWith(DELETE_FROM) || key.startsWith(SET_ORDER)) continue;
    if (!keep.has(key)) throw badRequest(BAD_RETAIN_KEYS);
  }
  for (const key of Object.keys(original)) {
    if (!keep.has(key)) delete original[key];
  }
}

/** The patch list's items must appear in the `$setElementOrder` list, in the same relative order. */
function checkPatchAgainstOrder(
  patchList: readonly unknown[],
  order: readonly unknown[],
  mergeKey?: string,
): void {
  if (patchList.length === 0 || order.length === 0) return;
  const same = (item: unknown, named: unknown): boolean => {
    if (mergeKey === undefined) return item === named;
    if (!isObject(item) || !hasKey(item, mergeKey)) throw noMergeKey(item, mergeKey);
    if (!isObject(named) || !hasKey(named, mergeKey)) throw noMergeKey(named, mergeKey);
    return item[mergeKey] === named[mergeKey];
  };
  const items =
    mergeKey === undefined ? patchList : patchList.filter((p) => !(isObject(p) && p[PATCH] === "delete"));
  let p = 0;
  for (let s = 0; p < items.length && s < order.length; s++) {
    while (p < items.length && isObject(items[p]) && hasKey(items[p] as JsonObject, PATCH)) p++;
    if (p < items.length && same(items[p], order[s])) p++;
  }
  if (p < items.length) {
    throw badRequest(
      `The order in patch list:\n${goV(patchList)}\n doesn't match ${SET_ORDER} list:\n${goV(order)}\n`,
    );
  }
}

/**
 * `$setElementOrder/<list>`: merge the list now (if the patch has it), then order it as given; items only
 * the server has keep their place relative to the others. The directive is never stored.
 */
function setElementOrders(
  original: JsonObject,
  patch: JsonObject,
  schema: FieldSchema | undefined,
  path: string,
) {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ORDER)) continue;
    const order = patch[key];
    delete patch[key];
    const name = listNameOf(key, SET_ORDER);
    if (!Array.isArray(order)) throw expectedSlice(order);
    const child = memberSchema(schema, name);
    const mergeKey = child?.patchMergeKey;
    // A null list in the patch is a deletion (left to the main loop); a null one stored counts as absent.
    const current = hasKey(original, name) ? (original[name] ?? undefined) : undefined;
    const patchList = hasKey(patch, name) ? patch[name] : undefined;
    if (patchList === null) continue;
    if (current !== undefined && !Array.isArray(current)) throw expectedSlice(current);
    if (patchList !== undefined && !Array.isArray(patchList)) throw expectedSlice(patchList);
    checkPatchAgainstOrder(patchList ?? [], order, mergeKey);
    if (current === undefined && patchList === undefined) continue;
    const listPath = join(path, name);
    const merged =
      patchList === undefined ? (current ?? []) : mergeList(current ?? [], patchList, child, listPath);
    delete patch[name];
    setKey(original, name, settleOrder(merged, order, current ?? [], identityOf(mergeKey)));
  }
}

/** `$deleteFromPrimitiveList/<list>`: remove those values from a primitive list. */
function deleteFromPrimitiveList(original: JsonObject, name: string, values: unknown): void {
  if (values === null) {
    delete original[name];
    return;
  }
  if (!Array.isArray(values)) throw badRequest(BAD_PRIMITIVE_LIST);
  const current = hasKey(original, name) ? original[name] : undefined;
  if (!Array.isArray(current)) return;
  setKey(
    original,
    name,
    current.filter((v) => !values.includes(v)),
  );
}

function mergeMap(
  original: JsonObject,
  patch: JsonObject,
  schema: FieldSchema | undefined,
  path: string,
): JsonObject {
  if (hasKey(patch, PATCH)) return mapDirective(patch, schema, path);
  retainKeys(original, patch);
  setElementOrders(original, patch, schema, path);
  const deletions: Array<[string, unknown]> = [];
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith("$")) {
      if (!key.startsWith(DELETE_FROM)) {
        // The API server would keep the key and then fail strict decoding on it.
        throw badRequest(`strict decoding error: unknown field "${join(path, key)}"`);
      }
      deletions.push([listNameOf(key, DELETE_FROM), value]);
      continue;
    }
    if (value === null) {
      delete original[key];
      continue;
    }
    const current = hasKey(original, key) ? original[key] : undefined;
    setKey(original, key, mergeValue(current, value, memberSchema(schema, key), join(path, key)));
  }
  for (const [name, values] of deletions) deleteFromPrimitiveList(original, name, values);
  return original;
}

/** Whether list items are maps or scalars; lists of lists and mixed lists cannot be merged. */
function elementKind(current: readonly unknown[], patch: readonly unknown[]): "map" | "scalar" {
  let kind: "map" | "scalar" | undefined;
  for (const item of [...current, ...patch]) {
    if (Array.isArray(item)) throw patchRejected(new Error("lists of lists are not supported"));
    const k = isObject(item) ? "map" : "scalar";
    if (kind !== undefined && kind !== k) {
      throw badRequest(`list element types are not identical: ${goV([current, patch])}`);
    }
    kind = k;
  }
  return kind ?? "scalar";
}

function mergeList(
  current: unknown[],
  patch: unknown[],
  schema: FieldSchema | undefined,
  path: string,
): unknown[] {
  if (!mergesList(schema)) return patch.map(dropNulls);
  if (current.length === 0 && patch.length === 0) return current;
  if (elementKind(current, patch) === "scalar") {
    // A merged primitive list is a set union, ordered like the patch where it names items.
    return settleOrder([...new Set([...current, ...patch])], patch, current, identityOf(undefined));
  }
  const mergeKey = schema?.patchMergeKey;
  if (mergeKey === undefined) throw badRequest(`cannot merge lists without merge key for ${path}`);
  const itemSchema = schema?.items;
  let base = current;
  const plain: JsonObject[] = [];
  let replace = false;
  for (const item of patch as JsonObject[]) {
    if (!hasKey(item, PATCH)) {
      plain.push(item);
      continue;
    }
    switch (item[PATCH]) {
      case "delete": {
        if (!hasKey(item, mergeKey)) throw noMergeKey(item, mergeKey);
        const key = item[mergeKey];
        base = base.filter((o) => !(isObject(o) && hasKey(o, mergeKey) && o[mergeKey] === key));
        break;
      }
      case "replace":
        replace = true;
        break;
      case "merge":
        throw badRequest("merging lists cannot yet be specified in the patch");
      default:
        throw unknownPatchType(item[PATCH], item);
    }
  }
  if (replace) return plain.map((item, i) => mergeMap({}, item, itemSchema, `${path}[${i}]`));
  const merged = [...base];
  plain.forEach((item, i) => {
    if (!hasKey(item, mergeKey)) throw noMergeKey(item, mergeKey);
    const at = merged.findIndex((o) => isObject(o) && hasKey(o, mergeKey) && o[mergeKey] === item[mergeKey]);
    if (at >= 0) merged[at] = mergeMap(merged[at] as JsonObject, item, itemSchema, `${path}[${i}]`);
    else merged.push(mergeMap({}, item, itemSchema, `${path}[${i}]`));
  });
  return settleOrder(merged, plain, base, identityOf(mergeKey));
}

/**
 * Applies a strategic merge patch (application/strategic-merge-patch+json) to a copy of `original`. Without
 * a schema every map merges and every list is replaced, as for a JSON merge patch.
 */
export function applyStrategicMergePatch(
  original: unknown,
  patch: unknown,
  schema: FieldSchema | undefined,
): unknown {
  // Go decodes a null patch into an empty map: nothing to do.
  if (patch === null) return deepClone(original);
  if (!isObject(patch)) throw cannotUnmarshal(goJsonKind(patch), "map[string]interface {}");
  const base: JsonObject = isObject(original) ? deepClone(original) : {};
  return mergeMap(base, deepClone(patch), schema, "");
}
