import * as grpc from "@grpc/grpc-js";
import { stripScheme } from "../config.js";
import { CHANNEL_OPTIONS, loadProtos } from "../grpc/protos.js";

/** A failed client call: the gRPC status code, and a message naming the endpoint and the problem. */
export class CallError extends Error {
  constructor(
    readonly endpoint: string,
    readonly code: grpc.status,
    readonly details: string,
  ) {
    super(`${endpoint}: ${details} (${grpc.status[code] ?? code})`);
    this.name = "CallError";
  }
}

export type Callback<T> = (err: grpc.ServiceError | null, value?: T) => void;

/** Runs one unary call with a deadline and turns the callback into a promise. */
export function unaryCall<T>(
  endpoint: string,
  deadlineMs: number,
  start: (options: grpc.CallOptions, callback: Callback<T>) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    start({ deadline: Date.now() + deadlineMs }, (err, value) => {
      if (err !== null) reject(new CallError(endpoint, err.code, err.details || err.message));
      else if (value === undefined) reject(new CallError(endpoint, grpc.status.INTERNAL, "empty response"));
      else resolve(value);
    });
  });
}

/** Lazily created clients, one per endpoint, of one generated service type. */
export class EndpointSet<C extends grpc.Client> {
  readonly endpoints: readonly string[];
  private readonly clients = new Map<string, C>();

  constructor(
    endpoints: readonly string[] | string,
    private readonly make: (address: string) => C,
  ) {
    const list = typeof endpoints === "string" ? endpoints.split(",") : endpoints;
    this.endpoints = list.map((e) => stripScheme(e.trim())).filter((e) => e !== "");
    if (this.endpoints.length === 0) throw new Error("no endpoints given");
  }

  client(endpoint: string): C {
    let c = this.clients.get(endpoint);
    if (c === undefined) {
      c = this.make(endpoint);
      this.clients.set(endpoint, c);
    }
    return c;
  }

  /** Endpoints in try order, starting at `first`. */
  order(first: number): string[] {
    const n = this.endpoints.length;
    return Array.from({ length: n }, (_, i) => this.endpoints[(first + i) % n] as string);
  }

  close(): void {
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
  }
}

export function clusterClientFactory(address: string) {
  return new (loadProtos().cluster.v1.Cluster)(address, grpc.credentials.createInsecure(), CHANNEL_OPTIONS);
}

/** Worth trying another endpoint: the call did not run there (unreachable, not the leader, no leader). */
export function isRetryableElsewhere(err: unknown): boolean {
  return (
    err instanceof CallError &&
    (err.code === grpc.status.UNAVAILABLE || err.code === grpc.status.DEADLINE_EXCEEDED)
  );
}
