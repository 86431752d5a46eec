import type { ServerResponse } from "node:http";
import type { AgentClient } from "./agent-client.js";
import type { PodTarget } from "./pod-target.js";

// PodLogOptions the agent understands; anything else kubectl may send (insecureSkipTLSVerifyBackend, container)
// is the API server's business.
const FLAGS = ["follow", "previous", "timestamps"] as const;
const VALUES = ["sinceSeconds", "sinceTime", "tailLines", "limitBytes"] as const;

/** The agent's containerLogs path for a pods/log request. */
export function containerLogsPath(t: PodTarget, q: URLSearchParams): string {
  const out = new URLSearchParams();
  for (const f of FLAGS) {
    const v = q.get(f);
    if (v === "true" || v === "1") out.set(f, "true");
  }
  for (const v of VALUES) {
    const value = q.get(v);
    if (value !== null && value !== "") out.set(v, value);
  }
  const query = out.toString();
  const path = `/containerLogs/${enc(t.namespace)}/${enc(t.pod)}/${enc(t.container)}`;
  return query === "" ? path : `${path}?${query}`;
}

/**
 * Streams the agent's answer through: chunk by chunk as it arrives (so `logs -f` shows lines live), with the
 * agent's own status and body when it refuses. When the client goes away (Ctrl-C on `logs -f`), the upstream
 * request is torn down so the agent stops following.
 */
export async function proxyLogs(
  agents: AgentClient,
  target: PodTarget,
  q: URLSearchParams,
  res: ServerResponse,
): Promise<void> {
  const gone = new AbortController();
  const onClose = (): void => gone.abort();
  res.on("close", onClose);
  let upstream: Awaited<ReturnType<AgentClient["get"]>>;
  try {
    upstream = await agents.get(target.address, containerLogsPath(target, q), { signal: gone.signal });
  } catch (err) {
    res.off("close", onClose);
    if (gone.signal.aborted) return;
    throw err;
  }
  const status = upstream.statusCode ?? 502;
  const contentType = upstream.headers["content-type"] ?? "text/plain";
  res.writeHead(status, {
    "Content-Type": contentType,
    ...(status === 200 ? {} : lengthOf(upstream.headers["content-length"])),
  });
  // Headers now: the client sees the stream open even before the first line.
  res.flushHeaders();
  upstream.pipe(res);
  // The agent died mid-stream: cut the client's stream too, so it does not wait forever.
  upstream.on("aborted", () => res.destroy());
  upstream.on("error", () => res.destroy());
  res.on("close", () => upstream.destroy());
}

function lengthOf(value: string | undefined): Record<string, string> {
  return value === undefined ? {} : { "Content-Length": value };
}

function enc(s: string): string {
  return encodeURIComponent(s);
}
