// The MVCC store of the masters: the state machine the Raft log is applied to (docs/store.md).

export { ByteReader, ByteWriter } from "./binary.js";
export { type DecodedCommand, decodeCommand, encodeCommand } from "./command-codec.js";
export { StoreError, type StoreErrorCode } from "./errors.js";
export { compareBytes, prefixEnd } from "./keys.js";
export {
  checkKey,
  checkRangeEnd,
  checkTxnShape,
  checkValue,
  MAX_KEY_BYTES,
  MAX_TXN_OPS,
  MAX_VALUE_BYTES,
} from "./limits.js";
export { MvccStore, type StoreState } from "./mvcc-store.js";
export { decodeSnapshot, encodeSnapshot } from "./snapshot-codec.js";
export type * from "./types.js";
export { type WatchCallback, WatchHub, type WatchOptions, type WatchResponse } from "./watch-hub.js";
