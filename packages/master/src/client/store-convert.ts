import type { Compare as PbCompare } from "../generated/etcdserverpb/Compare.js";
import type { DeleteRangeRequest as PbDeleteRangeRequest } from "../generated/etcdserverpb/DeleteRangeRequest.js";
import type { DeleteRangeResponse__Output } from "../generated/etcdserverpb/DeleteRangeResponse.js";
import type { PutRequest as PbPutRequest } from "../generated/etcdserverpb/PutRequest.js";
import type { PutResponse__Output } from "../generated/etcdserverpb/PutResponse.js";
import type { RangeRequest as PbRangeRequest } from "../generated/etcdserverpb/RangeRequest.js";
import type { RangeResponse__Output } from "../generated/etcdserverpb/RangeResponse.js";
import type { RequestOp as PbRequestOp } from "../generated/etcdserverpb/RequestOp.js";
import type { ResponseHeader__Output } from "../generated/etcdserverpb/ResponseHeader.js";
import type { ResponseOp__Output } from "../generated/etcdserverpb/ResponseOp.js";
import type { TxnRequest as PbTxnRequest } from "../generated/etcdserverpb/TxnRequest.js";
import type { TxnResponse__Output } from "../generated/etcdserverpb/TxnResponse.js";
import type { Event__Output } from "../generated/mvccpb/Event.js";
import type { KeyValue__Output } from "../generated/mvccpb/KeyValue.js";
import {
  type Bytes,
  type Compare,
  type DeleteOptions,
  type DeleteResult,
  type KeySelector,
  KeyValue,
  type PutOptions,
  type PutResult,
  type RangeOptions,
  type RangeResult,
  type ResponseHeader,
  type TxnOp,
  type TxnOpResult,
  type TxnRequest,
  type TxnResult,
  type WatchEvent,
} from "./store-types.js";

// Typed requests ⇄ etcd's wire messages. Every bytes field goes out as a Buffer: protobufjs would read a
// plain string as base64.

const ZERO = Buffer.from([0]);

