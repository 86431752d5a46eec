import {
  type KeyValue,
  MvccStore,
  type RangeRequest,
  type RequestOp,
  type ResponseOp,
  type StoreCommand,
  type Compare as StoreCompare,
  StoreError,
  type StoreEvent,
  WatchHub,
} from "@tskube/store";
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

const enc = new TextEncoder();
const dec = new TextDecoder();

/** The one place StoreError codes become the suite's codes (others pass through unchanged). */
function normalize(e: unknown): unknown {
  if (!(e instanceof StoreError)) return e;
  const codes: Partial<Record<StoreError["code"], ConformanceErrorCode>> = {
    Compacted: "compacted",
    FutureRevision: "futureRevision",
    LeaseNotFound: "leaseNotFound",
    EmptyKey: "emptyKey",
    KeyTooLarge: "keyTooLarge",
    // etcd has no value limit of its own: an oversized value makes the whole request too large.
    ValueTooLarge: "requestTooLarge",
    TooManyOps: "tooManyOps",
    DuplicateKey: "duplicateKey",
  };
  const code = codes[e.code];
  return code === undefined ? e : new ConformanceError(code, e.message, e.compactRevision);
}

interface LeaseTimer {
  ttl: number;
  deadline: number;
  timer: NodeJS.Timeout;
}

/**
 * MvccStore + WatchHub in process, as one master would run them: every request is applied as a command at
 * the next log index. Lease expiry uses real time here — a stand-in for the leader's lessor, which proposes
 * a revoke when a lease runs out; keep-alives and remaining TTL live outside the state machine, as in etcd.
 */
export class MvccAdapter implements StoreUnderTest {
  readonly name = "mvcc";
  private readonly store = new MvccStore();
  private readonly hub = new WatchHub(this.store);
  private index = 0;
  private readonly timers = new Map<number, LeaseTimer>();

  /** `minTtl`: the lessor's floor, like etcd's (3/2 × election timeout, rounded up to seconds). */
  constructor(private readonly minTtl = 2) {}

  async put(key: string, value: string, options: PutOptions = {}): Promise<PutResult> {
    const r = this.apply({ type: "put", request: this.putRequest(key, value, options) });
    if (r.type !== "put") throw new Error("unexpected response");
    const out: PutResult = { revision: this.store.revision };
    if (r.response.prevKv !== undefined) out.prevKv = toKv(r.response.prevKv);
    return out;
  }

  async range(key: string, options: RangeOptions = {}): Promise<RangeResult> {
    const res = guard(() => this.store.range(rangeRequest(key, options)));
    return { kvs: res.kvs.map(toKv), count: res.count, more: res.more, revision: this.store.revision };
  }

  async delete(key: string, options: DeleteOptions = {}): Promise<DeleteResult> {
    const r = this.apply({ type: "deleteRange", request: deleteRequest(key, options) });
    if (r.type !== "deleteRange") throw new Error("unexpected response");
    return {
      revision: this.store.revision,
      deleted: r.response.deleted,
      prevKvs: r.response.prevKvs.map(toKv),
    };
  }

  async txn(compares: Compare[], success: TxnOp[], failure: TxnOp[]): Promise<TxnResult> {
    const r = this.apply({
      type: "txn",
      request: {
        compare: compares.map(storeCompare),
        success: success.map((op) => this.requestOp(op)),
        failure: failure.map((op) => this.requestOp(op)),
      },
    });
    if (r.type !== "txn") throw new Error("unexpected response");
    return {
      succeeded: r.response.succeeded,
      revision: this.store.revision,
      responses: r.response.responses.map(opResult),
    };
  }

  async compact(revision: number): Promise<void> {
    this.apply({ type: "compact", revision });
  }

  async watch(key: string, options: WatchOptions = {}): Promise<WatchStream> {
    const queue = new WatchQueue();
    const id = this.hub.watch(
      enc.encode(key),
      rangeEndOf(key, options),
      options.startRevision ?? 0,
      (resp) => {
        if (resp.canceled) {
          const e = normalize(resp.error);
          queue.fail(
            e instanceof ConformanceError ? e : new ConformanceError("compacted", String(resp.error)),
          );
          return;
        }
        if (resp.events.length > 0) queue.push({ events: resp.events.map(toEvent) });
      },
      { prevKv: options.prevKv ?? false },
    );
    return {
      nextBatches: (n, timeoutMs) => queue.nextBatches(n, timeoutMs),
      pending: () => queue.pending(),
      cancel: async () => {
        this.hub.cancel(id);
      },
    };
  }

  async leaseGrant(ttlSeconds: number): Promise<{ id: string; ttl: number }> {
    const ttl = Math.max(ttlSeconds, this.minTtl);
    const r = this.apply({ type: "leaseGrant", id: 0, ttl });
    if (r.type !== "leaseGrant") throw new Error("unexpected response");
    this.arm(r.id, r.ttl);
    return { id: String(r.id), ttl: r.ttl };
  }

