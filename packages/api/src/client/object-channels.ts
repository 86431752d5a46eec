import type * as grpc from "@grpc/grpc-js";
import type { ObjectsClient } from "../generated/api/v1/Objects.js";
import { loadObjectsProto } from "./objects-proto.js";

/**
 * Lists and watch events of a busy cluster exceed grpc-js's 4 MiB receive default; requests are left at the
 * default so an oversized one reaches the server and gets its precise 413.
 */
const CHANNEL_OPTIONS: grpc.ChannelOptions = {
  "grpc.max_receive_message_length": 256 * 1024 * 1024,
  // Reconnect fast: a restarted master is back within a second on loopback.
  "grpc.initial_reconnect_backoff_ms": 50,
  "grpc.min_reconnect_backoff_ms": 50,
  "grpc.max_reconnect_backoff_ms": 1000,
  // Retries are the client's own decision (reads elsewhere, writes only when provably not run).
  "grpc.enable_retries": 0,
};

/** One Objects stub (and channel) per endpoint, created on first use. */
export class ObjectChannels {
  readonly endpoints: readonly string[];
  private readonly stubs = new Map<string, ObjectsClient>();

  constructor(
    endpoints: readonly string[] | string,
    private readonly credentials: grpc.ChannelCredentials,
    private readonly channelOptions: grpc.ChannelOptions = {},
  ) {
    const list = typeof endpoints === "string" ? endpoints.split(",") : endpoints;
    this.endpoints = list.map(normalize).filter((e) => e !== "");
    if (this.endpoints.length === 0) throw new Error("ObjectClient: no endpoints given");
  }

  for(endpoint: string): ObjectsClient {
    let stub = this.stubs.get(endpoint);
    if (stub === undefined) {
      const Objects = loadObjectsProto().api.v1.Objects;
      stub = new Objects(endpoint, this.credentials, { ...CHANNEL_OPTIONS, ...this.channelOptions });
      this.stubs.set(endpoint, stub);
    }
    return stub;
  }

  /** Endpoints in try order, starting at index `first`. */
  order(first: number): string[] {
    const n = this.endpoints.length;
    return Array.from({ length: n }, (_, i) => this.endpoints[(first + i) % n] as string);
  }

  indexOf(endpoint: string): number {
    return this.endpoints.indexOf(endpoint);
  }

  close(): void {
    for (const stub of this.stubs.values()) stub.close();
    this.stubs.clear();
  }
}

/** "https://10.0.0.1:6443/" → "10.0.0.1:6443": grpc-js wants host:port. */
function normalize(endpoint: string): string {
  return endpoint
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, "")
    .replace(/\/+$/, "");
}
