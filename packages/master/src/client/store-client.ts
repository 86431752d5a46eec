import type { Writable } from "node:stream";
import * as grpc from "@grpc/grpc-js";
import { stripScheme } from "../config.js";
import type { CompactionResponse__Output } from "../generated/etcdserverpb/CompactionResponse.js";
import type { DeleteRangeResponse__Output } from "../generated/etcdserverpb/DeleteRangeResponse.js";
import type { LeaseGrantResponse__Output } from "../generated/etcdserverpb/LeaseGrantResponse.js";
import type { LeaseKeepAliveResponse__Output } from "../generated/etcdserverpb/LeaseKeepAliveResponse.js";
import type { LeaseLeasesResponse__Output } from "../generated/etcdserverpb/LeaseLeasesResponse.js";
import type { LeaseRevokeResponse__Output } from "../generated/etcdserverpb/LeaseRevokeResponse.js";
import type { LeaseTimeToLiveResponse__Output } from "../generated/etcdserverpb/LeaseTimeToLiveResponse.js";
import type { MemberListResponse__Output } from "../generated/etcdserverpb/MemberListResponse.js";
import type { PutResponse__Output } from "../generated/etcdserverpb/PutResponse.js";
import type { RangeResponse__Output } from "../generated/etcdserverpb/RangeResponse.js";
import type { SnapshotResponse__Output } from "../generated/etcdserverpb/SnapshotResponse.js";
import type { StatusResponse__Output } from "../generated/etcdserverpb/StatusResponse.js";
import type { TxnResponse__Output } from "../generated/etcdserverpb/TxnResponse.js";
import type { Logger } from "../logger.js";
import { type Callback, unaryCall } from "./call.js";
import { StoreChannels, type StoreStubs } from "./store-channels.js";
import {
  type CallOptions,
  DEFAULT_DEADLINE_MS,
  DEFAULT_RETRY_BUDGET_MS,
  DEFAULT_SNAPSHOT_DEADLINE_MS,
  type StoreClientOptions,
} from "./store-client-options.js";
import {
  deleteRequest,
  deleteResult,
  header,
  num,
  putRequest,
  putResult,
  rangeRequest,
  rangeResult,
  txnRequest,
  txnResult,
} from "./store-convert.js";
import { type CallClass, StoreClientError, toStoreClientError } from "./store-errors.js";
import { type KeepAliveHandle, startKeepAlive } from "./store-keep-alive.js";
import { withRetries } from "./store-retry.js";
import type {
  Bytes,
  DeleteCallOptions,
  DeleteResult,
  EndpointStatus,
  KeyValue,
  LeaseGrantResult,
  LeaseTimeToLiveResult,
  Member,
  PutCallOptions,
  PutResult,
  RangeCallOptions,
  RangeResult,
  TxnRequest,
  TxnResult,
  WatchOptions,
} from "./store-types.js";
import { StoreWatch } from "./store-watch.js";

/** Failures after which the next call had better start on another endpoint. */
const MOVE_ON: ReadonlySet<string> = new Set(["unavailable", "noLeader", "deadline", "outcomeUnknown"]);

/**
 * Typed client of the store API (etcd v3's gRPC KV, Watch, Lease, Cluster and Maintenance services), for
 * tskube masters and a real etcd alike. Every attempt has a deadline. Reads and idempotent calls move on
 * to the next endpoint on a transient failure until the retry budget is spent; writes are retried only
 * when the failure proves they did not run (no leader, no connection): any other failure of a write is
 * reported as kind "outcomeUnknown", never silently repeated.
 */
export class StoreClient {
  private readonly channels: StoreChannels;
  private readonly deadlineMs: number;
  private readonly retryBudgetMs: number;
  private readonly logger: Logger | undefined;
  /** Index of the endpoint the next call starts at: the last one that answered. */
  private preferred = 0;
  /** Watches and keep-alives still running: close() ends them. */
  private readonly watches = new Set<StoreWatch>();
  private readonly keepAlives = new Set<KeepAliveHandle>();

  constructor(endpoints: readonly string[] | string, options: StoreClientOptions = {}) {
    this.channels = new StoreChannels(endpoints);
    this.deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
    this.retryBudgetMs = options.retryBudgetMs ?? DEFAULT_RETRY_BUDGET_MS;
    this.logger = options.logger;
  }

  get endpoints(): readonly string[] {
    return this.channels.endpoints;
  }

  // --- KV -----------------------------------------------------------------------------------------------

