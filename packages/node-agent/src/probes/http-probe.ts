// httpGet probes with kubelet's rules: GET with `User-Agent: kube-probe/1.32` and `Accept: */*` unless
// the probe sets them, no TLS verification, no keep-alive, 200 ≤ status < 400 is success. Redirects are
// followed (at most 10) only while they stay on the original host name; a redirect elsewhere ends the
// probe as a success with a warning. At most 10 KiB of the body is read, and the failure message never
// contains the body (kubernetes#99425).
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";
import { dialError, joinHostPort } from "./go-errors.js";
import type { HttpProbeRequest, ProbeOutcome } from "./probe-types.js";

export const PROBE_USER_AGENT = "kube-probe/1.32";
export const MAX_PROBE_BODY_BYTES = 10 * 1024;
const MAX_REDIRECTS = 10;
const REDIRECT_CODES = new Set([301, 302, 303, 307, 308]);

/** The probe URL as kubelet forms it: the path may carry a query; a missing leading slash is added. */
export function probeUrl(req: Pick<HttpProbeRequest, "scheme" | "host" | "port" | "path">): URL {
  const path = req.path.startsWith("/") ? req.path : `/${req.path}`;
  return new URL(`${req.scheme.toLowerCase()}://${joinHostPort(req.host, req.port)}${path}`);
}

function requestHeaders(req: HttpProbeRequest): OutgoingHttpHeaders {
  // Header names are case-insensitive; repeated names become multiple header lines, as in Go.
  const byName = new Map<string, { name: string; values: string[] }>();
  for (const h of req.headers) {
    const key = h.name.toLowerCase();
    const entry = byName.get(key) ?? { name: h.name, values: [] };
    entry.values.push(h.value);
    byName.set(key, entry);
  }
  if (!byName.has("user-agent")) byName.set("user-agent", { name: "User-Agent", values: [PROBE_USER_AGENT] });
  if (!byName.has("accept")) byName.set("accept", { name: "Accept", values: ["*/*"] });
  const out: OutgoingHttpHeaders = {};
  for (const { name, values } of byName.values()) out[name] = values.length === 1 ? values[0] : values;
  return out;
}

interface Hop {
  status: number;
  location: string | undefined;
  body: string;
}

class ProbeTimeout extends Error {}

/** One GET, body capped; rejects with the network error or ProbeTimeout when the signal fires. */
function fetchOnce(url: URL, headers: OutgoingHttpHeaders, signal: AbortSignal): Promise<Hop> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const req = send(url, { method: "GET", headers, agent: false, rejectUnauthorized: false });
    const onAbort = () => {
      req.destroy(new ProbeTimeout());
    };
    if (signal.aborted) onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    const settle = (fn: () => void) => {
      signal.removeEventListener("abort", onAbort);
      fn();
    };
    req.once("error", (err) => settle(() => reject(err)));
    req.once("response", (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = () => {
        const hop = {
          status: res.statusCode ?? 0,
          location: res.headers.location,
          body: Buffer.concat(chunks).toString("utf8"),
        };
        res.destroy();
        settle(() => resolve(hop));
      };
      res.on("data", (chunk: Buffer) => {
        const room = MAX_PROBE_BODY_BYTES - size;
        chunks.push(chunk.subarray(0, room));
        size += Math.min(chunk.length, room);
        // A truncated body is not an error: kubelet just stops reading.
        if (size >= MAX_PROBE_BODY_BYTES) finish();
      });
      res.once("end", finish);
      res.once("error", (err) => settle(() => reject(err)));
    });
    req.end();
  });
}

export async function httpProbe(req: HttpProbeRequest): Promise<ProbeOutcome> {
  const first = probeUrl(req);
  const headers = requestHeaders(req);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), req.timeoutMs);
  let url = first;
  try {
    for (let redirects = 0; ; redirects++) {
      let hop: Hop;
      try {
        hop = await fetchOnce(url, headers, controller.signal);
      } catch (err) {
        return { result: "failure", output: `Get ${JSON.stringify(url.href)}: ${transportError(url, err)}` };
      }
      if (REDIRECT_CODES.has(hop.status) && hop.location !== undefined) {
        const next = new URL(hop.location, url);
        if (next.hostname === first.hostname) {
          if (redirects + 1 >= MAX_REDIRECTS) {
            return {
              result: "failure",
              output: `Get ${JSON.stringify(next.href)}: stopped after 10 redirects`,
            };
          }
          url = next;
          continue;
        }
      }
      if (hop.status >= 200 && hop.status < 400) {
        if (hop.status >= 300) {
          return { result: "warning", output: `Probe terminated redirects, Response body: ${hop.body}` };
        }
        return { result: "success", output: hop.body };
      }
      return { result: "failure", output: `HTTP probe failed with statuscode: ${hop.status}` };
    }
  } finally {
    clearTimeout(timer);
  }
}

function transportError(url: URL, err: unknown): string {
  if (err instanceof ProbeTimeout)
    return "context deadline exceeded (Client.Timeout exceeded while awaiting headers)";
  // The peer closed the connection without answering: Go's client reports a bare EOF.
  if (err instanceof Error && err.message === "socket hang up") return "EOF";
  const port = url.port !== "" ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
  return dialError(url.hostname.replace(/^\[|\]$/g, ""), port, err);
}
