import type { FieldSchema } from "../schema/index.js";
import { isObject, type JsonValue } from "./json-value.js";
import { elementText, encodeElement, keyElement, type PathElement, valueElement } from "./path-element.js";
import type { Shape } from "./shape.js";

// Identity of granular list items: a map-list item by its key fields, a set item by its value.

/**
 * Key fields the API server fills from their OpenAPI default when an item omits them. The schema interface
 * carries no defaults, so the one Kubernetes list-map key with a default is listed here: every `protocol`
 * key (container ports, service ports, endpoint ports) defaults to TCP, which is why
 * `{containerPort: 80}` is owned as `k:{"containerPort":80,"protocol":"TCP"}`.
 */
const KEY_DEFAULTS: Readonly<Record<string, JsonValue>> = { protocol: "TCP" };

type SchemaWithDefault = FieldSchema & { readonly default?: JsonValue };

function keyDefault(item: FieldSchema | undefined, name: string): JsonValue | undefined {
  const declared = (item?.fields?.[name] as SchemaWithDefault | undefined)?.default;
  return declared ?? KEY_DEFAULTS[name];
}

export type ItemIdentity = { readonly pe: PathElement } | { readonly error: string };

export function itemIdentity(shape: Extract<Shape, { kind: "list" }>, item: JsonValue): ItemIdentity {
  if (shape.keys === undefined) {
    if (isObject(item)) return { error: "associative list without keys has an element that's a map type" };
    return { pe: valueElement(item) };
  }
  if (item === null) return { error: "associative list with keys may not have a null element" };
  if (!isObject(item)) return { error: "associative list with keys may not have non-map elements" };
  const fields = [];
  for (const name of shape.keys) {
    const value = item[name] ?? keyDefault(shape.item, name);
    if (value === undefined) {
      return {
        error: `associative list with keys has an element that omits key field ${JSON.stringify(name)} (and doesn't have default value)`,
      };
    }
    fields.push({ name, value });
  }
  return { pe: keyElement(fields) };
}

/** A problem in the shape of an object (bad list item, duplicate key), with where it is. */
export class TypedValueError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(path === "" ? problem : `${path}: ${problem}`);
    this.name = "TypedValueError";
  }
}

export interface IndexedItem {
  readonly pe: PathElement;
  /** The element's encoded form, its identity within the list. */
  readonly id: string;
  readonly value: JsonValue;
}

/**
 * The items of a granular list with their identities. Strict (applied configurations): an item without an
 * identity, or two items with the same one, is an error, as the API server rejects them. Lenient (stored
 * objects): such items get an index identity no configuration can match, so they are kept untouched.
 */
export function indexItems(
  shape: Extract<Shape, { kind: "list" }>,
  list: readonly JsonValue[],
  pathText: string,
  strict: boolean,
): IndexedItem[] {
  const seen = new Set<string>();
  return list.map((value, i) => {
    const identity = itemIdentity(shape, value);
    if ("error" in identity) {
      if (strict) throw new TypedValueError(pathText, `element ${i}: ${identity.error}`);
      return { pe: { index: i }, id: `i:${i}`, value };
    }
    const id = encodeElement(identity.pe);
    if (seen.has(id)) {
      if (strict)
        throw new TypedValueError(pathText, `duplicate entries for key ${elementText(identity.pe)}`);
      return { pe: { index: i }, id: `i:${i}`, value };
    }
    seen.add(id);
    return { pe: identity.pe, id, value };
  });
}
