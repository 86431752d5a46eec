import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import type { TLSSocket } from "node:tls";
import { type WebSocket, WebSocketServer } from "ws";
import { createClusterCa, issueServerCert } from "../../src/auth/index.js";

// A node agent stand-in for the API server's proxy tests: the HTTPS side of the agent contract (client
// certificate with O=system:masters required; containerLogs, v5 WebSocket exec, stats/summary) with canned
// behaviour, on 127.0.0.1.

const V5 = "v5.channel.k8s.io";

export interface SummaryCpu {
  usageNanoCores?: number;
  usageCoreNanoSeconds?: number;
}

export class StandInAgent {
  /** Client certificate CNs seen, one per request. */
  readonly clients: string[] = [];
  /** Paths of every request (upgrades included). */
  readonly paths: string[] = [];
  /** Follow streams that ended because the API server closed them. */
  followsClosed = 0;
  private readonly sockets = new Set<import("node:net").Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(clusterCaPem: string): Promise<StandInAgent> {
    // The agent's serving certificate is its own (the API server does not verify it): any CA will do.
    const own = await createClusterCa(1);
    const serving = await issueServerCert(own, { commonName: "stand-in-agent", ipAddresses: ["127.0.0.1"] });
    const server = createServer({
      cert: serving.certPem,
      key: serving.keyPem,
      ca: clusterCaPem,
      requestCert: true,
      rejectUnauthorized: true,
    });
    const port = await new Promise<number>((resolve) =>
      server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)),
    );
    const agent = new StandInAgent(server, port);
    server.on("connection", (s: Socket) => {
      agent.sockets.add(s);
      s.on("close", () => agent.sockets.delete(s));
    });
    server.on("request", (req, res) => agent.request(req, res));
    const wss = new WebSocketServer({
      noServer: true,
      handleProtocols: (protocols) => (protocols.has(V5) ? V5 : false),
    });
    server.on("upgrade", (req: IncomingMessage, socket, head) => {
      if (!agent.admit(req)) {
        socket.end("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        return;
      }
      const url = new URL(req.url ?? "/", "https://agent");
      const [, kind, namespace, pod, container] = url.pathname.split("/");
      if (kind !== "exec" || container === "missing") {
        const body = JSON.stringify(
          status(404, "NotFound", `container "${container}" in pod "${namespace}/${pod}" not found`),
        );
        socket.end(
          `HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => exec(ws, url.searchParams));
    });
    return agent;
  }

  private admit(req: IncomingMessage): boolean {
    const cert = (req.socket as TLSSocket).getPeerCertificate();
    this.paths.push(req.url ?? "");
    this.clients.push(String(cert.subject?.CN ?? ""));
    const orgs = cert.subject?.O;
    const groups = Array.isArray(orgs) ? orgs : [orgs];
    return groups.includes("system:masters");
  }

  private request(req: IncomingMessage, res: ServerResponse): void {
    if (!this.admit(req)) {
      res.writeHead(403).end();
      return;
    }
    const url = new URL(req.url ?? "/", "https://agent");
    const parts = url.pathname.split("/");
    if (url.pathname === "/stats/summary") json(res, 200, summary());
    else if (parts[1] === "containerLogs") this.logs(url, parts, res);
    else json(res, 404, status(404, "NotFound", "not found"));
  }

  private logs(url: URL, parts: string[], res: ServerResponse): void {
    const [, , namespace, pod, container] = parts;
    if (container === "missing") {
      json(res, 404, status(404, "NotFound", `container "missing" in pod "${namespace}/${pod}" not found`));
      return;
    }
    const follow = url.searchParams.get("follow") === "true";
    res.writeHead(200, { "Content-Type": "text/plain" });
    if (!follow) {
      const lines = [`hello from ${namespace}/${pod}/${container}`, "second line"];
      const tail = Number(url.searchParams.get("tailLines") ?? lines.length);
      res.end(`${lines.slice(-tail).join("\n")}\n`);
      return;
    }
    res.flushHeaders();
    // Container "main" prints five ticks and exits; any other keeps printing until the reader goes away.
    const limit = container === "main" ? 5 : Number.POSITIVE_INFINITY;
    let n = 0;
    const timer = setInterval(() => {
      n++;
      res.write(`tick ${n}\n`);
      if (n >= limit) {
        clearInterval(timer);
        res.end();
      }
    }, 150);
    res.on("close", () => {
      clearInterval(timer);
      if (n < limit) this.followsClosed++;
    });
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** `echo ARGS…`, `cat` (stdin to stdout until stdin closes) and `fail N` (stderr, exit N). */
function exec(ws: WebSocket, q: URLSearchParams): void {
  const command = q.getAll("command");
  const send = (channel: number, data: string | Buffer): void =>
    ws.send(Buffer.concat([Buffer.from([channel]), Buffer.from(data)]));
  const finish = (code: number): void => {
    const s =
      code === 0
        ? { metadata: {}, status: "Success" }
        : {
            metadata: {},
            status: "Failure",
            message: `command terminated with non-zero exit code: exit status ${code}`,
            reason: "NonZeroExitCode",
            details: { causes: [{ reason: "ExitCode", message: String(code) }] },
          };
    send(3, JSON.stringify(s));
    ws.close(1000);
  };
  const [program, ...args] = command;
  if (program === "echo") {
    send(1, `${args.join(" ")}\n`);
    finish(0);
  } else if (program === "fail") {
    if (q.get("stderr") === "true") send(2, "failing\n");
    finish(Number(args[0] ?? 1));
  } else if (program === "cat") {
    ws.on("message", (data: Buffer) => {
      if (data[0] === 0) send(1, data.subarray(1));
      // v5: [255, 0] says the client closed stdin.
      if (data[0] === 255 && data[1] === 0) finish(0);
    });
  } else {
    send(2, `${program}: not found\n`);
    finish(127);
  }
}

function summary(): unknown {
  const now = Date.now();
  const time = new Date(now).toISOString();
  const container = (name: string, cpu: SummaryCpu, workingSetBytes: number) => ({
    name,
    startTime: time,
    cpu: { time, ...cpu },
    memory: { time, workingSetBytes },
  });
  return {
    node: {
      nodeName: "w-ok",
      startTime: time,
      cpu: { time, usageNanoCores: 250_000_000, usageCoreNanoSeconds: now * 250_000 },
      memory: { time, workingSetBytes: 512 * 1024 * 1024, usageBytes: 600 * 1024 * 1024 },
    },
    pods: [
      {
        podRef: { name: "one", namespace: "default", uid: "u1" },
        startTime: time,
        containers: [container("main", { usageNanoCores: 1_000_000 }, 10 * 1024 * 1024)],
      },
      {
        podRef: { name: "two", namespace: "default", uid: "u2" },
        startTime: time,
        containers: [
          container("a", { usageNanoCores: 2_000_000 }, 20 * 1024 * 1024),
          // Cumulative only: 5 millicores, i.e. 5000 core-nanoseconds per millisecond.
          container("b", { usageCoreNanoSeconds: now * 5_000 }, 4 * 1024 * 1024),
        ],
      },
      {
        podRef: { name: "gone", namespace: "default", uid: "u3" },
        containers: [container("main", { usageNanoCores: 9_000_000 }, 1024 * 1024)],
      },
    ],
  };
}

function status(code: number, reason: string, message: string): unknown {
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, code };
}

function json(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}
