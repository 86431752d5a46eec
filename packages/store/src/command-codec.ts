import { ByteReader, ByteWriter } from "./binary.js";
import { StoreError } from "./errors.js";
import type {
  Compare,
  CompareResult,
  DeleteRangeRequest,
  PutRequest,
  RangeRequest,
  RequestOp,
  SortOrder,
  SortTarget,
  StoreCommand,
  TxnRequest,
} from "./types.js";

// A Raft entry's payload: format byte, the proposer's request id (to match the apply with its waiting
// client), then the command. Enumerations are small integers whose numbering must never change.

const FORMAT = 1;
const COMMANDS = ["put", "deleteRange", "txn", "compact", "leaseGrant", "leaseRevoke"] as const;
const OPS = ["range", "put", "deleteRange", "txn"] as const;
const TARGETS = ["value", "version", "createRevision", "modRevision", "lease"] as const;
const RESULTS: readonly CompareResult[] = ["=", "!=", "<", ">"];
const ORDERS: readonly SortOrder[] = ["none", "ascend", "descend"];
const SORT_TARGETS: readonly SortTarget[] = ["key", "version", "createRevision", "modRevision", "value"];

// Put flags.
const PREV_KV = 1;
const IGNORE_VALUE = 2;
const IGNORE_LEASE = 4;
const HAS_RANGE_END = 8;
// Range flags.
const COUNT_ONLY = 1;
const KEYS_ONLY = 2;

export interface DecodedCommand {
  requestId: string;
  command: StoreCommand;
}

export function encodeCommand(requestId: string, command: StoreCommand): Uint8Array {
  const w = new ByteWriter(sizeHint(requestId, command));
  w.uint(FORMAT).string(requestId).uint(COMMANDS.indexOf(command.type));
  switch (command.type) {
    case "put":
      writePut(w, command.request);
      break;
    case "deleteRange":
      writeDelete(w, command.request);
      break;
    case "txn":
      writeTxn(w, command.request);
      break;
    case "compact":
      w.uint(command.revision);
      break;
    case "leaseGrant":
      w.uint(command.id).uint(command.ttl);
      break;
    case "leaseRevoke":
      w.uint(command.id);
      break;
  }
  return w.finish();
}

/** Room for the common single put/delete without growing (varint headers are a few bytes each). */
function sizeHint(requestId: string, command: StoreCommand): number {
  const base = requestId.length * 3 + 48;
  if (command.type === "put") return base + command.request.key.length + command.request.value.length;
  if (command.type === "deleteRange")
    return base + command.request.key.length + (command.request.rangeEnd?.length ?? 0);
  return 256;
}

export function decodeCommand(bytes: Uint8Array): DecodedCommand {
  const r = new ByteReader(bytes);
  const format = r.uint();
  if (format !== FORMAT) throw new StoreError("BadEncoding", `unknown command format ${format}`);
  const requestId = r.string();
  const type = pick(COMMANDS, r.uint(), "command");
  let command: StoreCommand;
  switch (type) {
    case "put":
      command = { type, request: readPut(r) };
      break;
    case "deleteRange":
      command = { type, request: readDelete(r) };
      break;
    case "txn":
      command = { type, request: readTxn(r, 0) };
      break;
    case "compact":
      command = { type, revision: r.uint() };
      break;
    case "leaseGrant":
      command = { type, id: r.uint(), ttl: r.uint() };
      break;
    case "leaseRevoke":
      command = { type, id: r.uint() };
      break;
  }
  r.end();
  return { requestId, command };
}

function pick<T>(table: readonly T[], i: number, what: string): T {
  const v = table[i];
  if (v === undefined) throw new StoreError("BadEncoding", `unknown ${what} code ${i}`);
  return v;
}

function writeRangeEnd(w: ByteWriter, rangeEnd: Uint8Array | undefined): void {
  if (rangeEnd !== undefined) w.bytes(rangeEnd);
}

function writePut(w: ByteWriter, p: PutRequest): void {
  const flags =
    (p.prevKv ? PREV_KV : 0) | (p.ignoreValue ? IGNORE_VALUE : 0) | (p.ignoreLease ? IGNORE_LEASE : 0);
  w.uint(flags)
    .bytes(p.key)
    .bytes(p.value)
    .uint(p.lease ?? 0);
}

function readPut(r: ByteReader): PutRequest {
  const flags = r.uint();
  const p: PutRequest = { key: r.bytes(), value: r.bytes() };
  const lease = r.uint();
  if (lease !== 0) p.lease = lease;
  if (flags & PREV_KV) p.prevKv = true;
  if (flags & IGNORE_VALUE) p.ignoreValue = true;
  if (flags & IGNORE_LEASE) p.ignoreLease = true;
  return p;
}

