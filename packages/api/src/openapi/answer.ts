import { type HttpAnswer, parseAccept, rangeAdmits, statusAnswer } from "../discovery/index.js";
import { ApiError } from "../errors.js";
import { OPENAPI_V2_PROTOBUF_CONTENT_TYPE, swaggerDocument } from "./v2.js";
import { openApiV3Root, servedV3Documents } from "./v3.js";

// The OpenAPI endpoints as one function: /openapi/v2, /openapi/v3 and /openapi/v3/<api|apis/...>.
// Returns undefined for other paths so a server can try it before its resource routes.

export interface OpenApiRequest {
  readonly method: string;
  /** The URL path without query string. */
  readonly path: string;
  /** The `hash` query parameter of a v3 document request, if any. */
  readonly hash?: string | undefined;
  readonly accept?: string | undefined;
}

const NOT_FOUND = new ApiError("NotFound", "the server could not find the requested resource");
const METHOD_NOT_ALLOWED = new ApiError(
  "MethodNotAllowed",
  "the server does not allow this method on the requested resource",
);

let swaggerBody: string | undefined;

/** True when the client ranks the v2 protobuf form (either spelling kubectl has used) above JSON. */
function prefersProtobuf(accept: string | undefined): boolean {
  for (const range of parseAccept(accept)) {
    const protobuf =
      range.type === "application" && range.subtype.startsWith("com.github.proto-openapi.spec.v2");
    if (protobuf) return true;
    if (rangeAdmits(range, "application", "json")) return false;
  }
  return false;
}

function v2(accept: string | undefined): HttpAnswer {
  if (prefersProtobuf(accept)) {
    // An empty protobuf message is a valid, empty openapi_v2.Document.
    return {
      status: 200,
      headers: { "content-type": OPENAPI_V2_PROTOBUF_CONTENT_TYPE },
      body: new Uint8Array(0),
    };
  }
  swaggerBody ??= JSON.stringify(swaggerDocument());
  return { status: 200, headers: { "content-type": "application/json" }, body: swaggerBody };
}

function v3Document(key: string, hash: string | undefined): HttpAnswer {
  const doc = servedV3Documents().get(key);
  if (doc === undefined) return statusAnswer(NOT_FOUND);
  const etag = `"${doc.hash}"`;
  if (hash === undefined || hash === "") {
    return { status: 200, headers: { "content-type": "application/json", etag }, body: doc.body };
  }
  if (hash !== doc.hash) {
    // As kube-openapi: a stale hash is redirected to the current one rather than served stale.
    return {
      status: 301,
      headers: { location: `/openapi/v3/${key}?hash=${doc.hash}`, "content-type": "text/plain" },
      body: "",
    };
  }
  return {
    status: 200,
    headers: {
      "content-type": "application/json",
      etag,
      vary: "Accept",
      // The URL names the content, so it never changes.
      "cache-control": "public, immutable",
      expires: new Date(Date.now() + 365 * 24 * 3600 * 1000).toUTCString(),
    },
    body: doc.body,
  };
}

/** The answer to an OpenAPI request, or undefined when the path is not an OpenAPI endpoint. */
export function openApiAnswer(req: OpenApiRequest): HttpAnswer | undefined {
  const path = req.path.length > 1 && req.path.endsWith("/") ? req.path.slice(0, -1) : req.path;
  if (path !== "/openapi/v2" && path !== "/openapi/v3" && !path.startsWith("/openapi/v3/")) return undefined;
  if (req.method !== "GET" && req.method !== "HEAD") return statusAnswer(METHOD_NOT_ALLOWED);
  if (path === "/openapi/v2") return v2(req.accept);
  if (path === "/openapi/v3") {
    return {
      status: 200,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(openApiV3Root()),
    };
  }
  return v3Document(path.slice("/openapi/v3/".length), req.hash);
}
