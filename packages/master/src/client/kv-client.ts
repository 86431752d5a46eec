import type { DeleteResponse__Output } from "../generated/kv/v1/DeleteResponse.js";
import type { GetResponse__Output } from "../generated/kv/v1/GetResponse.js";
import type { KVClient } from "../generated/kv/v1/KV.js";
import type { PutResponse__Output } from "../generated/kv/v1/PutResponse.js";
import { CallError, EndpointSet, isRetryableElsewhere, kvClientFactory, unaryCall } from "./call.js";

export interface KvCallOptions {
  /** Deadline of each attempt, in ms. */
  readonly deadlineMs?: number;
  /** Endpoint (index into the list, or the address) to try first. */
  readonly endpoint?: number | string;
}

export interface KvWriteOptions extends KvCallOptions {
  /**
   * Try the other endpoints when an attempt fails with UNAVAILABLE or DEADLINE_EXCEEDED. Off by default:
   * a write that timed out may still be applied, so only a caller that knows the write is idempotent
   * (a put of the same value) should ask for it.
   */
  readonly failover?: boolean;
}

export interface KvGetOptions extends KvCallOptions {
  /** Read this member's local state instead of a linearizable read. */
  readonly serializable?: boolean;
}

/** Typed client of kv.v1.KV with per-call deadlines; reads fail over across endpoints, writes only on request. */
export class KvClient {
  private readonly set: EndpointSet<KVClient>;
  private preferred = 0;
  private readonly deadlineMs: number;

  constructor(endpoints: readonly string[] | string, options: { deadlineMs?: number } = {}) {
    this.set = new EndpointSet(endpoints, kvClientFactory);
    this.deadlineMs = options.deadlineMs ?? 5000;
  }

  get endpoints(): readonly string[] {
    return this.set.endpoints;
  }

  put(
    key: string,
    value: string,
    options: KvWriteOptions = {},
  ): Promise<{ index: number; endpoint: string }> {
    return this.attempt(options, options.failover ?? false, (client, deadline, endpoint) =>
      unaryCall<PutResponse__Output>(endpoint, deadline, (o, cb) => client.Put({ key, value }, o, cb)).then(
        (r) => ({
          index: r.index,
          endpoint,
        }),
      ),
    );
  }

  get(key: string, options: KvGetOptions = {}): Promise<{ found: boolean; value: string; index: number }> {
    return this.attempt(options, true, (client, deadline, endpoint) =>
      unaryCall<GetResponse__Output>(endpoint, deadline, (o, cb) =>
        client.Get({ key, serializable: options.serializable ?? false }, o, cb),
      ),
    );
  }

  delete(key: string, options: KvWriteOptions = {}): Promise<{ deleted: boolean; index: number }> {
    return this.attempt(options, options.failover ?? false, (client, deadline, endpoint) =>
      unaryCall<DeleteResponse__Output>(endpoint, deadline, (o, cb) => client.Delete({ key }, o, cb)),
    );
  }

  close(): void {
    this.set.close();
  }

  private async attempt<T>(
    options: KvCallOptions,
    failover: boolean,
    run: (client: KVClient, deadlineMs: number, endpoint: string) => Promise<T>,
  ): Promise<T> {
    const first =
      typeof options.endpoint === "string"
        ? Math.max(0, this.set.endpoints.indexOf(options.endpoint))
        : (options.endpoint ?? this.preferred);
    const order = this.set.order(first);
    const tries = failover ? order : order.slice(0, 1);
    let last: unknown = new CallError(order[0] ?? "", 14, "no endpoint tried");
    for (const endpoint of tries) {
      try {
        const result = await run(this.set.client(endpoint), options.deadlineMs ?? this.deadlineMs, endpoint);
        this.preferred = this.set.endpoints.indexOf(endpoint);
        return result;
      } catch (err) {
        last = err;
        // The next call starts elsewhere, even when this one is not retried.
        this.preferred = (this.set.endpoints.indexOf(endpoint) + 1) % this.set.endpoints.length;
        if (!isRetryableElsewhere(err)) throw err;
      }
    }
    throw last;
  }
}