  async leaseRevoke(id: string): Promise<void> {
    this.apply({ type: "leaseRevoke", id: Number(id) });
    this.disarm(Number(id));
  }

  async leaseKeepAlive(id: string): Promise<number> {
    const t = this.timers.get(Number(id));
    // etcd answers a keep-alive for an unknown lease with TTL 0.
    if (t === undefined) return 0;
    this.arm(Number(id), t.ttl);
    return t.ttl;
  }

  async leaseTimeToLive(id: string): Promise<LeaseTimeToLive> {
    const t = this.timers.get(Number(id));
    const info = this.store.leases().find((l) => l.id === Number(id));
    if (t === undefined || info === undefined) return { ttl: -1, grantedTtl: 0, keys: [] };
    // Whole seconds left, rounded down, as etcd reports it.
    const ttl = Math.max(0, Math.floor((t.deadline - Date.now()) / 1000));
    return { ttl, grantedTtl: info.ttl, keys: info.keys.map((k) => dec.decode(k)) };
  }

  async memberList(): Promise<Member[]> {
    return [{ id: "1", name: "mvcc-in-process", clientUrls: ["inprocess://mvcc"] }];
  }

  async close(): Promise<void> {
    for (const id of [...this.timers.keys()]) this.disarm(id);
  }

  private apply(command: StoreCommand) {
    const result = this.store.apply(command, { index: ++this.index });
    this.hub.publish(result);
    if (!result.ok) throw normalize(result.error);
    return result.response;
  }

  private arm(id: number, ttl: number): void {
    this.disarm(id);
    const timer = setTimeout(() => {
      this.timers.delete(id);
      // The lease may be gone already (revoked); a failed revoke changes nothing.
      const result = this.store.apply({ type: "leaseRevoke", id }, { index: ++this.index });
      this.hub.publish(result);
    }, ttl * 1000);
    timer.unref();
    this.timers.set(id, { ttl, deadline: Date.now() + ttl * 1000, timer });
  }

  private disarm(id: number): void {
    const t = this.timers.get(id);
    if (t === undefined) return;
    clearTimeout(t.timer);
    this.timers.delete(id);
  }

  private putRequest(key: string, value: string, options: PutOptions) {
    return {
      key: enc.encode(key),
      value: enc.encode(value),
      lease: Number(options.lease ?? "0"),
      prevKv: options.prevKv ?? false,
    };
  }

  private requestOp(op: TxnOp): RequestOp {
    switch (op.type) {
      case "put":
        return { type: "put", request: this.putRequest(op.key, op.value, op.options ?? {}) };
      case "range":
        return { type: "range", request: rangeRequest(op.key, op.options ?? {}) };
      case "delete":
        return { type: "deleteRange", request: deleteRequest(op.key, op.options ?? {}) };
    }
  }
}

function guard<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw normalize(e);
  }
}

function rangeRequest(key: string, options: RangeOptions): RangeRequest {
  const req: RangeRequest = { key: enc.encode(key) };
  const rangeEnd = rangeEndOf(key, options);
  if (rangeEnd !== undefined) req.rangeEnd = rangeEnd;
  if (options.revision !== undefined) req.revision = options.revision;
  if (options.limit !== undefined) req.limit = options.limit;
  if (options.countOnly !== undefined) req.countOnly = options.countOnly;
  if (options.keysOnly !== undefined) req.keysOnly = options.keysOnly;
  return req;
}

function deleteRequest(key: string, options: DeleteOptions) {
  const rangeEnd = rangeEndOf(key, options);
  return {
    key: enc.encode(key),
    ...(rangeEnd === undefined ? {} : { rangeEnd }),
    prevKv: options.prevKv ?? false,
  };
}

function storeCompare(c: Compare): StoreCompare {
  const key = enc.encode(c.key);
  if (c.target === "value")
    return { key, result: c.result, target: "value", value: enc.encode(String(c.value)) };
  return { key, result: c.result, target: c.target, value: Number(c.value) };
}

function opResult(r: ResponseOp): TxnOpResult {
  switch (r.type) {
    case "put":
      return r.response.prevKv === undefined
        ? { type: "put" }
        : { type: "put", prevKv: toKv(r.response.prevKv) };
    case "range":
      return { type: "range", kvs: r.response.kvs.map(toKv), count: r.response.count, more: r.response.more };
    case "deleteRange":
      return { type: "delete", deleted: r.response.deleted, prevKvs: r.response.prevKvs.map(toKv) };
    case "txn":
      throw new Error("nested txns are not part of the conformance surface");
  }
}

function toKv(kv: KeyValue): Kv {
  return {
    key: dec.decode(kv.key),
    value: dec.decode(kv.value),
    createRevision: kv.createRevision,
    modRevision: kv.modRevision,
    version: kv.version,
    lease: String(kv.lease),
  };
}

function toEvent(e: StoreEvent): WatchEvent {
  const out: WatchEvent = { type: e.type, kv: toKv(e.kv) };
  if (e.prevKv !== undefined) out.prevKv = toKv(e.prevKv);
  return out;
}
