import {
  type Compare,
  type DeleteRangeRequest,
  type DeleteRangeResponse,
  type KeyValue,
  type PutRequest,
  type PutResponse,
  type RangeRequest,
  type RangeResponse,
  type RequestOp,
  type ResponseOp,
  type SortOrder,
  type SortTarget,
  StoreError,
  type StoreEvent,
  type TxnRequest,
  type TxnResponse,
} from "@tskube/store";
import type { Compare__Output } from "../generated/etcdserverpb/Compare.js";
import type { DeleteRangeRequest__Output } from "../generated/etcdserverpb/DeleteRangeRequest.js";
import type { DeleteRangeResponse as PbDeleteRangeResponse } from "../generated/etcdserverpb/DeleteRangeResponse.js";
import type { PutRequest__Output } from "../generated/etcdserverpb/PutRequest.js";
import type { PutResponse as PbPutResponse } from "../generated/etcdserverpb/PutResponse.js";
import type { RangeRequest__Output } from "../generated/etcdserverpb/RangeRequest.js";
import type { RangeResponse as PbRangeResponse } from "../generated/etcdserverpb/RangeResponse.js";
import type { RequestOp__Output } from "../generated/etcdserverpb/RequestOp.js";
import type { ResponseHeader } from "../generated/etcdserverpb/ResponseHeader.js";
import type { ResponseOp as PbResponseOp } from "../generated/etcdserverpb/ResponseOp.js";
import type { TxnRequest__Output } from "../generated/etcdserverpb/TxnRequest.js";
import type { TxnResponse as PbTxnResponse } from "../generated/etcdserverpb/TxnResponse.js";
import type { Event as PbEvent } from "../generated/mvccpb/Event.js";
import type { KeyValue as PbKeyValue } from "../generated/mvccpb/KeyValue.js";

// The etcd wire messages ⇄ the store's types. int64 fields arrive as decimal strings; the store uses safe
// integers, so a number beyond 2^53 (only a lease id can plausibly be one) is refused, not rounded.

export function int(value: string | undefined, field: string): number {
  if (value === undefined || value === "") return 0;
  const n = Number(value);
  if (!Number.isSafeInteger(n)) {
    throw new StoreError(
      "InvalidLeaseId",
      `${field} ${value} is outside the range tskube supports (0..2^53-1)`,
    );
  }
  return n;
}

function optionalEnd(rangeEnd: Buffer): Uint8Array | undefined {
  return rangeEnd.length === 0 ? undefined : rangeEnd;
}

const SORT_ORDERS: Record<string, SortOrder> = { NONE: "none", ASCEND: "ascend", DESCEND: "descend" };
const SORT_TARGETS: Record<string, SortTarget> = {
  KEY: "key",
  VERSION: "version",
  CREATE: "createRevision",
  MOD: "modRevision",
  VALUE: "value",
};

export function rangeRequest(r: RangeRequest__Output): RangeRequest {
  const out: RangeRequest = {
    key: r.key,
    revision: int(r.revision, "revision"),
    limit: int(r.limit, "limit"),
    countOnly: r.countOnly,
    keysOnly: r.keysOnly,
    sortOrder: SORT_ORDERS[r.sortOrder] ?? "none",
    sortTarget: SORT_TARGETS[r.sortTarget] ?? "key",
  };
  const end = optionalEnd(r.rangeEnd);
  if (end !== undefined) out.rangeEnd = end;
  return out;
}

export function putRequest(r: PutRequest__Output): PutRequest {
  return {
    key: r.key,
    value: r.value,
    lease: int(r.lease, "lease"),
    prevKv: r.prevKv,
    ignoreValue: r.ignoreValue,
    ignoreLease: r.ignoreLease,
  };
}

export function deleteRangeRequest(r: DeleteRangeRequest__Output): DeleteRangeRequest {
  const out: DeleteRangeRequest = { key: r.key, prevKv: r.prevKv };
  const end = optionalEnd(r.rangeEnd);
  if (end !== undefined) out.rangeEnd = end;
  return out;
}

const CMP_RESULTS = { EQUAL: "=", NOT_EQUAL: "!=", LESS: "<", GREATER: ">" } as const;

function compare(c: Compare__Output): Compare {
  const base = { key: c.key, result: CMP_RESULTS[c.result], ...rangeEndField(c.rangeEnd) };
  switch (c.target) {
    case "VALUE":
      return { ...base, target: "value", value: c.value ?? Buffer.alloc(0) };
    case "VERSION":
      return { ...base, target: "version", value: int(c.version, "compare version") };
    case "CREATE":
      return { ...base, target: "createRevision", value: int(c.createRevision, "compare create_revision") };
    case "MOD":
      return { ...base, target: "modRevision", value: int(c.modRevision, "compare mod_revision") };
    case "LEASE":
      return { ...base, target: "lease", value: int(c.lease, "compare lease") };
  }
}

function rangeEndField(rangeEnd: Buffer): { rangeEnd?: Uint8Array } {
  return rangeEnd.length === 0 ? {} : { rangeEnd };
}

function requestOp(op: RequestOp__Output): RequestOp {
  if (op.requestRange) return { type: "range", request: rangeRequest(op.requestRange) };
  if (op.requestPut) return { type: "put", request: putRequest(op.requestPut) };
  if (op.requestDeleteRange)
    return { type: "deleteRange", request: deleteRangeRequest(op.requestDeleteRange) };
  if (op.requestTxn) return { type: "txn", request: txnRequest(op.requestTxn) };
  throw new StoreError("BadEncoding", "txn operation without a request");
}

export function txnRequest(t: TxnRequest__Output): TxnRequest {
  return {
    compare: t.compare.map(compare),
    success: t.success.map(requestOp),
    failure: t.failure.map(requestOp),
  };
}

export function keyValue(kv: KeyValue): PbKeyValue {
  return {
    key: kv.key,
    value: kv.value,
    createRevision: kv.createRevision,
    modRevision: kv.modRevision,
    version: kv.version,
    lease: kv.lease,
  };
}

export function event(e: StoreEvent): PbEvent {
  const out: PbEvent = { type: e.type, kv: keyValue(e.kv) };
  if (e.prevKv !== undefined) out.prevKv = keyValue(e.prevKv);
  return out;
}

export function rangeResponse(r: RangeResponse, header: ResponseHeader | null): PbRangeResponse {
  return { header, kvs: r.kvs.map(keyValue), more: r.more, count: r.count };
}

export function putResponse(r: PutResponse, header: ResponseHeader | null): PbPutResponse {
  return { header, prevKv: r.prevKv === undefined ? null : keyValue(r.prevKv) };
}

export function deleteRangeResponse(
  r: DeleteRangeResponse,
  header: ResponseHeader | null,
): PbDeleteRangeResponse {
  return { header, deleted: r.deleted, prevKvs: r.prevKvs.map(keyValue) };
}

/** Nested responses carry no header of their own (etcd sets only the outer one). */
export function txnResponse(r: TxnResponse, header: ResponseHeader | null): PbTxnResponse {
  return { header, succeeded: r.succeeded, responses: r.responses.map(responseOp) };
}

function responseOp(op: ResponseOp): PbResponseOp {
  switch (op.type) {
    case "range":
      return { responseRange: rangeResponse(op.response, null) };
    case "put":
      return { responsePut: putResponse(op.response, null) };
    case "deleteRange":
      return { responseDeleteRange: deleteRangeResponse(op.response, null) };
    case "txn":
      return { responseTxn: txnResponse(op.response, null) };
  }
}
