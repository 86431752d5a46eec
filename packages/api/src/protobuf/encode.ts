import { internalError } from "../errors.js";
import { writeEnvelope } from "./envelope.js";
import { jsonToPlain } from "./from-json.js";
import { messageNameFor } from "./kinds.js";
import { messageType } from "./schema.js";

/** True if this server has the protobuf schema of the kind (so it can decode and encode it). */
export function isProtobufKind(apiVersion: string, kind: string): boolean {
  return messageNameFor(apiVersion, kind) !== undefined;
}

/**
 * Encodes a JSON object as Kubernetes' protobuf body ("k8s\0" + runtime.Unknown), the inverse of
 * decodeProtobufBody: a body decoded from kubectl encodes back to the same bytes. apiVersion and kind on
 * the object are ignored (the envelope carries them). A kind without a schema, a key the schema has no
 * field for, or a value of the wrong type is an InternalError: the caller meant to send a valid object, and
 * silently dropping data would be worse.
 */
export function encodeProtobufBody(
  apiVersion: string,
  kind: string,
  object: Record<string, unknown>,
): Uint8Array {
  const name = messageNameFor(apiVersion, kind);
  if (name === undefined)
    throw internalError(`no protobuf schema for ${kind} in version ${JSON.stringify(apiVersion)}`);
  const type = messageType(name);
  let raw: Uint8Array;
  try {
    const plain = jsonToPlain(type, object, "", ["apiVersion", "kind"]);
    raw = type.encode(type.fromObject(plain)).finish();
  } catch (err) {
    throw internalError(`cannot encode ${kind} as protobuf: ${(err as Error).message}`);
  }
  return writeEnvelope(apiVersion, kind, raw);
}
