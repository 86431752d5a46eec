import { type IncomingMessage, STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { type ApiError, toApiError } from "@tskube/api";
import { hostPort } from "./agent-address.js";
import type { AgentClient } from "./agent-client.js";
import type { PodTarget } from "./pod-target.js";

export type StreamKind = "exec" | "attach";

// Headers that carry the caller's credentials or address the API server itself: the agent authenticates
// the API server by its client certificate, not by what the user sent us.
const DROPPED_HEADERS = new Set(["host", "authorization", "proxy-authorization"]);

/** The agent's path for an exec/attach request: the container moves from the query into the path. */
export function streamPath(kind: StreamKind, t: PodTarget, q: URLSearchParams): string {
  const out = new URLSearchParams();
  for (const [k, v] of q) if (k !== "container") out.append(k, v);
  const query = out.toString();
  const path = `/${kind}/${encodeURIComponent(t.namespace)}/${encodeURIComponent(t.pod)}/${encodeURIComponent(t.container)}`;
  return query === "" ? path : `${path}?${query}`;
}

/**
 * Relays an upgrade (WebSocket v5, or SPDY if the agent speaks it) byte for byte: the request line (path
 * rewritten) and the client's headers go to the agent over TLS, then both sockets are piped. The agent
 * answers the handshake itself, so a 101 and a refusal (Status JSON) alike reach the client untouched.
 */
export async function proxyUpgrade(
  agents: AgentClient,
  target: PodTarget,
  kind: StreamKind,
  req: IncomingMessage,
  client: Duplex,
  head: Buffer,
  q: URLSearchParams,
): Promise<void> {
  const path = streamPath(kind, target, q);
  const upstream = await agents.dial(target.address, path);
  if (client.destroyed) {
    upstream.destroy();
    return;
  }
  const lines = [`${req.method ?? "GET"} ${path} HTTP/1.1`, `Host: ${hostPort(target.address)}`];
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] ?? "";
    const lower = name.toLowerCase();
    if (DROPPED_HEADERS.has(lower) || lower.startsWith("impersonate-")) continue;
    lines.push(`${name}: ${raw[i + 1] ?? ""}`);
  }
  upstream.write(`${lines.join("\r\n")}\r\n\r\n`);
  if (head.length > 0) upstream.write(head);
  upstream.setNoDelay(true);
  if ("setNoDelay" in client && typeof client.setNoDelay === "function") client.setNoDelay(true);
  // Exec sessions idle for long stretches (an interactive shell): no timeouts on either leg.
  if ("setTimeout" in client && typeof client.setTimeout === "function") client.setTimeout(0);
  client.on("error", () => upstream.destroy());
  upstream.on("error", () => client.destroy());
  client.on("close", () => upstream.destroy());
  upstream.on("close", () => client.destroy());
  client.pipe(upstream);
  upstream.pipe(client);
}

/** An error before any byte was relayed: a plain HTTP response with the Status, as kubectl expects. */
export function writeUpgradeError(client: Duplex, err: unknown): ApiError {
  const e = toApiError(err);
  if (client.destroyed || !client.writable) return e;
  const body = JSON.stringify(e.toStatus());
  const retry =
    e.details?.retryAfterSeconds === undefined ? "" : `Retry-After: ${e.details.retryAfterSeconds}\r\n`;
  client.end(
    `HTTP/1.1 ${e.code} ${STATUS_CODES[e.code] ?? "Error"}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${retry}` +
      `Connection: close\r\n\r\n${body}`,
  );
  return e;
}
