import protobuf from "protobufjs";
import { isInline, jsonName, specialType } from "./json-shape.js";
import { formatMicroTime, formatTime } from "./time.js";

// A decoded message to the JSON object Kubernetes would produce. Only what was on the wire comes out:
// protobufjs' toObject (defaults off) drops absent fields, so Go's explicit zero values ("", 0, false,
// empty structs) appear and nothing is invented.

type Json = unknown;
type Plain = Record<string, unknown>;

const CONVERSION: protobuf.IConversionOptions = {
  longs: Number,
  bytes: String,
  defaults: false,
  arrays: false,
  objects: false,
};

export function messageToJson(type: protobuf.Type, message: protobuf.Message): Record<string, unknown> {
  return objectToJson(type, type.toObject(message, CONVERSION));
}

function objectToJson(type: protobuf.Type, plain: Plain): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(plain)) {
    const field = type.fields[name];
    if (field === undefined) continue;
    const json = fieldToJson(field, value);
    if (isInline(type.fullName, name)) Object.assign(out, json);
    else out[jsonName(type.fullName, name)] = json;
  }
  return out;
}

function fieldToJson(field: protobuf.FieldBase, value: unknown): Json {
  if (field instanceof protobuf.MapField) {
    const entries = Object.entries(value as Plain).map(([k, v]) => [k, valueToJson(field, v)]);
    return Object.fromEntries(entries);
  }
  if (field.repeated) return (value as unknown[]).map((v) => valueToJson(field, v));
  return valueToJson(field, value);
}

function valueToJson(field: protobuf.FieldBase, value: unknown): Json {
  const type = field.resolvedType;
  if (!(type instanceof protobuf.Type)) return value; // scalars: already numbers, strings, booleans, base64
  const plain = (value ?? {}) as Plain;
  switch (specialType(type.fullName)) {
    case "time":
      // Go writes a zero Time as an empty message, and its JSON is null.
      return typeof plain.seconds === "number" ? formatTime(plain.seconds) : null;
    case "microTime":
      return typeof plain.seconds === "number"
        ? formatMicroTime(plain.seconds, typeof plain.nanos === "number" ? plain.nanos : 0)
        : null;
    case "intOrString":
      return plain.type === 1 ? (plain.strVal ?? "") : (plain.intVal ?? 0);
    case "quantity":
      return plain.string ?? "0";
    case "fieldsV1":
      return typeof plain.Raw === "string"
        ? JSON.parse(Buffer.from(plain.Raw, "base64").toString("utf8"))
        : null;
    case "stringList":
      return plain.items ?? [];
    case undefined:
      return objectToJson(type, plain);
  }
}
