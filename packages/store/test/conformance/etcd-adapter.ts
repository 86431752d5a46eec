import { noop } from "cockatiel";
import {
  Etcd3,
  type ICompare,
  type IKeyValue,
  type IRangeRequest,
  type IRequestOp,
  type IResponseOp,
  type IWatchResponse,
} from "etcd3";
import {
  type Compare,
  ConformanceError,
  type ConformanceErrorCode,
  type DeleteOptions,
  type DeleteResult,
  type Kv,
  type LeaseTimeToLive,
  type Member,
  type PutOptions,
  type PutResult,
  type RangeOptions,
  type RangeResult,
  rangeEndOf,
  type StoreUnderTest,
  type TxnOp,
  type TxnOpResult,
  type TxnResult,
  type WatchEvent,
  type WatchOptions,
  type WatchStream,
} from "./store-under-test.js";
import { WatchQueue } from "./watch-queue.js";

const dec = new TextDecoder();

// etcd's error texts (etcdserver/api/v3rpc/rpctypes and mvcc) → the suite's codes: the one mapping place.
const ETCD_ERRORS: [string, ConformanceErrorCode][] = [
  ["required revision has been compacted", "compacted"],
  ["required revision is a future revision", "futureRevision"],
  ["requested lease not found", "leaseNotFound"],
  ["key is not provided", "emptyKey"],
  ["request is too large", "requestTooLarge"],
  ["too many operations in txn request", "tooManyOps"],
  ["duplicate key given in txn request", "duplicateKey"],
];

function normalize(e: unknown): unknown {
  if (!(e instanceof Error)) return e;
  const hit = ETCD_ERRORS.find(([text]) => e.message.includes(text));
  return hit === undefined ? e : new ConformanceError(hit[1], e.message);
}

async function guard<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw normalize(e);
  }
}

const CMP_RESULT = { "=": "Equal", "!=": "NotEqual", "<": "Less", ">": "Greater" } as const;
const CMP_TARGET = {
  value: "Value",
  version: "Version",
  createRevision: "Create",
  modRevision: "Mod",
  lease: "Lease",
} as const;

/**
 * Talks to a real etcd 3.4 through npm `etcd3`'s raw gRPC clients (not its builders, so every field is
 * visible). The client's retry and circuit-breaker policies are off: a retried put would take a second
 * revision and a tripped breaker would hide the real error, both of which the suite must see.
 */
export class EtcdAdapter implements StoreUnderTest {
  readonly name = "etcd";
  private readonly client: Etcd3;

  constructor(clientUrl: string) {
    this.client = new Etcd3({
      hosts: clientUrl,
      faultHandling: { host: () => noop, global: noop },
      // A 1.6 MiB value must reach etcd so that etcd itself refuses it.
      grpcOptions: { "grpc.max_send_message_length": 8 * 1024 * 1024 },
    });
  }

  async put(key: string, value: string, options: PutOptions = {}): Promise<PutResult> {
    const r = await guard(() =>
      this.client.kv.put({
        key: Buffer.from(key),
        value: Buffer.from(value),
        lease: options.lease ?? "0",
        prev_kv: options.prevKv ?? false,
      }),
    );
    const out: PutResult = { revision: Number(r.header.revision) };
    if (r.prev_kv) out.prevKv = toKv(r.prev_kv);
    return out;
  }

  async range(key: string, options: RangeOptions = {}): Promise<RangeResult> {
    const r = await guard(() => this.client.kv.range(rangeRequest(key, options)));
    return {
      kvs: r.kvs.map(toKv),
      count: Number(r.count),
      more: r.more,
      revision: Number(r.header.revision),
    };
  }

  async delete(key: string, options: DeleteOptions = {}): Promise<DeleteResult> {
    const r = await guard(() => this.client.kv.deleteRange(deleteRequest(key, options)));
    return { revision: Number(r.header.revision), deleted: Number(r.deleted), prevKvs: r.prev_kvs.map(toKv) };
  }

  async txn(compares: Compare[], success: TxnOp[], failure: TxnOp[]): Promise<TxnResult> {
    const r = await guard(() =>
      this.client.kv.txn({
        compare: compares.map(etcdCompare),
        success: success.map(requestOp),
        failure: failure.map(requestOp),
      }),
    );
    return {
      succeeded: r.succeeded,
      revision: Number(r.header.revision),
      responses: r.responses.map(opResult),
    };
  }

  async compact(revision: number): Promise<void> {
    await guard(() => this.client.kv.compact({ revision, physical: true }));
  }

  async watch(key: string, options: WatchOptions = {}): Promise<WatchStream> {
    const stream = await this.client.watchClient.watch();
    const queue = new WatchQueue();
    let resolveCreated: () => void = () => {};
    let rejectCreated: (e: Error) => void = () => {};
    const created = new Promise<void>((resolve, reject) => {
      resolveCreated = resolve;
      rejectCreated = reject;
    });
    stream.on("data", (resp: IWatchResponse) => {
      if (resp.created) resolveCreated();
      if (resp.canceled) {
        const compactRevision = Number(resp.compact_revision);
        queue.fail(
          compactRevision > 0
            ? new ConformanceError(
                "compacted",
                `mvcc: required revision has been compacted (${resp.cancel_reason})`,
                compactRevision,
              )
            : new ConformanceError("compacted", `watch canceled: ${resp.cancel_reason}`),
        );
        resolveCreated();
        return;
      }
      if (resp.events.length > 0) queue.push({ events: resp.events.map(toEvent) });
    });
    // Ending the stream ourselves reports a cancellation: nothing to do then.
    stream.on("error", (e: Error) => rejectCreated(e));
    const rangeEnd = rangeEndOf(key, options);
    stream.write({
      create_request: {
        key: Buffer.from(key),
        ...(rangeEnd === undefined ? {} : { range_end: Buffer.from(rangeEnd) }),
        start_revision: options.startRevision ?? 0,
        prev_kv: options.prevKv ?? false,
      },
    });
    await created;
    return {
      nextBatches: (n, timeoutMs) => queue.nextBatches(n, timeoutMs),
      pending: () => queue.pending(),
      cancel: async () => {
        stream.cancel();
      },
    };
  }

