import { checkKey, checkRangeEnd, checkTxnShape, checkValue, StoreError } from "@tskube/store";
import type { CompactionRequest__Output } from "../generated/etcdserverpb/CompactionRequest.js";
import type { CompactionResponse } from "../generated/etcdserverpb/CompactionResponse.js";
import type { DeleteRangeRequest__Output } from "../generated/etcdserverpb/DeleteRangeRequest.js";
import type { DeleteRangeResponse } from "../generated/etcdserverpb/DeleteRangeResponse.js";
import type { KVHandlers } from "../generated/etcdserverpb/KV.js";
import type { PutRequest__Output } from "../generated/etcdserverpb/PutRequest.js";
import type { PutResponse } from "../generated/etcdserverpb/PutResponse.js";
import type { RangeRequest__Output } from "../generated/etcdserverpb/RangeRequest.js";
import type { RangeResponse } from "../generated/etcdserverpb/RangeResponse.js";
import type { TxnRequest__Output } from "../generated/etcdserverpb/TxnRequest.js";
import type { TxnResponse } from "../generated/etcdserverpb/TxnResponse.js";
import { traceEnabled, traceMark } from "../perf/stage-trace.js";
import { header, proposeStore, readPoint, type StoreContext } from "./store-context.js";
import {
  deleteRangeRequest,
  deleteRangeResponse,
  int,
  putRequest,
  putResponse,
  rangeRequest,
  rangeResponse,
  txnRequest,
  txnResponse,
} from "./store-convert.js";
import { storeUnary } from "./store-status.js";

/**
 * etcdserverpb.KV. Writes are validated before they are proposed (a bad request never reaches the log; the
 * state machine checks again when applying), then replicated; reads are linearizable (ReadIndex) unless
 * the request asks for a serializable one.
 */
export function kvServiceHandlers(ctx: StoreContext): KVHandlers {
  return {
    Range: storeUnary<RangeRequest__Output, RangeResponse>(async (req) => {
      const r = rangeRequest(req);
      checkKey(r.key);
      checkRangeEnd(r.rangeEnd);
      await readPoint(ctx, req.serializable);
      const store = ctx.stateMachine.store;
      return rangeResponse(store.range(r), header(ctx, store.revision));
    }),

    Put: storeUnary<PutRequest__Output, PutResponse>(async (req) => {
      if (traceEnabled) traceMark("grpc.put");
      const request = putRequest(req);
      checkKey(request.key);
      checkValue(request.value);
      const applied = await proposeStore(ctx, { type: "put", request });
      if (applied.response.type !== "put") throw unexpected(applied.response.type);
      if (traceEnabled) {
        traceMark("grpc.put.answer");
        setImmediate(() => traceMark("grpc.put.loopFree"));
      }
      return putResponse(applied.response.response, header(ctx, applied.revision));
    }),

    DeleteRange: storeUnary<DeleteRangeRequest__Output, DeleteRangeResponse>(async (req) => {
      const request = deleteRangeRequest(req);
      checkKey(request.key);
      checkRangeEnd(request.rangeEnd);
      const applied = await proposeStore(ctx, { type: "deleteRange", request });
      if (applied.response.type !== "deleteRange") throw unexpected(applied.response.type);
      return deleteRangeResponse(applied.response.response, header(ctx, applied.revision));
    }),

    Txn: storeUnary<TxnRequest__Output, TxnResponse>(async (req) => {
      const request = txnRequest(req);
      checkTxnShape(request);
      const applied = await proposeStore(ctx, { type: "txn", request });
      if (applied.response.type !== "txn") throw unexpected(applied.response.type);
      return txnResponse(applied.response.response, header(ctx, applied.revision));
    }),

    Compact: storeUnary<CompactionRequest__Output, CompactionResponse>(async (req) => {
      const revision = int(req.revision, "revision");
      const applied = await proposeStore(ctx, { type: "compact", revision });
      return { header: header(ctx, applied.revision) };
    }),
  };
}

function unexpected(type: string): StoreError {
  return new StoreError("BadEncoding", `unexpected ${type} response`);
}
