import type { IncomingMessage } from "node:http";
import { ApiError, decodeProtobufBody, requestEntityTooLarge } from "@tskube/api";
import { parse as parseYaml } from "yaml";
import type { ApiObject } from "../api-object.js";
import {
  BODY_TYPES,
  JSON_TYPE,
  PATCH_TYPES,
  PROTOBUF_TYPE,
  parseMediaType,
  YAML_TYPE,
} from "./media-types.js";

/** The API server's limit on a request body (3 MiB). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

/** Reads the whole body, refusing (413) beyond the limit without buffering the excess. */
export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? "0");
  if (declared > limit) {
    req.resume();
    throw requestEntityTooLarge(limit);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > limit) {
      req.resume();
      throw requestEntityTooLarge(limit);
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/** A create/update body: JSON (also when no Content-Type is given, as `kubectl scale` sends), YAML or protobuf. */
export function decodeObjectBody(contentType: string | undefined, body: Buffer): ApiObject {
  const type = parseMediaType(contentType ?? JSON_TYPE).type;
  if (body.length === 0) throw new ApiError("BadRequest", "the request body is empty: an object is required");
  let value: unknown;
  if (type === JSON_TYPE || type === "") value = parseJson(body);
  else if (type === YAML_TYPE) value = parseYamlBody(body);
  else if (type === PROTOBUF_TYPE) value = decodeProtobufBody(new Uint8Array(body)).object;
  else throw unsupported(BODY_TYPES);
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ApiError("BadRequest", "the request body must be a single object");
  }
  return value as ApiObject;
}

/** A PATCH body, by its Content-Type: which patch type it is and the parsed document. */
export function decodePatchBody(
  contentType: string | undefined,
  body: Buffer,
): { kind: "json" | "merge" | "strategic" | "apply"; patch: unknown } {
  const type = parseMediaType(contentType ?? "").type;
  const kind = PATCH_TYPES[type];
  if (kind === undefined) throw unsupported(Object.keys(PATCH_TYPES));
  if (body.length === 0) throw new ApiError("BadRequest", "the patch body is empty");
  const patch = kind === "apply" ? parseYamlBody(body) : parseJson(body);
  if (kind === "json" && !Array.isArray(patch)) {
    throw new ApiError(
      "BadRequest",
      "json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp",
    );
  }
  if (kind !== "json" && (patch === null || typeof patch !== "object" || Array.isArray(patch))) {
    throw new ApiError("BadRequest", `error decoding patch: the ${type} document must be an object`);
  }
  return { kind, patch };
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch (err) {
    throw new ApiError("BadRequest", `error decoding the request body as JSON: ${(err as Error).message}`);
  }
}

function parseYamlBody(body: Buffer): unknown {
  try {
    return parseYaml(body.toString("utf8"), { uniqueKeys: true });
  } catch (err) {
    throw new ApiError(
      "BadRequest",
      `error decoding the request body as YAML: ${(err as Error).message.split("\n")[0]}`,
    );
  }
}

function unsupported(accepted: readonly string[]): ApiError {
  return new ApiError(
    "UnsupportedMediaType",
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(", ")}`,
  );
}
