import { Agent, type AgentOptions, request } from "node:https";
import type { Socket } from "node:net";

/** The admin identity the bench talks to the API servers with (as `tskube kubeconfig` issues it). */
export interface ApiCredentials {
  readonly caPem: string;
  readonly certPem: string;
  readonly keyPem: string;
}

export interface ApiResponse {
  readonly status: number;
  readonly body: Buffer;
}

/** A failed call: the HTTP status (0 = no answer) and the Status reason or transport error. */
export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(status === 0 ? reason : `${status} ${reason}`);
  }
}

/** An open watch stream: every chunk with the time it arrived, until close(). */
export interface WatchStream {
  close(): void;
  /** Resolves when the server or close() ends the stream. */
  readonly ended: Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Sockets per API server. Bounded, because an unbounded pool turns a latency hiccup into a storm of new TLS
 * handshakes on both sides (every queued request opens its own connection), which feeds the hiccup; client-go
 * keeps 25 idle connections per host over HTTP/1.1 (and one multiplexed one over HTTP/2). 32 covers the
 * closed-loop levels (64 in flight over 3 servers) without queueing in the client.
 */
export const MAX_SOCKETS_PER_SERVER = 32;

/**
 * The benchmark's HTTPS client: one keep-alive Agent per API server (so TLS handshakes happen once per
 * socket, as client-go's transport does), the admin client certificate, whole bodies read before a call
 * resolves (a latency is request sent → last byte received).
 */
export class ApiHttpClient {
  private readonly agents = new Map<string, CountingAgent>();

  constructor(
    private readonly credentials: ApiCredentials,
    private readonly maxSocketsPerServer = MAX_SOCKETS_PER_SERVER,
  ) {}

  /** Connections (TLS handshakes) opened so far, over every server. */
  get connectionsOpened(): number {
    let n = 0;
    for (const a of this.agents.values()) n += a.opened;
    return n;
  }

  private agent(server: string): Agent {
    let a = this.agents.get(server);
    if (a === undefined) {
      a = new CountingAgent({
        keepAlive: true,
        ca: this.credentials.caPem,
        cert: this.credentials.certPem,
        key: this.credentials.keyPem,
        // LIFO keeps the warm sockets busy and lets the rest idle out, instead of cycling through all.
        scheduling: "lifo",
        maxSockets: this.maxSocketsPerServer,
      });
      this.agents.set(server, a);
    }
    return a;
  }

  send(
    server: string,
    method: string,
    path: string,
    body?: { readonly text: string; readonly contentType: string },
    timeoutMs = DEFAULT_TIMEOUT_MS,
  ): Promise<ApiResponse> {
    return new Promise((resolve, reject) => {
      const req = request(
        new URL(path, server),
        {
          method,
          agent: this.agent(server),
          headers: {
            Accept: "application/json",
            ...(body === undefined
              ? {}
              : { "Content-Type": body.contentType, "Content-Length": Buffer.byteLength(body.text) }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("error", (err) => reject(new ApiCallError(0, err.message)));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
        },
      );
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on("error", (err) => reject(new ApiCallError(0, err.message)));
      req.end(body?.text);
    });
  }

  /** Sends and demands `expected` status; anything else becomes an ApiCallError with the Status reason. */
  async expect(
    expected: number,
    server: string,
    method: string,
    path: string,
    body?: { readonly text: string; readonly contentType: string },
    timeoutMs?: number,
  ): Promise<Buffer> {
    const r = await this.send(server, method, path, body, timeoutMs);
    if (r.status !== expected) throw new ApiCallError(r.status, statusReason(r.body));
    return r.body;
  }

  /**
   * Opens a watch (a streaming GET); resolves once the response headers arrived with 200. `onChunk` gets
   * every chunk with performance.now() taken when it was read, before any parsing.
   */
  watch(
    server: string,
    path: string,
    onChunk: (chunk: Buffer, receivedAt: number) => void,
  ): Promise<WatchStream> {
    return new Promise((resolve, reject) => {
      let finish: () => void = () => undefined;
      const ended = new Promise<void>((r) => (finish = r));
      const req = request(
        new URL(path, server),
        // Its own socket, not the keep-alive pool: a watch holds the connection for the whole phase.
        {
          method: "GET",
          ca: this.credentials.caPem,
          cert: this.credentials.certPem,
          key: this.credentials.keyPem,
          agent: false,
          headers: { Accept: "application/json" },
        },
        (res) => {
          if (res.statusCode !== 200) {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () =>
              reject(new ApiCallError(res.statusCode ?? 0, statusReason(Buffer.concat(chunks)))),
            );
            return;
          }
          res.on("data", (c: Buffer) => onChunk(c, performance.now()));
          res.on("end", finish);
          res.on("error", finish);
          res.on("close", finish);
          resolve({ close: () => req.destroy(), ended });
        },
      );
      req.on("error", (err) => {
        finish();
        reject(new ApiCallError(0, err.message));
      });
      req.end();
    });
  }

  close(): void {
    for (const a of this.agents.values()) a.destroy();
    this.agents.clear();
  }
}

/** An Agent that counts the connections it opens. */
class CountingAgent extends Agent {
  opened = 0;

  constructor(options: AgentOptions) {
    super(options);
  }

  override createConnection(...args: Parameters<Agent["createConnection"]>): Socket {
    this.opened++;
    return super.createConnection(...args) as Socket;
  }
}

/** The reason (or message) of a Kubernetes Status body, or the body's first bytes. */
function statusReason(body: Buffer): string {
  try {
    const s = JSON.parse(body.toString("utf8")) as { reason?: string; message?: string };
    return [s.reason, s.message].filter((x) => x !== undefined && x !== "").join(": ") || "(empty Status)";
  } catch {
    return body.subarray(0, 200).toString("utf8");
  }
}