export function toBuffer(b: Bytes): Buffer {
  if (typeof b === "string") return Buffer.from(b, "utf8");
  return Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

/** The range end selecting every key that starts with `prefix` (etcd's rule: increment the last byte < 0xff). */
export function prefixEnd(prefix: Uint8Array): Buffer {
  for (let i = prefix.length - 1; i >= 0; i--) {
    if (prefix[i]! < 0xff) {
      const end = Buffer.from(prefix.subarray(0, i + 1));
      end[i] = prefix[i]! + 1;
      return end;
    }
  }
  // Empty or all 0xff: up to the end of the key space.
  return Buffer.from(ZERO);
}

/** `key` and `range_end` of a selection; an empty prefix or fromKey means the whole key space, from "\0". */
export function keyRange(key: Bytes, s: KeySelector): { key: Buffer; rangeEnd?: Buffer } {
  const k = toBuffer(key);
  if (s.prefix) return k.length === 0 ? { key: ZERO, rangeEnd: ZERO } : { key: k, rangeEnd: prefixEnd(k) };
  if (s.fromKey) return { key: k.length === 0 ? ZERO : k, rangeEnd: ZERO };
  if (s.rangeEnd !== undefined) return { key: k, rangeEnd: toBuffer(s.rangeEnd) };
  return { key: k };
}

/** A decimal int64 from the wire as a number (counts and revisions stay far below 2^53). */
export function num(value: string | undefined | null): number {
  return value === undefined || value === null || value === "" ? 0 : Number(value);
}

const SORT_TARGET = {
  key: "KEY",
  version: "VERSION",
  createRevision: "CREATE",
  modRevision: "MOD",
  value: "VALUE",
} as const;
const SORT_ORDER = { none: "NONE", ascend: "ASCEND", descend: "DESCEND" } as const;

export function rangeRequest(key: Bytes, o: RangeOptions): PbRangeRequest {
  const req: PbRangeRequest = {
    ...keyRange(key, o),
    revision: o.revision ?? 0,
    limit: o.limit ?? 0,
    serializable: o.serializable ?? false,
    keysOnly: o.keysOnly ?? false,
    countOnly: o.countOnly ?? false,
  };
  if (o.sort !== undefined) {
    req.sortOrder = SORT_ORDER[o.sort.order];
    req.sortTarget = SORT_TARGET[o.sort.target ?? "key"];
  }
  return req;
}

export function putRequest(key: Bytes, value: Bytes, o: PutOptions): PbPutRequest {
  return {
    key: toBuffer(key),
    value: toBuffer(value),
    lease: o.lease ?? "0",
    prevKv: o.prevKv ?? false,
    ignoreValue: o.ignoreValue ?? false,
    ignoreLease: o.ignoreLease ?? false,
  };
}

export function deleteRequest(key: Bytes, o: DeleteOptions): PbDeleteRangeRequest {
  return { ...keyRange(key, o), prevKv: o.prevKv ?? false };
}

const CMP_RESULT = { "=": "EQUAL", "!=": "NOT_EQUAL", "<": "LESS", ">": "GREATER" } as const;

export function compare(c: Compare): PbCompare {
  const { key, rangeEnd } = keyRange(c.key, c);
  const base: PbCompare = { key, result: CMP_RESULT[c.result], ...(rangeEnd && { rangeEnd }) };
  switch (c.target) {
    case "value":
      return {
        ...base,
        target: "VALUE",
        value: toBuffer(typeof c.value === "number" ? String(c.value) : c.value),
      };
    case "lease":
      return { ...base, target: "LEASE", lease: String(c.value) };
    case "version":
      return { ...base, target: "VERSION", version: Number(c.value) };
    case "createRevision":
      return { ...base, target: "CREATE", createRevision: Number(c.value) };
    case "modRevision":
      return { ...base, target: "MOD", modRevision: Number(c.value) };
  }
}

export function requestOp(op: TxnOp): PbRequestOp {
  switch (op.type) {
    case "range":
      return { requestRange: rangeRequest(op.key, op.options ?? {}) };
    case "put":
      return { requestPut: putRequest(op.key, op.value, op.options ?? {}) };
    case "delete":
      return { requestDeleteRange: deleteRequest(op.key, op.options ?? {}) };
    case "txn":
      return { requestTxn: txnRequest(op.txn) };
  }
}

export function txnRequest(t: TxnRequest): PbTxnRequest {
  return {
    compare: (t.compare ?? []).map(compare),
    success: (t.success ?? []).map(requestOp),
    failure: (t.failure ?? []).map(requestOp),
  };
}

export function header(h: ResponseHeader__Output | null): ResponseHeader {
  return {
    clusterId: h?.clusterId ?? "0",
    memberId: h?.memberId ?? "0",
    revision: num(h?.revision),
    raftTerm: num(h?.raftTerm),
  };
}

export function keyValue(kv: KeyValue__Output): KeyValue {
  return new KeyValue(
    kv.key,
    kv.value,
    num(kv.createRevision),
    num(kv.modRevision),
    num(kv.version),
    kv.lease === "" ? "0" : kv.lease,
  );
}

export function rangeResult(r: RangeResponse__Output): RangeResult {
  const h = header(r.header);
  return { header: h, revision: h.revision, kvs: r.kvs.map(keyValue), count: num(r.count), more: r.more };
}

export function putResult(r: PutResponse__Output): PutResult {
  const h = header(r.header);
  return r.prevKv
    ? { header: h, revision: h.revision, prevKv: keyValue(r.prevKv) }
    : { header: h, revision: h.revision };
}

export function deleteResult(r: DeleteRangeResponse__Output): DeleteResult {
  const h = header(r.header);
  return { header: h, revision: h.revision, deleted: num(r.deleted), prevKvs: r.prevKvs.map(keyValue) };
}

export function txnResult(r: TxnResponse__Output): TxnResult {
  const h = header(r.header);
  return { header: h, revision: h.revision, succeeded: r.succeeded, responses: r.responses.map(opResult) };
}

function opResult(r: ResponseOp__Output): TxnOpResult {
  if (r.responseRange) {
    const x = r.responseRange;
    return { type: "range", kvs: x.kvs.map(keyValue), count: num(x.count), more: x.more };
  }
  if (r.responsePut) {
    return r.responsePut.prevKv ? { type: "put", prevKv: keyValue(r.responsePut.prevKv) } : { type: "put" };
  }
  if (r.responseDeleteRange) {
    const x = r.responseDeleteRange;
    return { type: "delete", deleted: num(x.deleted), prevKvs: x.prevKvs.map(keyValue) };
  }
  if (r.responseTxn) {
    return {
      type: "txn",
      succeeded: r.responseTxn.succeeded,
      responses: r.responseTxn.responses.map(opResult),
    };
  }
  throw new Error("txn response op carries no response");
}

export function watchEvent(e: Event__Output): WatchEvent {
  const kv = keyValue(e.kv ?? emptyKv());
  const type = e.type === "DELETE" ? "DELETE" : "PUT";
  return e.prevKv ? { type, kv, prevKv: keyValue(e.prevKv) } : { type, kv };
}

function emptyKv(): KeyValue__Output {
  const none = Buffer.alloc(0);
  return { key: none, value: none, createRevision: "0", modRevision: "0", version: "0", lease: "0" };
}