  async range(key: Bytes, options: RangeCallOptions = {}): Promise<RangeResult> {
    const r = await this.unary<RangeResponse__Output>("read", options, (s, o, cb) =>
      s.kv.Range(rangeRequest(key, options), o, cb),
    );
    return rangeResult(r);
  }

  /** The key's current state (or at `revision`), undefined when it does not exist. */
  async get(
    key: Bytes,
    options: Omit<RangeCallOptions, "prefix" | "rangeEnd" | "fromKey"> = {},
  ): Promise<KeyValue | undefined> {
    return (await this.range(key, options)).kvs[0];
  }

  async put(key: Bytes, value: Bytes, options: PutCallOptions = {}): Promise<PutResult> {
    const r = await this.unary<PutResponse__Output>("write", options, (s, o, cb) =>
      s.kv.Put(putRequest(key, value, options), o, cb),
    );
    return putResult(r);
  }

  async delete(key: Bytes, options: DeleteCallOptions = {}): Promise<DeleteResult> {
    const r = await this.unary<DeleteRangeResponse__Output>("write", options, (s, o, cb) =>
      s.kv.DeleteRange(deleteRequest(key, options), o, cb),
    );
    return deleteResult(r);
  }

  async txn(request: TxnRequest, options: CallOptions = {}): Promise<TxnResult> {
    const r = await this.unary<TxnResponse__Output>("write", options, (s, o, cb) =>
      s.kv.Txn(txnRequest(request), o, cb),
    );
    return txnResult(r);
  }

  /** Drops history before `revision`; `physical` waits until the space is reclaimed. Returns the header revision. */
  async compact(
    revision: number,
    options: CallOptions & { physical?: boolean } = {},
  ): Promise<{ revision: number }> {
    const r = await this.unary<CompactionResponse__Output>("write", options, (s, o, cb) =>
      s.kv.Compact({ revision, physical: options.physical ?? false }, o, cb),
    );
    return { revision: header(r.header).revision };
  }

  // --- Watch --------------------------------------------------------------------------------------------

  /**
   * Watches `key` (or a range / prefix). Resolves once the server created the watch; iterate the result
   * (`for await (const batch of w)`) or call nextBatch(). Reconnects to the next endpoint on a lost stream.
   */
  async watch(
    key: Bytes,
    options: WatchOptions & Pick<CallOptions, "retryBudgetMs"> = {},
  ): Promise<StoreWatch> {
    const w = new StoreWatch(
      {
        endpoints: () => this.channels.order(this.preferred),
        open: (endpoint) => this.channels.for(endpoint).watch.Watch(),
        budgetMs: options.retryBudgetMs ?? this.retryBudgetMs,
        ...(this.logger && { logger: this.logger }),
        onEnd: (ended) => this.watches.delete(ended),
      },
      key,
      options,
    );
    this.watches.add(w);
    await w.ready;
    return w;
  }

  // --- Lease --------------------------------------------------------------------------------------------

  /** Grants a lease of `ttl` seconds (`id` "0"/absent: the server picks one). */
  async leaseGrant(ttl: number, options: CallOptions & { id?: string } = {}): Promise<LeaseGrantResult> {
    const { value: r, endpoint } = await this.attempts("write", options, (stubs, e, deadlineMs) =>
      unaryCall<LeaseGrantResponse__Output>(e, deadlineMs, (o, cb) =>
        stubs.lease.LeaseGrant({ TTL: ttl, ID: options.id ?? "0" }, o, cb),
      ),
    );
    if (r.error !== "") {
      throw new StoreClientError({ kind: "invalidArgument", endpoint, details: r.error, notExecuted: true });
    }
    return { id: r.ID, ttl: num(r.TTL) };
  }

  /** Revokes a lease, deleting its keys. An unknown lease fails with kind "leaseNotFound". */
  async leaseRevoke(id: string, options: CallOptions = {}): Promise<void> {
    await this.unary<LeaseRevokeResponse__Output>("write", options, (s, o, cb) =>
      s.lease.LeaseRevoke({ ID: id }, o, cb),
    );
  }

  /** One renewal; returns the TTL granted again. A lease that is gone fails with kind "leaseNotFound". */
  async leaseKeepAliveOnce(id: string, options: CallOptions = {}): Promise<{ id: string; ttl: number }> {
    const { value, endpoint } = await this.attempts("read", options, (stubs, endpoint, deadlineMs) =>
      keepAliveRoundTrip(stubs, endpoint, id, deadlineMs),
    );
    const ttl = num(value.TTL);
    if (ttl <= 0) {
      throw new StoreClientError({
        kind: "leaseNotFound",
        endpoint,
        details: `lease ${id} not found (expired or revoked)`,
      });
    }
    return { id: value.ID, ttl };
  }

