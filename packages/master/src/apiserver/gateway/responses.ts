import type { ServerResponse } from "node:http";
import { ApiError, toApiError } from "@tskube/api";

export function sendJson(
  res: ServerResponse,
  code: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    "Content-Type": headers["Content-Type"] ?? "application/json",
    "Content-Length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Every failure becomes a Kubernetes Status with its code (never a bare 500 for a client's mistake). */
export function sendError(res: ServerResponse, err: unknown): ApiError {
  const e = err instanceof ApiError ? err : toApiError(err);
  if (res.headersSent) {
    res.destroy();
    return e;
  }
  const headers: Record<string, string> = {};
  if (e.details?.retryAfterSeconds !== undefined)
    headers["Retry-After"] = String(e.details.retryAfterSeconds);
  sendJson(res, e.code, e.toStatus(), headers);
  return e;
}