function writeDelete(w: ByteWriter, d: DeleteRangeRequest): void {
  w.uint((d.prevKv ? PREV_KV : 0) | (d.rangeEnd !== undefined ? HAS_RANGE_END : 0)).bytes(d.key);
  writeRangeEnd(w, d.rangeEnd);
}

function readDelete(r: ByteReader): DeleteRangeRequest {
  const flags = r.uint();
  const d: DeleteRangeRequest = { key: r.bytes() };
  if (flags & HAS_RANGE_END) d.rangeEnd = r.bytes();
  if (flags & PREV_KV) d.prevKv = true;
  return d;
}

function writeRange(w: ByteWriter, q: RangeRequest): void {
  w.uint(
    (q.countOnly ? COUNT_ONLY : 0) |
      (q.keysOnly ? KEYS_ONLY : 0) |
      (q.rangeEnd !== undefined ? HAS_RANGE_END : 0),
  ).bytes(q.key);
  writeRangeEnd(w, q.rangeEnd);
  w.uint(q.revision ?? 0)
    .uint(q.limit ?? 0)
    .uint(ORDERS.indexOf(q.sortOrder ?? "none"))
    .uint(SORT_TARGETS.indexOf(q.sortTarget ?? "key"));
}

function readRange(r: ByteReader): RangeRequest {
  const flags = r.uint();
  const q: RangeRequest = { key: r.bytes() };
  if (flags & HAS_RANGE_END) q.rangeEnd = r.bytes();
  const revision = r.uint();
  const limit = r.uint();
  const sortOrder = pick(ORDERS, r.uint(), "sort order");
  const sortTarget = pick(SORT_TARGETS, r.uint(), "sort target");
  if (revision !== 0) q.revision = revision;
  if (limit !== 0) q.limit = limit;
  if (flags & COUNT_ONLY) q.countOnly = true;
  if (flags & KEYS_ONLY) q.keysOnly = true;
  if (sortOrder !== "none") q.sortOrder = sortOrder;
  if (sortTarget !== "key") q.sortTarget = sortTarget;
  return q;
}

function writeCompare(w: ByteWriter, c: Compare): void {
  w.uint(TARGETS.indexOf(c.target))
    .uint(RESULTS.indexOf(c.result))
    .uint(c.rangeEnd !== undefined ? HAS_RANGE_END : 0)
    .bytes(c.key);
  writeRangeEnd(w, c.rangeEnd);
  if (c.target === "value") w.bytes(c.value);
  else w.uint(c.value);
}

function readCompare(r: ByteReader): Compare {
  const target = pick(TARGETS, r.uint(), "compare target");
  const result = pick(RESULTS, r.uint(), "compare result");
  const flags = r.uint();
  const key = r.bytes();
  const rangeEnd = flags & HAS_RANGE_END ? r.bytes() : undefined;
  const c: Compare =
    target === "value" ? { target, result, key, value: r.bytes() } : { target, result, key, value: r.uint() };
  if (rangeEnd !== undefined) c.rangeEnd = rangeEnd;
  return c;
}

function writeOps(w: ByteWriter, ops: RequestOp[]): void {
  w.uint(ops.length);
  for (const op of ops) {
    w.uint(OPS.indexOf(op.type));
    switch (op.type) {
      case "range":
        writeRange(w, op.request);
        break;
      case "put":
        writePut(w, op.request);
        break;
      case "deleteRange":
        writeDelete(w, op.request);
        break;
      case "txn":
        writeTxn(w, op.request);
        break;
    }
  }
}

// Nesting deeper than this is no real request: refuse it rather than recurse without bound on bad input.
const MAX_DEPTH = 32;

function readOps(r: ByteReader, depth: number): RequestOp[] {
  const n = r.uint();
  const ops: RequestOp[] = [];
  for (let i = 0; i < n; i++) {
    const type = pick(OPS, r.uint(), "op");
    switch (type) {
      case "range":
        ops.push({ type, request: readRange(r) });
        break;
      case "put":
        ops.push({ type, request: readPut(r) });
        break;
      case "deleteRange":
        ops.push({ type, request: readDelete(r) });
        break;
      case "txn":
        ops.push({ type, request: readTxn(r, depth + 1) });
        break;
    }
  }
  return ops;
}

function writeTxn(w: ByteWriter, t: TxnRequest): void {
  w.uint(t.compare.length);
  for (const c of t.compare) writeCompare(w, c);
  writeOps(w, t.success);
  writeOps(w, t.failure);
}

function readTxn(r: ByteReader, depth: number): TxnRequest {
  if (depth > MAX_DEPTH) throw new StoreError("BadEncoding", `txn nested deeper than ${MAX_DEPTH}`);
  const n = r.uint();
  const compare: Compare[] = [];
  for (let i = 0; i < n; i++) compare.push(readCompare(r));
  const success = readOps(r, depth);
  const failure = readOps(r, depth);
  return { compare, success, failure };
}