  /**
   * Renews the lease every ttl/3 until `stop()`; `lost` tells when and why renewals ended otherwise.
   * `onRenew` sees the TTL each renewal granted.
   */
  keepAlive(id: string, options: CallOptions & { onRenew?: (ttl: number) => void } = {}): KeepAliveHandle {
    const handle = startKeepAlive(id, () => this.leaseKeepAliveOnce(id, options), {
      ...(this.logger && { logger: this.logger }),
      ...(options.onRenew && { onRenew: options.onRenew }),
    });
    this.keepAlives.add(handle);
    void handle.lost.then(() => this.keepAlives.delete(handle));
    return handle;
  }

  /** The lease's remaining and granted TTL (and its keys with `keys`). An unknown lease fails with "leaseNotFound". */
  async leaseTimeToLive(
    id: string,
    options: CallOptions & { keys?: boolean } = {},
  ): Promise<LeaseTimeToLiveResult> {
    const { value: r, endpoint } = await this.attempts("read", options, (stubs, endpoint, deadlineMs) =>
      unaryCall<LeaseTimeToLiveResponse__Output>(endpoint, deadlineMs, (o, cb) =>
        stubs.lease.LeaseTimeToLive({ ID: id, keys: options.keys ?? false }, o, cb),
      ),
    );
    const ttl = num(r.TTL);
    // etcd answers an unknown lease with TTL -1 rather than an error.
    if (ttl < 0) {
      throw new StoreClientError({
        kind: "leaseNotFound",
        endpoint,
        details: `lease ${id} not found (expired or revoked)`,
      });
    }
    return { id: r.ID, ttl, grantedTtl: num(r.grantedTTL), keys: r.keys };
  }

  /** Ids of every live lease. */
  async leases(options: CallOptions = {}): Promise<string[]> {
    const r = await this.unary<LeaseLeasesResponse__Output>("read", options, (s, o, cb) =>
      s.lease.LeaseLeases({}, o, cb),
    );
    return r.leases.map((l) => l.ID);
  }

  // --- Cluster and maintenance --------------------------------------------------------------------------

  async memberList(options: CallOptions = {}): Promise<Member[]> {
    const r = await this.unary<MemberListResponse__Output>("read", options, (s, o, cb) =>
      s.cluster.MemberList({}, o, cb),
    );
    return r.members.map((m) => ({
      id: m.ID,
      name: m.name,
      peerUrls: m.peerURLs,
      clientUrls: m.clientURLs,
      isLearner: m.isLearner,
    }));
  }

  /** Status of one member: `endpoint` (no retry elsewhere), or whichever endpoint answers first. */
  async status(endpoint?: string, options: Omit<CallOptions, "endpoint"> = {}): Promise<EndpointStatus> {
    const pinned = endpoint === undefined ? {} : { retryBudgetMs: 0 };
    const { value, endpoint: answered } = await this.attempts(
      "read",
      { ...options, ...pinned },
      (stubs, e, deadlineMs) =>
        unaryCall<StatusResponse__Output>(e, deadlineMs, (o, cb) => stubs.maintenance.Status({}, o, cb)),
      endpoint === undefined ? undefined : [stripScheme(endpoint)],
    );
    const h = header(value.header);
    return {
      endpoint: answered,
      memberId: h.memberId,
      leader: value.leader,
      isLeader: value.leader !== "0" && value.leader === h.memberId,
      isLearner: value.isLearner,
      version: value.version,
      dbSize: num(value.dbSize),
      raftIndex: num(value.raftIndex),
      raftTerm: num(value.raftTerm),
      raftAppliedIndex: num(value.raftAppliedIndex),
      revision: h.revision,
      errors: value.errors,
    };
  }

  /** Status of every endpoint, each with its own result or error. */
  statusAll(options: Omit<CallOptions, "endpoint"> = {}): Promise<Array<EndpointStatus | StoreClientError>> {
    return Promise.all(
      this.endpoints.map((e) =>
        this.status(e, options).catch((err: unknown) => toStoreClientError(e, err, "read")),
      ),
    );
  }

