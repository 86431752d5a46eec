import { FieldSet } from "./field-set.js";
import { isObject, type JsonObject } from "./json-value.js";
import { compareElements, decodeElement, encodeElement, type PathElement } from "./path-element.js";

// The FieldsV1 wire form of a field set: one JSON object per level keyed by encoded path elements, `{}` for
// a member with nothing below it, and "." first inside a child object when the element is also a member.

export function toFieldsV1(set: FieldSet): JsonObject {
  const out: JsonObject = {};
  fill(set, out);
  return out;
}

function fill(set: FieldSet, out: JsonObject): void {
  const children = set.childEntries();
  const below = new Map(children.map(([pe, s]) => [encodeElement(pe), s]));
  const elements = new Map<string, PathElement>();
  for (const pe of set.memberElements()) elements.set(encodeElement(pe), pe);
  for (const [pe] of children) elements.set(encodeElement(pe), pe);
  // Members and children interleaved in element order, as the API server writes them.
  const ordered = [...elements.entries()].sort(([, a], [, b]) => compareElements(a, b));
  for (const [id, pe] of ordered) {
    const sub = below.get(id);
    const inner: JsonObject = {};
    if (sub !== undefined) {
      if (set.hasMember(pe)) inner["."] = {};
      fill(sub, inner);
    }
    out[id] = inner;
  }
}

/** Parses FieldsV1; throws on malformed input (callers decide whether that is fatal). */
export function fromFieldsV1(json: unknown): FieldSet {
  if (!isObject(json)) throw new Error("FieldsV1 must be a JSON object");
  const set = new FieldSet();
  readLevel(json, [], set);
  return set;
}

function readLevel(level: JsonObject, prefix: readonly PathElement[], into: FieldSet): void {
  for (const [key, value] of Object.entries(level)) {
    if (key === ".") continue;
    if (!isObject(value)) throw new Error(`FieldsV1 entry ${JSON.stringify(key)} must be an object`);
    const path = [...prefix, decodeElement(key)];
    if (Object.keys(value).length === 0 || Object.hasOwn(value, ".")) into.insert(path);
    readLevel(value, path, into);
  }
}
