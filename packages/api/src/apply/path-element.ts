import { goNumber, goQuote } from "../validation/go-format.js";
import { compareStrings, goJson, isObject, type JsonValue } from "./json-value.js";
import { compareValues } from "./value-order.js";

// One step of a field path, as structured-merge-diff names it: a field of a map or struct ("f:"), an item
// of a map-list by its key fields ("k:"), an item of a set by its value ("v:"), or a list index ("i:",
// only for granular lists without keys, which Kubernetes' own types never have).

export interface KeyField {
  readonly name: string;
  readonly value: JsonValue;
}

export type PathElement =
  | { readonly field: string }
  | { readonly key: readonly KeyField[] }
  | { readonly value: JsonValue }
  | { readonly index: number };

export type Path = readonly PathElement[];

export function fieldElement(name: string): PathElement {
  return { field: name };
}

/** Key fields are kept sorted by name, as the API server sorts them before serialising. */
export function keyElement(fields: readonly KeyField[]): PathElement {
  return { key: [...fields].sort((a, b) => compareStrings(a.name, b.name)) };
}

export function valueElement(value: JsonValue): PathElement {
  return { value };
}

// Elements are immutable and each is encoded many times (every set operation keys by the encoding).
const encoded = new WeakMap<PathElement, string>();

/** The FieldsV1 spelling ("f:image", `k:{"name":"nginx"}`, `v:"x"`, "i:0"), also the element's identity. */
export function encodeElement(pe: PathElement): string {
  if ("field" in pe) return `f:${pe.field}`;
  let id = encoded.get(pe);
  if (id === undefined) {
    id = encodeValueElement(pe);
    encoded.set(pe, id);
  }
  return id;
}

function encodeValueElement(pe: Exclude<PathElement, { readonly field: string }>): string {
  if ("key" in pe) {
    const obj: Record<string, JsonValue> = {};
    for (const k of pe.key) obj[k.name] = k.value;
    return `k:${goJson(obj)}`;
  }
  if ("value" in pe) return `v:${goJson(pe.value)}`;
  return `i:${pe.index}`;
}

/** Parses a FieldsV1 key back into an element; throws on anything that is not one. */
export function decodeElement(text: string): PathElement {
  const body = text.slice(2);
  switch (text.slice(0, 2)) {
    case "f:":
      return fieldElement(body);
    case "k:": {
      const parsed: unknown = JSON.parse(body);
      if (!isObject(parsed)) throw new Error(`invalid key path element ${JSON.stringify(text)}`);
      return keyElement(Object.entries(parsed).map(([name, value]) => ({ name, value })));
    }
    case "v:":
      return valueElement(JSON.parse(body) as JsonValue);
    case "i:": {
      const n = Number(body);
      if (!Number.isInteger(n) || n < 0)
        throw new Error(`invalid index path element ${JSON.stringify(text)}`);
      return { index: n };
    }
    default:
      throw new Error(`unknown path element ${JSON.stringify(text)}`);
  }
}

function kindRank(pe: PathElement): number {
  if ("field" in pe) return 0;
  if ("key" in pe) return 1;
  if ("value" in pe) return 2;
  return 3;
}

/** structured-merge-diff's order: fields, then keys, then values, then indices; each by content. */
export function compareElements(a: PathElement, b: PathElement): number {
  const r = kindRank(a) - kindRank(b);
  if (r !== 0) return r;
  if ("field" in a && "field" in b) return compareStrings(a.field, b.field);
  if ("key" in a && "key" in b) {
    for (let i = 0; i < Math.min(a.key.length, b.key.length); i++) {
      const ka = a.key[i] as KeyField;
      const kb = b.key[i] as KeyField;
      const c = compareStrings(ka.name, kb.name) || compareValues(ka.value, kb.value);
      if (c !== 0) return c;
    }
    return a.key.length - b.key.length;
  }
  if ("value" in a && "value" in b) return compareValues(a.value, b.value);
  if ("index" in a && "index" in b) return a.index - b.index;
  return 0;
}

/** A value inside a path as Go's value.ToString prints it: strings %q, numbers and booleans bare. */
function valueText(v: JsonValue): string {
  if (v === null) return "null";
  if (typeof v === "string") return goQuote(v);
  if (typeof v === "number") return goNumber(v);
  if (typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `[${v.map(valueText).join(",")}]`;
  const keys = Object.keys(v).sort(compareStrings);
  return `{${keys.map((k) => `${goQuote(k)}=${valueText(v[k] as JsonValue)}`).join(";")}}`;
}

/** How conflict messages print a path element: `.spec`, `[name="nginx"]`, `[=value]`, `[0]`. */
export function elementText(pe: PathElement): string {
  if ("field" in pe) return `.${pe.field}`;
  if ("key" in pe) return `[${pe.key.map((k) => `${k.name}=${valueText(k.value)}`).join(",")}]`;
  if ("value" in pe) return `[=${valueText(pe.value)}]`;
  return `[${pe.index}]`;
}

export function pathText(path: Path): string {
  return path.map(elementText).join("");
}
