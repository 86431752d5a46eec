// The small surface the conformance suite drives: what Kubernetes relies on from etcd v3's KV, Watch, Lease
// and Cluster services. Each backend (real etcd, the in-process MvccStore, later tskube's masters) gets an
// adapter; the suite only sees this file. Keys and values are UTF-8 strings (the suite uses ASCII); lease
// ids are decimal strings because etcd's are full int64s, beyond JavaScript's safe integers.

/** The normalized failures; each adapter maps its backend's native errors to these in one place. */
export type ConformanceErrorCode =
  | "compacted"
  | "futureRevision"
  | "leaseNotFound"
  | "emptyKey"
  | "keyTooLarge"
  | "requestTooLarge"
  | "tooManyOps"
  | "duplicateKey";

export class ConformanceError extends Error {
  readonly code: ConformanceErrorCode;
  /** For "compacted" watch cancellations: where history now starts. */
  readonly compactRevision: number | undefined;

  constructor(code: ConformanceErrorCode, message: string, compactRevision?: number) {
    super(message);
    this.name = "ConformanceError";
    this.code = code;
    this.compactRevision = compactRevision;
  }
}

export interface Kv {
  key: string;
  value: string;
  createRevision: number;
  modRevision: number;
  version: number;
  /** "0" = no lease. */
  lease: string;
}

export interface PutOptions {
  lease?: string;
  prevKv?: boolean;
}

export interface PutResult {
  revision: number;
  prevKv?: Kv;
}

export interface RangeOptions {
  /** Exclusive end of the range; "\0" = every key >= key. */
  rangeEnd?: string;
  /** Every key starting with `key`. */
  prefix?: boolean;
  revision?: number;
  limit?: number;
  countOnly?: boolean;
  keysOnly?: boolean;
}

export interface RangeResult {
  kvs: Kv[];
  count: number;
  more: boolean;
  /** The store's revision when the read was served (header revision). */
  revision: number;
}

export interface DeleteOptions {
  rangeEnd?: string;
  prefix?: boolean;
  prevKv?: boolean;
}

export interface DeleteResult {
  revision: number;
  deleted: number;
  prevKvs: Kv[];
}

export type CompareTarget = "value" | "version" | "createRevision" | "modRevision" | "lease";

export interface Compare {
  key: string;
  target: CompareTarget;
  result: "=" | "!=" | "<" | ">";
  /** A string for "value" and "lease", a number otherwise. */
  value: string | number;
}

export type TxnOp =
  | { type: "put"; key: string; value: string; options?: PutOptions }
  | { type: "range"; key: string; options?: RangeOptions }
  | { type: "delete"; key: string; options?: DeleteOptions };

export type TxnOpResult =
  | { type: "put"; prevKv?: Kv }
  | { type: "range"; kvs: Kv[]; count: number; more: boolean }
  | { type: "delete"; deleted: number; prevKvs: Kv[] };

export interface TxnResult {
  succeeded: boolean;
  revision: number;
  responses: TxnOpResult[];
}

export interface WatchOptions {
  prefix?: boolean;
  /** 0/absent = only changes after the watch is created. */
  startRevision?: number;
  prevKv?: boolean;
}

export interface WatchEvent {
  type: "PUT" | "DELETE";
  kv: Kv;
  prevKv?: Kv;
}

/** One watch response: a backend may group several revisions, but never splits one. */
export interface WatchBatch {
  events: WatchEvent[];
}

export interface WatchStream {
  /**
   * Resolves with the next batches once they hold at least `n` events in total (or rejects after
   * `timeoutMs`, or with a ConformanceError when the backend canceled the watch, e.g. "compacted").
   */
  nextBatches(n: number, timeoutMs?: number): Promise<WatchBatch[]>;
  /** Events buffered but not taken yet (to check that nothing extra arrived). */
  pending(): number;
  cancel(): Promise<void>;
}

export interface LeaseTimeToLive {
  /** Seconds left; -1 when the lease does not exist (etcd's answer, not an error). */
  ttl: number;
  grantedTtl: number;
  keys: string[];
}

export interface Member {
  id: string;
  name: string;
  clientUrls: string[];
}

export interface StoreUnderTest {
  readonly name: string;
  put(key: string, value: string, options?: PutOptions): Promise<PutResult>;
  range(key: string, options?: RangeOptions): Promise<RangeResult>;
  delete(key: string, options?: DeleteOptions): Promise<DeleteResult>;
  txn(compares: Compare[], success: TxnOp[], failure: TxnOp[]): Promise<TxnResult>;
  compact(revision: number): Promise<void>;
  /** Resolves once the watch is established: later writes are guaranteed to be seen. */
  watch(key: string, options?: WatchOptions): Promise<WatchStream>;
  /** Returns the lease id and the TTL actually granted. */
  leaseGrant(ttlSeconds: number): Promise<{ id: string; ttl: number }>;
  leaseRevoke(id: string): Promise<void>;
  /** One keep-alive round trip; returns the renewed TTL. */
  leaseKeepAlive(id: string): Promise<number>;
  leaseTimeToLive(id: string): Promise<LeaseTimeToLive>;
  memberList(): Promise<Member[]>;
  close(): Promise<void>;
}

/** The range end selecting every key that starts with `prefix` (etcd's rule, on UTF-8 bytes). */
export function prefixRangeEnd(prefix: string): Uint8Array {
  const end = new TextEncoder().encode(prefix);
  for (let i = end.length - 1; i >= 0; i--) {
    if (end[i]! < 0xff) {
      end[i] = end[i]! + 1;
      return end.slice(0, i + 1);
    }
  }
  return new Uint8Array([0]);
}

/** The byte range end of options with `prefix`/`rangeEnd` (undefined = the single key). */
export function rangeEndOf(
  key: string,
  options: { prefix?: boolean; rangeEnd?: string },
): Uint8Array | undefined {
  if (options.prefix) return prefixRangeEnd(key);
  if (options.rangeEnd !== undefined) return new TextEncoder().encode(options.rangeEnd);
  return undefined;
}
