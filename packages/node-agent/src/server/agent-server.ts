// The agent's HTTPS server, what the API server proxies pods/log, pods/exec and the metrics API to (kubelet's
// port 10250): /containerLogs, /exec (WebSocket v5), /stats/summary, /metrics (Prometheus), /healthz. Only clients with a
// certificate of the cluster CA in group system:masters (the API server) get past the TLS handshake + check.
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import type { TLSSocket } from "node:tls";
import type { Pod } from "kubernetes-types/core/v1.js";
import type { Registry } from "prom-client";
import { WebSocketServer } from "ws";
import type { ExecOptions, LogOptions, PodRuntime } from "../runtime/runtime-types.js";
import { serveExec, V5_PROTOCOL } from "./exec-websocket.js";
import { HttpFailure, rejectUpgrade, sendFailure } from "./http-status.js";
import type { StatsSummary } from "./stats-summary.js";

export interface AgentServerDeps {
  readonly runtime: PodRuntime;
  readonly pod: (namespace: string, name: string) => Pod | undefined;
  readonly stats: StatsSummary;
  /** Served on /metrics, as kubelet serves its metrics on its own port. */
  readonly metrics: Registry;
  readonly certPem: string;
  readonly keyPem: string;
  readonly caPem: string;
  readonly onError?: (err: unknown, url: string) => void;
}

const ALLOWED_GROUP = "system:masters";

function authorized(req: IncomingMessage): boolean {
  const cert = (req.socket as TLSSocket).getPeerCertificate?.();
  const o = cert?.subject?.O as string | string[] | undefined;
  const groups = o === undefined ? [] : Array.isArray(o) ? o : [o];
  return (req.socket as TLSSocket).authorized === true && groups.includes(ALLOWED_GROUP);
}

interface Target {
  kind: "containerLogs" | "exec";
  namespace: string;
  pod: string;
  container: string;
}

function target(path: string): Target | undefined {
  const parts = path
    .split("/")
    .filter((p) => p !== "")
    .map(decodeURIComponent);
  const [kind, namespace, pod, container] = parts;
  if (parts.length !== 4 || (kind !== "containerLogs" && kind !== "exec")) return undefined;
  return { kind, namespace: namespace ?? "", pod: pod ?? "", container: container ?? "" };
}

function flag(q: URLSearchParams, name: string): boolean {
  const v = q.get(name);
  return v === "true" || v === "1";
}

function intParam(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === "") return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new HttpFailure(400, `invalid ${name} "${v}"`);
  return n;
}

export function logOptions(q: URLSearchParams): LogOptions {
  const o: LogOptions = {
    follow: flag(q, "follow"),
    previous: flag(q, "previous"),
    timestamps: flag(q, "timestamps"),
  };
  const tail = intParam(q, "tailLines");
  const since = intParam(q, "sinceSeconds");
  const limit = intParam(q, "limitBytes");
  const sinceTime = q.get("sinceTime");
  return {
    ...o,
    ...(tail === undefined ? {} : { tailLines: tail }),
    ...(since === undefined ? {} : { sinceSeconds: since }),
    ...(limit === undefined ? {} : { limitBytes: limit }),
    ...(sinceTime === null ? {} : { sinceTime }),
  };
}

export function execOptions(q: URLSearchParams): ExecOptions {
  const command = q.getAll("command");
  if (command.length === 0) throw new HttpFailure(400, "you must specify at least 1 command");
  const tty = flag(q, "tty");
  return {
    command,
    stdin: flag(q, "stdin"),
    stdout: flag(q, "stdout"),
    stderr: !tty && flag(q, "stderr"),
    tty,
  };
}

export class AgentServer {
  private readonly server: Server;
  private readonly wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => (protocols.has(V5_PROTOCOL) ? V5_PROTOCOL : false),
  });

  constructor(private readonly d: AgentServerDeps) {
    this.server = createServer(
      { cert: d.certPem, key: d.keyPem, ca: d.caPem, requestCert: true, rejectUnauthorized: false },
      (req, res) => {
        this.serve(req, res).catch((err: unknown) => {
          d.onError?.(err, req.url ?? "");
          sendFailure(res, err);
        });
      },
    );
    this.server.on("upgrade", (req: IncomingMessage, socket, head: Buffer) => {
      this.upgrade(req, socket, head).catch((err: unknown) => {
        d.onError?.(err, req.url ?? "");
        rejectUpgrade(socket, err);
      });
    });
  }

  listen(host: string, port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, host, () => {
        this.server.off("error", reject);
        resolve();
      });
    });
  }

  close(): void {
    this.wss.close();
    this.server.close();
    this.server.closeAllConnections();
  }

  private podOf(t: Target): Pod {
    const pod = this.d.pod(t.namespace, t.pod);
    if (pod === undefined) throw new HttpFailure(404, `pod "${t.pod}" not found on this node`);
    const known = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].some(
      (c) => c.name === t.container,
    );
    if (!known) throw new HttpFailure(400, `container ${t.container} is not valid for pod ${t.pod}`);
    return pod;
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "https://agent");
    if (url.pathname === "/healthz") {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("ok");
      return;
    }
    if (!authorized(req))
      throw new HttpFailure(
        403,
        "forbidden: a client certificate of the cluster CA in group system:masters is required",
      );
    if (req.method !== "GET") throw new HttpFailure(405, `method ${req.method ?? ""} not allowed`);
    if (url.pathname === "/metrics") {
      const text = await this.d.metrics.metrics();
      res.writeHead(200, { "content-type": this.d.metrics.contentType });
      res.end(text);
      return;
    }
    if (url.pathname === "/stats/summary") {
      const body = JSON.stringify(this.d.stats.summary(await this.d.runtime.stats()));
      res.writeHead(200, { "content-type": "application/json" });
      res.end(body);
      return;
    }
    const t = target(url.pathname);
    if (t === undefined || t.kind !== "containerLogs")
      throw new HttpFailure(404, `no handler for ${url.pathname}`);
    const pod = this.podOf(t);
    const stream = await this.d.runtime.logs(pod, t.container, logOptions(url.searchParams));
    res.writeHead(200, { "content-type": "text/plain; charset=utf-8", "transfer-encoding": "chunked" });
    res.on("close", () => stream.destroy());
    stream.on("error", () => res.destroy());
    stream.pipe(res);
  }

  private async upgrade(
    req: IncomingMessage,
    socket: import("node:stream").Duplex,
    head: Buffer,
  ): Promise<void> {
    const url = new URL(req.url ?? "/", "https://agent");
    if (!authorized(req))
      throw new HttpFailure(
        403,
        "forbidden: a client certificate of the cluster CA in group system:masters is required",
      );
    const t = target(url.pathname);
    if (t === undefined || t.kind !== "exec")
      throw new HttpFailure(404, `no upgrade handler for ${url.pathname}`);
    const pod = this.podOf(t);
    const options = execOptions(url.searchParams);
    const session = await this.d.runtime.exec(pod, t.container, options);
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      void serveExec(ws, session);
    });
  }
}
