import type { ApiError } from "../errors.js";

// A framework-free HTTP answer, so discovery and OpenAPI can be served by the API server, a test server
// or anything else without these modules knowing about node:http.

export interface HttpAnswer {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Uint8Array;
}

export function jsonAnswer(body: unknown, contentType = "application/json", status = 200): HttpAnswer {
  return { status, headers: { "content-type": contentType }, body: JSON.stringify(body) };
}

/** An error answered as Kubernetes does: the Status object with the error's HTTP code. */
export function statusAnswer(error: ApiError): HttpAnswer {
  return jsonAnswer(error.toStatus(), "application/json", error.code);
}
