// Failures of the agent's server answered as Kubernetes Status objects: the API server relays them to kubectl.
import type { ServerResponse } from "node:http";
import type { Duplex } from "node:stream";

const REASONS: Record<number, string> = {
  400: "BadRequest",
  403: "Forbidden",
  404: "NotFound",
  405: "MethodNotAllowed",
  500: "InternalError",
  503: "ServiceUnavailable",
};

export class HttpFailure extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** Runtime errors carry a kind (NotFound, BadRequest, Unavailable); anything else is a 500. */
export function failureOf(err: unknown): HttpFailure {
  if (err instanceof HttpFailure) return err;
  const kind = (err as { kind?: unknown }).kind;
  const message = err instanceof Error ? err.message : String(err);
  const code = kind === "NotFound" ? 404 : kind === "BadRequest" ? 400 : kind === "Unavailable" ? 503 : 500;
  return new HttpFailure(code, message);
}

export function statusBody(f: HttpFailure): string {
  return JSON.stringify({
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message: f.message,
    reason: REASONS[f.code] ?? "InternalError",
    code: f.code,
  });
}

export function sendFailure(res: ServerResponse, err: unknown): void {
  const f = failureOf(err);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(f.code, { "content-type": "application/json" });
  res.end(statusBody(f));
}

/** A failure on an upgrade request, before the WebSocket handshake: a plain HTTP answer on the socket. */
export function rejectUpgrade(socket: Duplex, err: unknown): void {
  const f = failureOf(err);
  const body = statusBody(f);
  socket.end(
    `HTTP/1.1 ${f.code} ${REASONS[f.code] ?? "Error"}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