  /**
   * Streams a member's snapshot (Maintenance.Snapshot) into `writeTo`, honouring its back-pressure; the
   * caller ends and closes `writeTo`. Not retried: bytes may already be written when it fails.
   */
  async snapshot(writeTo: Writable, options: CallOptions = {}): Promise<{ bytes: number; endpoint: string }> {
    const endpoint = this.first(options);
    const deadline = Date.now() + (options.deadlineMs ?? DEFAULT_SNAPSHOT_DEADLINE_MS);
    const call = this.channels.for(endpoint).maintenance.Snapshot({}, { deadline });
    let bytes = 0;
    return new Promise((resolve, reject) => {
      let settled = false;
      const fail = (err: unknown) => {
        if (settled) return;
        settled = true;
        call.cancel();
        reject(toStoreClientError(endpoint, err, "read"));
      };
      call.on("data", (chunk: SnapshotResponse__Output) => {
        bytes += chunk.blob.length;
        if (!writeTo.write(chunk.blob)) {
          call.pause();
          writeTo.once("drain", () => call.resume());
        }
      });
      call.on("error", fail);
      writeTo.once("error", fail);
      call.on("end", () => {
        if (settled) return;
        settled = true;
        writeTo.removeListener("error", fail);
        resolve({ bytes, endpoint });
      });
    });
  }

  /** Ends every watch and keep-alive of this client, then closes its channels. */
  close(): void {
    for (const w of this.watches) w.cancel();
    for (const k of this.keepAlives) k.stop();
    this.watches.clear();
    this.keepAlives.clear();
    this.channels.close();
  }

  // --- plumbing -----------------------------------------------------------------------------------------

  private unary<T>(
    callClass: CallClass,
    options: CallOptions,
    start: (stubs: StoreStubs, options: grpc.CallOptions, callback: Callback<T>) => void,
  ): Promise<T> {
    return this.attempts(callClass, options, (stubs, endpoint, deadlineMs) =>
      unaryCall<T>(endpoint, deadlineMs, (o, cb) => start(stubs, o, cb)),
    ).then((r) => r.value);
  }

  private async attempts<T>(
    callClass: CallClass,
    options: CallOptions,
    run: (stubs: StoreStubs, endpoint: string, deadlineMs: number) => Promise<T>,
    only?: readonly string[],
  ): Promise<{ value: T; endpoint: string }> {
    const endpoints = only ?? this.channels.order(this.indexOf(options.endpoint));
    try {
      const r = await withRetries(
        {
          endpoints,
          callClass,
          deadlineMs: options.deadlineMs ?? this.deadlineMs,
          budgetMs: options.retryBudgetMs ?? this.retryBudgetMs,
          onRetry: (err, next) => this.logger?.debug({ err: err.message, next }, "store client: retrying"),
        },
        (endpoint, deadlineMs) => run(this.channels.for(endpoint), endpoint, deadlineMs),
      );
      const i = this.endpoints.indexOf(r.endpoint);
      if (i >= 0) this.preferred = i;
      return r;
    } catch (err) {
      // The next call starts on another endpoint when this one looked unhealthy, even if not retried.
      if (err instanceof StoreClientError && MOVE_ON.has(err.kind)) {
        const i = this.endpoints.indexOf(err.endpoint);
        if (i >= 0) this.preferred = (i + 1) % this.endpoints.length;
      }
      throw err;
    }
  }

  private indexOf(endpoint: string | number | undefined): number {
    if (endpoint === undefined) return this.preferred;
    if (typeof endpoint === "number") return endpoint % this.endpoints.length;
    const i = this.endpoints.indexOf(stripScheme(endpoint));
    return i >= 0 ? i : this.preferred;
  }

  private first(options: CallOptions): string {
    return this.endpoints[this.indexOf(options.endpoint)] as string;
  }
}

/** One LeaseKeepAlive round trip on its own stream (a request, its response, then the stream is dropped). */
function keepAliveRoundTrip(
  stubs: StoreStubs,
  endpoint: string,
  id: string,
  deadlineMs: number,
): Promise<LeaseKeepAliveResponse__Output> {
  return new Promise((resolve, reject) => {
    const stream = stubs.lease.LeaseKeepAlive({ deadline: Date.now() + deadlineMs });
    let settled = false;
    stream.on("data", (r: LeaseKeepAliveResponse__Output) => {
      if (settled) return;
      settled = true;
      resolve(r);
      stream.cancel();
    });
    stream.on("error", (err) => {
      if (settled) return;
      settled = true;
      reject(toStoreClientError(endpoint, err, "read"));
    });
    stream.on("status", (s: grpc.StatusObject) => {
      if (settled || s.code !== grpc.status.OK) return;
      settled = true;
      const details = "keep-alive stream ended without a response";
      reject(new StoreClientError({ kind: "unavailable", endpoint, details, code: grpc.status.UNAVAILABLE }));
    });
    stream.write({ ID: id });
  });
}
