import type { CallOptions } from "./store-client-options.js";

// The typed surface of StoreClient: revisions, versions and counts are numbers (safe integers: a store
// would need 2^53 writes to leave them), lease and member ids are decimal strings (etcd uses all 64 bits),
// keys and values are bytes, with UTF-8 string accepted wherever a key or value goes in.

/** A key or value: a string is sent as its UTF-8 bytes. */
export type Bytes = string | Uint8Array;

const decoder = new TextDecoder();

/** One key's state at a revision. */
export class KeyValue {
  constructor(
    readonly key: Uint8Array,
    readonly value: Uint8Array,
    readonly createRevision: number,
    readonly modRevision: number,
    /** 1 on create, +1 on every put; 0 in a DELETE event. */
    readonly version: number,
    /** "0" = no lease. */
    readonly lease: string,
  ) {}

  get keyText(): string {
    return decoder.decode(this.key);
  }

  get valueText(): string {
    return decoder.decode(this.value);
  }
}

export interface ResponseHeader {
  readonly clusterId: string;
  readonly memberId: string;
  /** The store's revision when the request was served. */
  readonly revision: number;
  readonly raftTerm: number;
}

/** Which keys: `key` alone, every key starting with it (`prefix`), `[key, rangeEnd)`, or every key ≥ it (`fromKey`). */
export interface KeySelector {
  readonly rangeEnd?: Bytes;
  readonly prefix?: boolean;
  readonly fromKey?: boolean;
}

export type SortTarget = "key" | "version" | "createRevision" | "modRevision" | "value";
export type SortOrder = "none" | "ascend" | "descend";

export interface RangeOptions extends KeySelector {
  /** Read the state at this past revision (0/absent = now). */
  readonly revision?: number;
  readonly limit?: number;
  readonly countOnly?: boolean;
  readonly keysOnly?: boolean;
  /** Served from the contacted member's state without a quorum round: may be stale. */
  readonly serializable?: boolean;
  readonly sort?: { readonly target?: SortTarget; readonly order: SortOrder };
}

export interface RangeResult {
  readonly header: ResponseHeader;
  readonly revision: number;
  readonly kvs: KeyValue[];
  /** Every key in the range, whatever `limit` cut. */
  readonly count: number;
  /** `limit` left keys out. */
  readonly more: boolean;
}

export interface PutOptions {
  /** Attach the key to this lease ("0"/absent = none). */
  readonly lease?: string;
  readonly prevKv?: boolean;
  /** Keep the current value (the key must exist). */
  readonly ignoreValue?: boolean;
  /** Keep the current lease (the key must exist). */
  readonly ignoreLease?: boolean;
}

export interface PutResult {
  readonly header: ResponseHeader;
  readonly revision: number;
  readonly prevKv?: KeyValue;
}

export interface DeleteOptions extends KeySelector {
  readonly prevKv?: boolean;
}

export interface DeleteResult {
  readonly header: ResponseHeader;
  readonly revision: number;
  readonly deleted: number;
  readonly prevKvs: KeyValue[];
}

export type CompareTarget = "value" | "version" | "createRevision" | "modRevision" | "lease";
export type CompareResult = "=" | "!=" | "<" | ">";

/** A txn guard: every key it selects must satisfy `<target> <result> <value>`. */
export interface Compare {
  readonly key: Bytes;
  readonly target: CompareTarget;
  readonly result: CompareResult;
  /** Bytes for "value", a lease id for "lease", a number for the others. */
  readonly value: Bytes | number;
  readonly rangeEnd?: Bytes;
  readonly prefix?: boolean;
}

export type TxnOp =
  | { readonly type: "range"; readonly key: Bytes; readonly options?: RangeOptions }
  | { readonly type: "put"; readonly key: Bytes; readonly value: Bytes; readonly options?: PutOptions }
  | { readonly type: "delete"; readonly key: Bytes; readonly options?: DeleteOptions }
  | { readonly type: "txn"; readonly txn: TxnRequest };

export interface TxnRequest {
  readonly compare?: readonly Compare[];
  readonly success?: readonly TxnOp[];
  readonly failure?: readonly TxnOp[];
}

export type TxnOpResult =
  | { readonly type: "range"; readonly kvs: KeyValue[]; readonly count: number; readonly more: boolean }
  | { readonly type: "put"; readonly prevKv?: KeyValue }
  | { readonly type: "delete"; readonly deleted: number; readonly prevKvs: KeyValue[] }
  | { readonly type: "txn"; readonly succeeded: boolean; readonly responses: TxnOpResult[] };

export interface TxnResult {
  readonly header: ResponseHeader;
  readonly revision: number;
  readonly succeeded: boolean;
  readonly responses: TxnOpResult[];
}

export interface LeaseGrantResult {
  readonly id: string;
  /** The TTL the server granted (it may raise a short one to its minimum). */
  readonly ttl: number;
}

export interface LeaseTimeToLiveResult {
  readonly id: string;
  /** Seconds left. */
  readonly ttl: number;
  readonly grantedTtl: number;
  readonly keys: Uint8Array[];
}

export interface Member {
  readonly id: string;
  readonly name: string;
  readonly peerUrls: string[];
  readonly clientUrls: string[];
  readonly isLearner: boolean;
}

export interface EndpointStatus {
  readonly endpoint: string;
  readonly memberId: string;
  /** The leader's member id this member knows, "0" = none. */
  readonly leader: string;
  readonly isLeader: boolean;
  readonly isLearner: boolean;
  readonly version: string;
  readonly dbSize: number;
  readonly raftIndex: number;
  readonly raftTerm: number;
  readonly raftAppliedIndex: number;
  readonly revision: number;
  readonly errors: string[];
}

export interface WatchOptions extends KeySelector {
  /** First revision to deliver; 0/absent = only changes after the watch is created. */
  readonly startRevision?: number;
  readonly prevKv?: boolean;
  /** Ask the server for periodic progress notifications while the watch is idle. */
  readonly progressNotify?: boolean;
  /** Leave out PUT or DELETE events. */
  readonly noPut?: boolean;
  readonly noDelete?: boolean;
}

export interface WatchEvent {
  readonly type: "PUT" | "DELETE";
  readonly kv: KeyValue;
  readonly prevKv?: KeyValue;
}

/**
 * One watch response: all events of one or more whole revisions, in order. A batch without events is a
 * progress notification: everything up to `revision` has been delivered.
 */
export interface WatchBatch {
  readonly revision: number;
  readonly events: WatchEvent[];
}

export type RangeCallOptions = RangeOptions & CallOptions;
export type PutCallOptions = PutOptions & CallOptions;
export type DeleteCallOptions = DeleteOptions & CallOptions;
