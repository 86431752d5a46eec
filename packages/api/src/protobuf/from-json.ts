import protobuf from "protobufjs";
import { isInline, jsonName, specialType } from "./json-shape.js";
import { parseTimestamp } from "./time.js";

// A JSON object to the plain form protobufjs' fromObject takes: the inverse of to-json.ts. It writes what
// Go writes for the same object (inline structs always, map keys sorted, zero Time as an empty message),
// so a body decoded from kubectl encodes back to the same bytes.

type Plain = Record<string, unknown>;

/** A JSON key this schema has no field for; the encoder refuses rather than drop data silently. */
class UnknownFieldError extends Error {}

export function jsonToPlain(
  type: protobuf.Type,
  json: Plain,
  path: string,
  ignore: readonly string[] = [],
): Plain {
  const used = new Set<string>(ignore);
  const plain = fill(type, json, path, used);
  for (const key of Object.keys(json)) {
    if (!used.has(key))
      throw new UnknownFieldError(`${path}${key}: no such field in ${type.fullName.slice(1)}`);
  }
  return plain;
}

/** The fields of `type` found in `json`, marking each JSON key used (inline structs share the parent's keys). */
function fill(type: protobuf.Type, json: Plain, path: string, used: Set<string>): Plain {
  const plain: Plain = {};
  for (const field of type.fieldsArray) {
    if (isInline(type.fullName, field.name)) {
      plain[field.name] = fill(field.resolvedType as protobuf.Type, json, path, used);
      continue;
    }
    const key = jsonName(type.fullName, field.name);
    if (!Object.hasOwn(json, key)) continue;
    used.add(key);
    const value = fieldFromJson(field, json[key], `${path}${key}`);
    if (value !== undefined) plain[field.name] = value;
  }
  return plain;
}

function fieldFromJson(field: protobuf.FieldBase, value: unknown, path: string): unknown {
  if (field instanceof protobuf.MapField) {
    if (value === null || value === undefined) return undefined;
    if (typeof value !== "object" || Array.isArray(value)) throw new TypeError(`${path}: expected an object`);
    // Go writes map entries sorted by key.
    const keys = Object.keys(value).sort();
    return Object.fromEntries(
      keys.map((k) => [k, valueFromJson(field, (value as Plain)[k], `${path}[${k}]`)]),
    );
  }
  if (field.repeated) {
    if (value === null || value === undefined) return undefined;
    if (!Array.isArray(value)) throw new TypeError(`${path}: expected an array`);
    return value.map((v, i) => valueFromJson(field, v, `${path}[${i}]`));
  }
  return valueFromJson(field, value, path);
}

function valueFromJson(field: protobuf.FieldBase, value: unknown, path: string): unknown {
  const type = field.resolvedType;
  if (!(type instanceof protobuf.Type)) return scalarFromJson(field.type, value, path);
  const special = specialType(type.fullName);
  // A null Time is Go's zero Time, which it encodes as an empty message; other nulls are absent fields.
  if (value === null || value === undefined)
    return special === "time" || special === "microTime" ? {} : undefined;
  switch (special) {
    case "time":
    case "microTime": {
      const ts = typeof value === "string" ? parseTimestamp(value) : undefined;
      if (ts === undefined) throw new TypeError(`${path}: ${JSON.stringify(value)} is not an RFC 3339 time`);
      // Time keeps whole seconds only (as Kubernetes does); MicroTime keeps microseconds.
      const nanos = special === "time" ? 0 : ts.nanos - (ts.nanos % 1000);
      return { seconds: ts.seconds, nanos };
    }
    case "intOrString":
      if (typeof value === "number") return { type: 0, intVal: value, strVal: "" };
      if (typeof value === "string") return { type: 1, intVal: 0, strVal: value };
      throw new TypeError(`${path}: expected a number or a string`);
    case "quantity":
      if (typeof value !== "string" && typeof value !== "number")
        throw new TypeError(`${path}: expected a quantity`);
      return { string: String(value) };
    case "fieldsV1":
      return { Raw: Buffer.from(JSON.stringify(value), "utf8").toString("base64") };
    case "stringList":
      if (!Array.isArray(value)) throw new TypeError(`${path}: expected an array of strings`);
      return { items: value };
    case undefined:
      if (typeof value !== "object" || Array.isArray(value))
        throw new TypeError(`${path}: expected an object`);
      return jsonToPlain(type, value as Plain, `${path}.`);
  }
}

const SCALAR_JS_TYPES: Readonly<Record<string, string>> = {
  string: "string",
  bytes: "string", // base64, as in JSON
  bool: "boolean",
};

/** protobufjs' fromObject coerces anything (String(x), x | 0); check instead, so a wrong type is reported. */
function scalarFromJson(protoType: string, value: unknown, path: string): unknown {
  if (value === null || value === undefined) return undefined;
  const expected = SCALAR_JS_TYPES[protoType] ?? "number";
  if (typeof value !== expected) throw new TypeError(`${path}: expected a ${expected} (proto ${protoType})`);
  return value;
}
