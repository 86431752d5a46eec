import { StoreError } from "./errors.js";
import { inInterval, interval, type KeyInterval, keyString } from "./keys.js";
import type { RequestOp, TxnRequest } from "./types.js";

export const MAX_KEY_BYTES = 32 * 1024;
export const MAX_VALUE_BYTES = 1.5 * 1024 * 1024;
export const MAX_TXN_OPS = 128;

export function checkKey(key: Uint8Array, what = "key"): void {
  if (key.length === 0) throw new StoreError("EmptyKey", `${what} is not provided (empty)`);
  if (key.length > MAX_KEY_BYTES) {
    throw new StoreError(
      "KeyTooLarge",
      `${what} is ${key.length} bytes, the limit is ${MAX_KEY_BYTES} bytes`,
    );
  }
}

export function checkRangeEnd(rangeEnd: Uint8Array | undefined): void {
  if (rangeEnd !== undefined && rangeEnd.length > MAX_KEY_BYTES) {
    throw new StoreError(
      "KeyTooLarge",
      `range end is ${rangeEnd.length} bytes, the limit is ${MAX_KEY_BYTES} bytes`,
    );
  }
}

export function checkValue(value: Uint8Array): void {
  if (value.length > MAX_VALUE_BYTES) {
    throw new StoreError(
      "ValueTooLarge",
      `value is ${value.length} bytes, the limit is ${MAX_VALUE_BYTES} bytes`,
    );
  }
}

/** The keys a group of ops writes: used to reject a txn that writes one key twice (etcd's rule). */
interface WriteSet {
  puts: Set<string>;
  dels: KeyInterval[];
}

/**
 * Validates everything about a txn that does not depend on the store's state, in both branches and all
 * nested txns: sizes, op counts, and that no key is put twice or put inside a deleted range.
 */
export function checkTxnShape(txn: TxnRequest): void {
  txnWrites(txn);
}

function txnWrites(txn: TxnRequest): WriteSet {
  for (const [name, n] of [
    ["compare", txn.compare.length],
    ["success", txn.success.length],
    ["failure", txn.failure.length],
  ] as const) {
    if (n > MAX_TXN_OPS) {
      throw new StoreError("TooManyOps", `txn has ${n} ${name} operations, the limit is ${MAX_TXN_OPS}`);
    }
  }
  for (const c of txn.compare) {
    checkKey(c.key, "compare key");
    checkRangeEnd(c.rangeEnd);
  }
  const s = branchWrites(txn.success);
  const f = branchWrites(txn.failure);
  // Only one branch runs, so the txn as a unit writes the union of both.
  return { puts: new Set([...s.puts, ...f.puts]), dels: [...s.dels, ...f.dels] };
}

function branchWrites(ops: RequestOp[]): WriteSet {
  const units: WriteSet[] = [];
  for (const op of ops) {
    switch (op.type) {
      case "range":
        checkKey(op.request.key);
        checkRangeEnd(op.request.rangeEnd);
        break;
      case "put":
        checkKey(op.request.key);
        checkValue(op.request.value);
        units.push({ puts: new Set([keyString(op.request.key)]), dels: [] });
        break;
      case "deleteRange":
        checkKey(op.request.key);
        checkRangeEnd(op.request.rangeEnd);
        units.push({ puts: new Set(), dels: [interval(op.request.key, op.request.rangeEnd)] });
        break;
      case "txn":
        units.push(txnWrites(op.request));
        break;
    }
  }
  // Ops of one branch all run: any two of them writing the same key is a conflict (two deletes may overlap).
  for (let i = 0; i < units.length; i++) {
    for (let j = i + 1; j < units.length; j++) {
      if (conflict(units[i]!, units[j]!) || conflict(units[j]!, units[i]!)) {
        throw new StoreError("DuplicateKey", "duplicate key given in txn request");
      }
    }
  }
  const puts = new Set<string>();
  const dels: KeyInterval[] = [];
  for (const u of units) {
    for (const k of u.puts) puts.add(k);
    dels.push(...u.dels);
  }
  return { puts, dels };
}

function conflict(a: WriteSet, b: WriteSet): boolean {
  for (const k of a.puts) {
    if (b.puts.has(k)) return true;
    for (const d of b.dels) if (inInterval(k, d)) return true;
  }
  return false;
}
