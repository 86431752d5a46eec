import {
  type CommandResponse,
  type DeleteRangeResponse,
  type KeyValue,
  MvccStore,
  type PutRequest,
  type PutResponse,
  type RangeRequest,
  type StoreCommand,
  type StoreResult,
  type TxnRequest,
  type TxnResponse,
  WatchHub,
} from "@tskube/store";

const enc = new TextEncoder();
const dec = new TextDecoder();

export const b = (s: string): Uint8Array => enc.encode(s);
export const str = (u: Uint8Array): string => dec.decode(u);

/** A store applying commands at consecutive log indexes, with a watch hub fed by every result. */
export class Harness {
  index = 0;
  readonly hub: WatchHub;
  constructor(readonly store: MvccStore = new MvccStore()) {
    this.index = store.appliedIndex;
    this.hub = new WatchHub(this.store);
  }

  apply(command: StoreCommand): StoreResult {
    const result = this.store.apply(command, { index: ++this.index });
    this.hub.publish(result);
    return result;
  }

  ok(command: StoreCommand): CommandResponse {
    const r = this.apply(command);
    if (!r.ok) throw r.error;
    return r.response;
  }

  put(key: string, value: string, opts: Omit<PutRequest, "key" | "value"> = {}): PutResponse {
    const r = this.ok({ type: "put", request: { key: b(key), value: b(value), ...opts } });
    if (r.type !== "put") throw new Error("unexpected response");
    return r.response;
  }

  del(key: string, rangeEnd?: string, prevKv = false): DeleteRangeResponse {
    const request =
      rangeEnd === undefined ? { key: b(key), prevKv } : { key: b(key), rangeEnd: b(rangeEnd), prevKv };
    const r = this.ok({ type: "deleteRange", request });
    if (r.type !== "deleteRange") throw new Error("unexpected response");
    return r.response;
  }

  txn(request: TxnRequest): TxnResponse {
    const r = this.ok({ type: "txn", request });
    if (r.type !== "txn") throw new Error("unexpected response");
    return r.response;
  }

  grant(id: number, ttl = 10): number {
    const r = this.ok({ type: "leaseGrant", id, ttl });
    if (r.type !== "leaseGrant") throw new Error("unexpected response");
    return r.id;
  }

  /** The error code of a command expected to fail. */
  fails(command: StoreCommand): string {
    const r = this.apply(command);
    if (r.ok) throw new Error("command unexpectedly succeeded");
    return r.error.code;
  }

  get(key: string, revision?: number): KeyValue | undefined {
    const req: RangeRequest = { key: b(key) };
    if (revision !== undefined) req.revision = revision;
    return this.store.range(req).kvs[0];
  }

  keys(req: RangeRequest): string[] {
    return this.store.range(req).kvs.map((kv) => str(kv.key));
  }
}

/** Error code of a synchronous store call expected to throw a StoreError. */
export function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof Error && "code" in e) return String(e.code);
    throw e;
  }
  throw new Error("call unexpectedly succeeded");
}