  async leaseGrant(ttlSeconds: number): Promise<{ id: string; ttl: number }> {
    const r = await guard(() => this.client.leaseClient.leaseGrant({ TTL: ttlSeconds, ID: 0 }));
    return { id: r.ID, ttl: Number(r.TTL) };
  }

  async leaseRevoke(id: string): Promise<void> {
    await guard(() => this.client.leaseClient.leaseRevoke({ ID: id }));
  }

  async leaseKeepAlive(id: string): Promise<number> {
    const stream = await this.client.leaseClient.leaseKeepAlive();
    try {
      const ttl = await new Promise<number>((resolve, reject) => {
        stream.on("data", (r) => resolve(Number(r.TTL)));
        stream.on("error", reject);
        stream.write({ ID: id });
      });
      return ttl;
    } finally {
      stream.cancel();
    }
  }

  async leaseTimeToLive(id: string): Promise<LeaseTimeToLive> {
    const r = await guard(() => this.client.leaseClient.leaseTimeToLive({ ID: id, keys: true }));
    return { ttl: Number(r.TTL), grantedTtl: Number(r.grantedTTL), keys: r.keys.map((k) => dec.decode(k)) };
  }

  async memberList(): Promise<Member[]> {
    const r = await this.client.cluster.memberList({});
    return r.members.map((m) => ({ id: m.ID, name: m.name, clientUrls: m.clientURLs }));
  }

  async close(): Promise<void> {
    this.client.close();
  }
}

function rangeRequest(key: string, options: RangeOptions): IRangeRequest {
  const rangeEnd = rangeEndOf(key, options);
  return {
    key: Buffer.from(key),
    ...(rangeEnd === undefined ? {} : { range_end: Buffer.from(rangeEnd) }),
    revision: options.revision ?? 0,
    limit: options.limit ?? 0,
    count_only: options.countOnly ?? false,
    keys_only: options.keysOnly ?? false,
  };
}

function deleteRequest(key: string, options: DeleteOptions) {
  const rangeEnd = rangeEndOf(key, options);
  return {
    key: Buffer.from(key),
    ...(rangeEnd === undefined ? {} : { range_end: Buffer.from(rangeEnd) }),
    prev_kv: options.prevKv ?? false,
  };
}

function etcdCompare(c: Compare): ICompare {
  const base = { key: Buffer.from(c.key), result: CMP_RESULT[c.result], target: CMP_TARGET[c.target] };
  switch (c.target) {
    case "value":
      return { ...base, value: Buffer.from(String(c.value)) };
    case "version":
      return { ...base, version: Number(c.value) };
    case "createRevision":
      return { ...base, create_revision: Number(c.value) };
    case "modRevision":
      return { ...base, mod_revision: Number(c.value) };
    case "lease":
      return { ...base, lease: String(c.value) };
  }
}

function requestOp(op: TxnOp): IRequestOp {
  switch (op.type) {
    case "put":
      return {
        request_put: {
          key: Buffer.from(op.key),
          value: Buffer.from(op.value),
          lease: op.options?.lease ?? "0",
          prev_kv: op.options?.prevKv ?? false,
        },
      };
    case "range":
      return { request_range: rangeRequest(op.key, op.options ?? {}) };
    case "delete":
      return { request_delete_range: deleteRequest(op.key, op.options ?? {}) };
  }
}

function opResult(r: IResponseOp): TxnOpResult {
  if (r.response_put) {
    return r.response_put.prev_kv ? { type: "put", prevKv: toKv(r.response_put.prev_kv) } : { type: "put" };
  }
  if (r.response_range) {
    const rr = r.response_range;
    return { type: "range", kvs: rr.kvs.map(toKv), count: Number(rr.count), more: rr.more };
  }
  if (r.response_delete_range) {
    const d = r.response_delete_range;
    return { type: "delete", deleted: Number(d.deleted), prevKvs: d.prev_kvs.map(toKv) };
  }
  throw new Error("unexpected txn response op");
}

function toKv(kv: IKeyValue): Kv {
  return {
    key: dec.decode(kv.key),
    value: dec.decode(kv.value),
    createRevision: Number(kv.create_revision),
    modRevision: Number(kv.mod_revision),
    version: Number(kv.version),
    lease: kv.lease,
  };
}

function toEvent(e: IWatchResponse["events"][number]): WatchEvent {
  const out: WatchEvent = { type: e.type === "Delete" ? "DELETE" : "PUT", kv: toKv(e.kv) };
  if (e.prev_kv) out.prevKv = toKv(e.prev_kv);
  return out;
}

/** Whether the member at `clientUrl` serves a linearizable read (the fixture's health probe). */
export async function etcdHealthy(clientUrl: string): Promise<boolean> {
  const client = new Etcd3({ hosts: clientUrl, faultHandling: { host: () => noop, global: noop } });
  try {
    await client.kv.range({ key: Buffer.from("health") }, { deadline: Date.now() + 1000 });
    return true;
  } catch {
    return false;
  } finally {
    client.close();
  }
}
