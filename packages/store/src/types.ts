import type { StoreError } from "./errors.js";

// The store's data model: requests and responses mirror etcd v3's KV/Lease messages (field names in
// camelCase, keys and values as bytes, revisions and lease ids as safe integers).

export interface KeyValue {
  key: Uint8Array;
  /** Empty for keysOnly reads and for DELETE events. */
  value: Uint8Array;
  createRevision: number;
  modRevision: number;
  /** 1 on create, +1 on each put; 0 on a DELETE event's kv. */
  version: number;
  /** 0 = no lease. */
  lease: number;
}

export type SortOrder = "none" | "ascend" | "descend";
export type SortTarget = "key" | "version" | "createRevision" | "modRevision" | "value";

export interface RangeRequest {
  key: Uint8Array;
  /** Absent/empty = only `key`; [0] = every key >= key; otherwise the exclusive end. */
  rangeEnd?: Uint8Array;
  /** 0/absent = current revision. */
  revision?: number;
  /** 0/absent = no limit. */
  limit?: number;
  countOnly?: boolean;
  keysOnly?: boolean;
  sortOrder?: SortOrder;
  sortTarget?: SortTarget;
}

export interface RangeResponse {
  kvs: KeyValue[];
  /** Number of keys in the range at that revision, regardless of limit. */
  count: number;
  /** True when `limit` cut the result. */
  more: boolean;
}

export interface PutRequest {
  key: Uint8Array;
  value: Uint8Array;
  lease?: number;
  prevKv?: boolean;
  /** Keep the key's current value (the key must exist; `value` must be empty). */
  ignoreValue?: boolean;
  /** Keep the key's current lease (the key must exist; `lease` must be 0). */
  ignoreLease?: boolean;
}

export interface PutResponse {
  prevKv?: KeyValue;
}

export interface DeleteRangeRequest {
  key: Uint8Array;
  rangeEnd?: Uint8Array;
  prevKv?: boolean;
}

export interface DeleteRangeResponse {
  deleted: number;
  prevKvs: KeyValue[];
}

export type CompareResult = "=" | "!=" | "<" | ">";

interface CompareBase {
  key: Uint8Array;
  rangeEnd?: Uint8Array;
  result: CompareResult;
}

export type Compare =
  | (CompareBase & { target: "value"; value: Uint8Array })
  | (CompareBase & { target: "version" | "createRevision" | "modRevision" | "lease"; value: number });

export type RequestOp =
  | { type: "range"; request: RangeRequest }
  | { type: "put"; request: PutRequest }
  | { type: "deleteRange"; request: DeleteRangeRequest }
  | { type: "txn"; request: TxnRequest };

export type ResponseOp =
  | { type: "range"; response: RangeResponse }
  | { type: "put"; response: PutResponse }
  | { type: "deleteRange"; response: DeleteRangeResponse }
  | { type: "txn"; response: TxnResponse };

export interface TxnRequest {
  compare: Compare[];
  success: RequestOp[];
  failure: RequestOp[];
}

export interface TxnResponse {
  succeeded: boolean;
  responses: ResponseOp[];
}

export interface LeaseInfo {
  id: number;
  ttl: number;
  /** Attached keys, in key order. */
  keys: Uint8Array[];
}

/** A Raft log entry's payload: the only ways to change the store. */
export type StoreCommand =
  | { type: "put"; request: PutRequest }
  | { type: "deleteRange"; request: DeleteRangeRequest }
  | { type: "txn"; request: TxnRequest }
  | { type: "compact"; revision: number }
  /** id 0 = the store picks the next free id. */
  | { type: "leaseGrant"; id: number; ttl: number }
  /** Also what the leader proposes when a lease expires. */
  | { type: "leaseRevoke"; id: number };

export type CommandResponse =
  | { type: "put"; response: PutResponse }
  | { type: "deleteRange"; response: DeleteRangeResponse }
  | { type: "txn"; response: TxnResponse }
  | { type: "compact"; compactRevision: number }
  | { type: "leaseGrant"; id: number; ttl: number }
  | { type: "leaseRevoke"; id: number; deleted: number };

export type EventType = "PUT" | "DELETE";

export interface StoreEvent {
  type: EventType;
  kv: KeyValue;
  /** The key's previous live version, when there was one. */
  prevKv?: KeyValue;
}

export interface ApplyContext {
  /** The Raft log index of the entry: the store remembers it and refuses an index it already applied. */
  index: number;
  /** Leader-proposed wall time; recorded for the caller, never read inside the state machine. */
  now?: number;
}

/**
 * What `apply` returns. `revision` is the store's revision after the command (etcd's header revision);
 * `events` are the changes in (revision, sub-revision) order, empty when nothing changed.
 */
export type StoreResult =
  | { ok: true; revision: number; events: StoreEvent[]; response: CommandResponse }
  | { ok: false; revision: number; events: StoreEvent[]; error: StoreError };
