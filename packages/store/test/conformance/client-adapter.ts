import {
  type KeyValue,
  StoreClient,
  StoreClientError,
  type StoreErrorKind,
  type StoreTxnOp,
  type StoreTxnOpResult,
  type StoreWatch,
} from "@tskube/master";
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
  type StoreUnderTest,
  type TxnOp,
  type TxnOpResult,
  type TxnResult,
  type WatchOptions,
  type WatchStream,
} from "./store-under-test.js";
import { WatchQueue } from "./watch-queue.js";

const dec = new TextDecoder();

/** The one place StoreClientError kinds become the suite's codes (other kinds pass through unchanged). */
const KINDS: Partial<Record<StoreErrorKind, ConformanceErrorCode>> = {
  compacted: "compacted",
  futureRevision: "futureRevision",
  leaseNotFound: "leaseNotFound",
  emptyKey: "emptyKey",
  keyTooLarge: "keyTooLarge",
  requestTooLarge: "requestTooLarge",
  tooManyOps: "tooManyOps",
  duplicateKey: "duplicateKey",
};

function normalize(e: unknown): unknown {
  if (!(e instanceof StoreClientError)) return e;
  const code = KINDS[e.kind];
  return code === undefined ? e : new ConformanceError(code, e.message, e.compactRevision);
}

async function guard<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw normalize(e);
  }
}

/**
 * The suite over the wire through tskube's own StoreClient: against a real etcd it proves the client,
 * against tskube masters it proves the server. The client's default retries stay on (a write is only
 * retried when it provably did not run, so no revision is ever taken twice).
 */
export class ClientAdapter implements StoreUnderTest {
  private readonly client: StoreClient;

  constructor(
    readonly name: string,
    endpoints: readonly string[],
  ) {
    this.client = new StoreClient(endpoints, { deadlineMs: 5000 });
  }

  async put(key: string, value: string, options: PutOptions = {}): Promise<PutResult> {
    const r = await guard(() => this.client.put(key, value, options));
    return r.prevKv === undefined
      ? { revision: r.revision }
      : { revision: r.revision, prevKv: toKv(r.prevKv) };
  }

  async range(key: string, options: RangeOptions = {}): Promise<RangeResult> {
    const r = await guard(() => this.client.range(key, options));
    return { kvs: r.kvs.map(toKv), count: r.count, more: r.more, revision: r.revision };
  }

  async delete(key: string, options: DeleteOptions = {}): Promise<DeleteResult> {
    const r = await guard(() => this.client.delete(key, options));
    return { revision: r.revision, deleted: r.deleted, prevKvs: r.prevKvs.map(toKv) };
  }

  async txn(compares: Compare[], success: TxnOp[], failure: TxnOp[]): Promise<TxnResult> {
    const r = await guard(() =>
      this.client.txn({ compare: compares, success: success.map(txnOp), failure: failure.map(txnOp) }),
    );
    return { succeeded: r.succeeded, revision: r.revision, responses: r.responses.map(opResult) };
  }

  async compact(revision: number): Promise<void> {
    await guard(() => this.client.compact(revision, { physical: true }));
  }

  async watch(key: string, options: WatchOptions = {}): Promise<WatchStream> {
    const w = await guard(() => this.client.watch(key, options));
    const queue = new WatchQueue();
    void pump(w, queue);
    return {
      nextBatches: (n, timeoutMs) => queue.nextBatches(n, timeoutMs),
      pending: () => queue.pending(),
      cancel: async () => w.cancel(),
    };
  }

  async leaseGrant(ttlSeconds: number): Promise<{ id: string; ttl: number }> {
    return guard(() => this.client.leaseGrant(ttlSeconds));
  }

  async leaseRevoke(id: string): Promise<void> {
    await guard(() => this.client.leaseRevoke(id));
  }

  async leaseKeepAlive(id: string): Promise<number> {
    try {
      return (await this.client.leaseKeepAliveOnce(id)).ttl;
    } catch (e) {
      // The suite speaks etcd's wire answer: TTL 0 for a lease that is gone.
      if (e instanceof StoreClientError && e.kind === "leaseNotFound") return 0;
      throw normalize(e);
    }
  }

  async leaseTimeToLive(id: string): Promise<LeaseTimeToLive> {
    try {
      const r = await this.client.leaseTimeToLive(id, { keys: true });
      return { ttl: r.ttl, grantedTtl: r.grantedTtl, keys: r.keys.map((k) => dec.decode(k)) };
    } catch (e) {
      // etcd's wire answer for an unknown lease is TTL -1; the client turns it into leaseNotFound.
      if (e instanceof StoreClientError && e.kind === "leaseNotFound")
        return { ttl: -1, grantedTtl: 0, keys: [] };
      throw normalize(e);
    }
  }

  async memberList(): Promise<Member[]> {
    const members = await guard(() => this.client.memberList());
    return members.map((m) => ({ id: m.id, name: m.name, clientUrls: m.clientUrls }));
  }

  async close(): Promise<void> {
    this.client.close();
  }
}

/** Moves a watch's batches into the suite's queue until it ends; an error ends the queue with its code. */
async function pump(w: StoreWatch, queue: WatchQueue): Promise<void> {
  try {
    for (let b = await w.nextBatch(); b !== undefined; b = await w.nextBatch()) {
      if (b.events.length > 0) {
        queue.push({
          events: b.events.map((e) =>
            e.prevKv === undefined
              ? { type: e.type, kv: toKv(e.kv) }
              : { type: e.type, kv: toKv(e.kv), prevKv: toKv(e.prevKv) },
          ),
        });
      }
    }
  } catch (e) {
    const n = normalize(e);
    queue.fail(
      n instanceof ConformanceError ? n : new ConformanceError("compacted", `watch ended: ${String(e)}`),
    );
  }
}

function txnOp(op: TxnOp): StoreTxnOp {
  switch (op.type) {
    case "put":
      return { type: "put", key: op.key, value: op.value, ...(op.options && { options: op.options }) };
    case "range":
      return { type: "range", key: op.key, ...(op.options && { options: op.options }) };
    case "delete":
      return { type: "delete", key: op.key, ...(op.options && { options: op.options }) };
  }
}

function opResult(r: StoreTxnOpResult): TxnOpResult {
  switch (r.type) {
    case "put":
      return r.prevKv === undefined ? { type: "put" } : { type: "put", prevKv: toKv(r.prevKv) };
    case "range":
      return { type: "range", kvs: r.kvs.map(toKv), count: r.count, more: r.more };
    case "delete":
      return { type: "delete", deleted: r.deleted, prevKvs: r.prevKvs.map(toKv) };
    case "txn":
      throw new Error("nested txns are not part of the conformance surface");
  }
}

function toKv(kv: KeyValue): Kv {
  return {
    key: kv.keyText,
    value: kv.valueText,
    createRevision: kv.createRevision,
    modRevision: kv.modRevision,
    version: kv.version,
    lease: kv.lease,
  };
}

/** Whether the member at `endpoint` serves a linearizable read (a health probe for the fixtures). */
export async function storeHealthy(endpoint: string): Promise<boolean> {
  const client = new StoreClient([endpoint], { deadlineMs: 1000, retryBudgetMs: 0 });
  try {
    await client.range("health");
    return true;
  } catch {
    return false;
  } finally {
    client.close();
  }
}
