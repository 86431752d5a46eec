import { badRequest } from "../errors.js";
import { hasMagic, MAGIC, readEnvelope } from "./envelope.js";
import { messageNameFor } from "./kinds.js";
import { messageType } from "./schema.js";
import { messageToJson } from "./to-json.js";

export interface DecodedProtobufBody {
  readonly apiVersion: string;
  readonly kind: string;
  /** The object in Kubernetes' JSON form, apiVersion and kind set from the envelope. */
  readonly object: Record<string, unknown>;
}

/** The endpoint's own type, filling an envelope that names no kind or version (as the API server does). */
export interface DefaultKind {
  readonly apiVersion: string;
  readonly kind: string;
}

/**
 * Decodes a request body sent as `application/vnd.kubernetes.protobuf` (kubectl 1.32's typed-client writes)
 * into the JSON object Kubernetes would have produced. Errors are 400 BadRequest with the API server's
 * texts; a kind this server has no schema for is a 400 too, as in Kubernetes (415 is only for a media
 * type it does not accept at all).
 */
export function decodeProtobufBody(body: Uint8Array, defaults?: DefaultKind): DecodedProtobufBody {
  if (body.length === 0) throw badRequest("empty data");
  if (!hasMagic(body)) {
    throw badRequest(
      `provided data does not appear to be a protobuf message, expected prefix [${MAGIC.join(" ")}]`,
    );
  }
  if (body.length === MAGIC.length) throw badRequest("empty body");

  let envelope: ReturnType<typeof readEnvelope>;
  try {
    envelope = readEnvelope(body);
  } catch (err) {
    throw badRequest(`unable to decode the protobuf envelope: ${(err as Error).message}`);
  }
  const kind = envelope.kind !== "" ? envelope.kind : (defaults?.kind ?? "");
  const apiVersion = envelope.apiVersion !== "" ? envelope.apiVersion : (defaults?.apiVersion ?? "");
  const typeMeta = `runtime.TypeMeta{APIVersion:${JSON.stringify(envelope.apiVersion)}, Kind:${JSON.stringify(envelope.kind)}}`;
  if (kind === "") throw badRequest(`Object 'Kind' is missing in '${typeMeta}'`);
  if (apiVersion === "") throw badRequest(`Object 'apiVersion' is missing in '${typeMeta}'`);

  const name = messageNameFor(apiVersion, kind);
  if (name === undefined)
    throw badRequest(
      `no kind ${JSON.stringify(kind)} is registered for version ${JSON.stringify(apiVersion)}`,
    );
  const type = messageType(name);
  let fields: Record<string, unknown>;
  try {
    fields = messageToJson(type, type.decode(envelope.raw));
  } catch (err) {
    throw badRequest(
      `unable to decode ${kind} in version ${JSON.stringify(apiVersion)} from protobuf: ${(err as Error).message}`,
    );
  }
  return { apiVersion, kind, object: { apiVersion, kind, ...fields } };
}
