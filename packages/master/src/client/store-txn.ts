import type {
  Bytes,
  Compare,
  CompareResult,
  DeleteOptions,
  PutOptions,
  RangeOptions,
  TxnOp,
  TxnRequest,
} from "./store-types.js";

// Shorthands for txn guards and ops, so a txn reads like etcd's: txn({ compare: [cmp.modRevision("k", "=", 7)],
// success: [op.put("k", "v")], failure: [op.get("k")] }). Plain objects work just as well.

export const cmp = {
  value: (key: Bytes, result: CompareResult, value: Bytes): Compare => ({
    key,
    target: "value",
    result,
    value,
  }),
  version: (key: Bytes, result: CompareResult, value: number): Compare => ({
    key,
    target: "version",
    result,
    value,
  }),
  createRevision: (key: Bytes, result: CompareResult, value: number): Compare => ({
    key,
    target: "createRevision",
    result,
    value,
  }),
  modRevision: (key: Bytes, result: CompareResult, value: number): Compare => ({
    key,
    target: "modRevision",
    result,
    value,
  }),
  lease: (key: Bytes, result: CompareResult, id: string): Compare => ({
    key,
    target: "lease",
    result,
    value: id,
  }),
};

export const op = {
  get: (key: Bytes, options?: RangeOptions): TxnOp => ({ type: "range", key, ...(options && { options }) }),
  put: (key: Bytes, value: Bytes, options?: PutOptions): TxnOp => ({
    type: "put",
    key,
    value,
    ...(options && { options }),
  }),
  delete: (key: Bytes, options?: DeleteOptions): TxnOp => ({
    type: "delete",
    key,
    ...(options && { options }),
  }),
  txn: (txn: TxnRequest): TxnOp => ({ type: "txn", txn }),
};
