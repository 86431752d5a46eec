import { createHash } from "node:crypto";
import { compactedError, futureRevisionError, StoreError } from "./errors.js";
import { type KeyHistory, KeyIndex, type KeyRecord, latestLive, liveAt, recordAt } from "./key-index.js";
import { compareBytes, interval, keyBytes, keyString } from "./keys.js";
import { checkKey, checkRangeEnd, checkTxnShape, checkValue } from "./limits.js";
import { decodeSnapshot } from "./snapshot-codec.js";
import type {
  ApplyContext,
  CommandResponse,
  Compare,
  DeleteRangeRequest,
  DeleteRangeResponse,
  KeyValue,
  LeaseInfo,
  PutRequest,
  PutResponse,
  RangeRequest,
  RangeResponse,
  RequestOp,
  ResponseOp,
  SortTarget,
  StoreCommand,
  StoreEvent,
  StoreResult,
  TxnRequest,
  TxnResponse,
} from "./types.js";

const EMPTY = new Uint8Array(0);

interface Lease {
  id: number;
  ttl: number;
  keys: Set<string>;
}

/** The whole state, as the snapshot codec sees it. Lease key sets are derived, not stored. */
export interface StoreState {
  currentRevision: number;
  compactRevision: number;
  appliedIndex: number;
  nextLeaseId: number;
  keys: KeyHistory[];
  leases: { id: number; ttl: number }[];
}

/** A key's record visible to a read. */
interface Found {
  key: string;
  r: KeyRecord;
}

/** The branch each (nested) txn takes, decided up front against the state before the txn. */
interface TxnPath {
  succeeded: boolean;
  nested: Map<number, TxnPath>;
}

/** One mutating request in progress: all its changes share `main`, ordered by `sub`. */
class Write {
  sub = 0;
  readonly events: StoreEvent[] = [];
  constructor(readonly main: number) {}
}

/**
 * The replicated state machine: an in-memory MVCC key-value store with etcd v3 semantics. `apply` is the
 * only mutator and reads nothing but its arguments and the state, so replicas applying the same log agree.
 */
export class MvccStore {
  private readonly index = new KeyIndex();
  private readonly leaseMap = new Map<number, Lease>();
  private current = 1;
  private compacted = 0;
  private applied = 0;
  private nextLeaseId = 1;

  /** The revision of the last change (1 for an empty store, like etcd's header revision). */
  get revision(): number {
    return this.current;
  }

  /** The revision of the last compaction (0 = never compacted): reads below it fail. */
  get compactRevision(): number {
    return this.compacted;
  }

  /** The Raft index of the last applied command. */
  get appliedIndex(): number {
    return this.applied;
  }

  apply(command: StoreCommand, ctx: ApplyContext): StoreResult {
    if (ctx.index <= this.applied) {
      const error = new StoreError(
        "AlreadyApplied",
        `log index ${ctx.index} is not after the last applied index ${this.applied}`,
      );
      return { ok: false, revision: this.current, events: [], error };
    }
    this.applied = ctx.index;
    try {
      const w = new Write(this.current + 1);
      const response = this.execute(command, w);
      // Only a request that changed something takes a revision (etcd: a no-op delete does not).
      if (w.sub > 0) this.current = w.main;
      return { ok: true, revision: this.current, events: w.events, response };
    } catch (e) {
      // Every check runs before the first change, so a failed command leaves the state untouched.
      if (e instanceof StoreError) return { ok: false, revision: this.current, events: [], error: e };
      throw e;
    }
  }

  range(req: RangeRequest): RangeResponse {
    checkKey(req.key);
    checkRangeEnd(req.rangeEnd);
    this.checkReadRevision(req.revision ?? 0);
    return this.read(req);
  }

  leases(): LeaseInfo[] {
    return [...this.leaseMap.values()]
      .sort((a, b) => a.id - b.id)
      .map((l) => ({ id: l.id, ttl: l.ttl, keys: [...l.keys].sort().map(keyBytes) }));
  }

  /**
   * Events of revisions [from, to] on keys in [key, rangeEnd), in (revision, sub-revision) order, rebuilt
   * from kept history: what a watch starting in the past replays. `from` must be >= the compact revision.
   */
  eventsBetween(from: number, to: number, key: Uint8Array, rangeEnd?: Uint8Array): StoreEvent[] {
    if (from < this.compacted) throw compactedError(from, this.compacted);
    const found: { sub: number; event: StoreEvent }[] = [];
    for (const k of this.index.keysIn(interval(key, rangeEnd))) {
      const h = this.index.get(k)!;
      for (let i = recordAt(h, from - 1) + 1; i < h.records.length; i++) {
        const r = h.records[i]!;
        if (r.main > to) break;
        const prev = h.records[i - 1];
        const event: StoreEvent = r.tombstone
          ? { type: "DELETE", kv: tombstoneKv(h.key, r.main) }
          : { type: "PUT", kv: toKv(h.key, r, false) };
        if (prev !== undefined && !prev.tombstone) event.prevKv = toKv(h.key, prev, false);
        found.push({ sub: r.sub, event });
      }
    }
    found.sort((a, b) => a.event.kv.modRevision - b.event.kv.modRevision || a.sub - b.sub);
    return found.map((f) => f.event);
  }

  /** Bytes of the keys and kept values (what etcd reports as its database size, roughly): walks every key. */
  approximateBytes(): number {
    let n = 0;
    for (const k of this.index.allKeys()) {
      const h = this.index.get(k)!;
      n += k.length;
      for (const r of h.records) n += r.value.length + 32;
    }
    return n;
  }

  /** A deterministic digest of the whole state: equal on replicas that applied the same log. */
  hash(): string {
    const h = createHash("sha256");
    const num = (n: number) => h.update(`${n},`);
    const bytes = (b: Uint8Array) => {
      num(b.length);
      h.update(b);
    };
    num(this.current);
    num(this.compacted);
    num(this.applied);
    num(this.nextLeaseId);
    for (const k of this.index.allKeys()) {
      const kh = this.index.get(k)!;
      num(kh.key.length);
      h.update(kh.key, "latin1");
      num(kh.records.length);
      for (const r of kh.records) {
        num(r.main);
        num(r.sub);
        num(r.tombstone ? 1 : 0);
        num(r.createRevision);
        num(r.version);
        num(r.lease);
        num(r.value.length);
        h.update(r.value, "latin1");
      }
    }
    for (const l of this.leases()) {
      num(l.id);
      num(l.ttl);
      num(l.keys.length);
      for (const k of l.keys) bytes(k);
    }
    return h.digest("hex");
  }

  /** The state for the snapshot codec (shared structures: do not mutate). */
  exportState(): StoreState {
    return {
      currentRevision: this.current,
      compactRevision: this.compacted,
      appliedIndex: this.applied,
      nextLeaseId: this.nextLeaseId,
      keys: this.index.allKeys().map((k) => this.index.get(k)!),
      leases: [...this.leaseMap.values()].sort((a, b) => a.id - b.id).map((l) => ({ id: l.id, ttl: l.ttl })),
    };
  }

  /** A store from `encodeSnapshot` bytes; throws StoreError "BadEncoding" on malformed input. */
  static restore(bytes: Uint8Array): MvccStore {
    return MvccStore.fromState(decodeSnapshot(bytes));
  }

  /** Rebuilds a store from decoded state. */
  static fromState(state: StoreState): MvccStore {
    const s = new MvccStore();
    s.current = state.currentRevision;
    s.compacted = state.compactRevision;
    s.applied = state.appliedIndex;
    s.nextLeaseId = state.nextLeaseId;
    for (const l of state.leases) s.leaseMap.set(l.id, { id: l.id, ttl: l.ttl, keys: new Set() });
    for (const h of state.keys) {
      const k = h.key;
      s.index.getOrCreate(k).records.push(...h.records);
      const live = latestLive(h);
      if (live !== undefined && live.lease !== 0) {
        const lease = s.leaseMap.get(live.lease);
        if (lease === undefined) {
          throw new StoreError(
            "BadEncoding",
            `key attached to lease ${live.lease}, which is not in the snapshot`,
          );
        }
        lease.keys.add(k);
      }
    }
    return s;
  }

  private execute(command: StoreCommand, w: Write): CommandResponse {
    switch (command.type) {
      case "put":
        this.checkPut(command.request);
        return { type: "put", response: this.put(command.request, w) };
      case "deleteRange":
        checkKey(command.request.key);
        checkRangeEnd(command.request.rangeEnd);
        return { type: "deleteRange", response: this.deleteRange(command.request, w) };
      case "txn": {
        checkTxnShape(command.request);
        const path = this.choosePath(command.request);
        this.checkPath(command.request, path);
        return { type: "txn", response: this.txn(command.request, path, w) };
      }
      case "compact":
        this.compact(command.revision);
        return { type: "compact", compactRevision: this.compacted };
      case "leaseGrant":
        return { type: "leaseGrant", ...this.leaseGrant(command.id, command.ttl) };
      case "leaseRevoke":
        return { type: "leaseRevoke", id: command.id, deleted: this.leaseRevoke(command.id, w) };
    }
  }

  private checkReadRevision(revision: number): void {
    if (revision <= 0) return;
    if (revision < this.compacted) throw compactedError(revision, this.compacted);
    if (revision > this.current) throw futureRevisionError(revision, this.current);
  }

  /** Checks a put against the current state; etcd refuses these before touching anything. */
  private checkPut(req: PutRequest): void {
    checkKey(req.key);
    checkValue(req.value);
    const lease = req.lease ?? 0;
    if (req.ignoreValue && req.value.length > 0) {
      throw new StoreError("ValueProvided", "value is provided although ignoreValue is set");
    }
    if (req.ignoreLease && lease !== 0) {
      throw new StoreError("LeaseProvided", "lease is provided although ignoreLease is set");
    }
    if (lease !== 0 && !this.leaseMap.has(lease)) {
      throw new StoreError("LeaseNotFound", `lease ${lease} not found`);
    }
    if (req.ignoreValue || req.ignoreLease) {
      const h = this.index.get(keyString(req.key));
      if (h === undefined || latestLive(h) === undefined) {
        throw new StoreError("KeyNotFound", "key not found (ignoreValue/ignoreLease need an existing key)");
      }
    }
  }

  private read(req: RangeRequest): RangeResponse {
    const rev = req.revision ?? 0;
    const keysOnly = req.keysOnly ?? false;
    const found: Found[] = [];
    for (const k of this.index.keysIn(interval(req.key, req.rangeEnd))) {
      const h = this.index.get(k)!;
      const r = rev > 0 ? liveAt(h, rev) : latestLive(h);
      if (r !== undefined) found.push({ key: h.key, r });
    }
    const count = found.length;
    if (req.countOnly) return { kvs: [], count, more: false };
    let target = req.sortTarget ?? "key";
    let order = req.sortOrder ?? "none";
    if (order === "none" && target !== "key") order = "ascend";
    if (order === "none") target = "key";
    if (!(order === "ascend" && target === "key") && order !== "none") {
      const sign = order === "descend" ? -1 : 1;
      // Ties keep key order (the sort is stable and `found` is in key order).
      found.sort((a, b) => sign * compareBy(target, a, b));
    }
    const limit = req.limit ?? 0;
    const more = limit > 0 && found.length > limit;
    const kept = more ? found.slice(0, limit) : found;
    return { kvs: kept.map((f) => toKv(f.key, f.r, keysOnly)), count, more };
  }

  private put(req: PutRequest, w: Write): PutResponse {
    const k = keyString(req.key);
    const h = this.index.getOrCreate(k);
    const prev = latestLive(h);
    const value = req.ignoreValue && prev !== undefined ? prev.value : keyString(req.value);
    const lease = req.ignoreLease && prev !== undefined ? prev.lease : (req.lease ?? 0);
    const r: KeyRecord = {
      main: w.main,
      sub: w.sub++,
      tombstone: false,
      value,
      createRevision: prev?.createRevision ?? w.main,
      version: (prev?.version ?? 0) + 1,
      lease,
    };
    h.records.push(r);
    if (prev !== undefined && prev.lease !== 0 && prev.lease !== lease)
      this.leaseMap.get(prev.lease)?.keys.delete(k);
    if (lease !== 0) this.leaseMap.get(lease)!.keys.add(k);
    const prevKv = prev === undefined ? undefined : toKv(h.key, prev, false);
    const event: StoreEvent = { type: "PUT", kv: toKv(h.key, r, false) };
    if (prevKv !== undefined) event.prevKv = prevKv;
    w.events.push(event);
    return req.prevKv && prevKv !== undefined ? { prevKv } : {};
  }

  private deleteRange(req: DeleteRangeRequest, w: Write): DeleteRangeResponse {
    const prevKvs: KeyValue[] = [];
    let deleted = 0;
    for (const k of this.index.keysIn(interval(req.key, req.rangeEnd))) {
      const h = this.index.get(k)!;
      const prev = this.deleteKey(k, h, w);
      if (prev === undefined) continue;
      deleted++;
      if (req.prevKv) prevKvs.push(prev);
    }
    return { deleted, prevKvs };
  }

  private deleteKey(k: string, h: KeyHistory, w: Write): KeyValue | undefined {
    const prev = latestLive(h);
    if (prev === undefined) return undefined;
    h.records.push({
      main: w.main,
      sub: w.sub++,
      tombstone: true,
      value: "",
      createRevision: 0,
      version: 0,
      lease: 0,
    });
    if (prev.lease !== 0) this.leaseMap.get(prev.lease)?.keys.delete(k);
    const prevKv = toKv(h.key, prev, false);
    w.events.push({ type: "DELETE", kv: tombstoneKv(h.key, w.main), prevKv });
    return prevKv;
  }

  /** Evaluates every compare (nested ones too) against the state before the txn runs, as etcd does. */
  private choosePath(txn: TxnRequest): TxnPath {
    const succeeded = txn.compare.every((c) => this.compare(c));
    const nested = new Map<number, TxnPath>();
    const ops = succeeded ? txn.success : txn.failure;
    ops.forEach((op, i) => {
      if (op.type === "txn") nested.set(i, this.choosePath(op.request));
    });
    return { succeeded, nested };
  }

  /** State-dependent checks of the ops that will run, so a txn fails before its first change or not at all. */
  private checkPath(txn: TxnRequest, path: TxnPath): void {
    const ops = path.succeeded ? txn.success : txn.failure;
    ops.forEach((op, i) => {
      if (op.type === "put") this.checkPut(op.request);
      else if (op.type === "range") this.checkReadRevision(op.request.revision ?? 0);
      else if (op.type === "txn") this.checkPath(op.request, path.nested.get(i)!);
    });
  }

  private compare(c: Compare): boolean {
    const records: KeyRecord[] = [];
    for (const k of this.index.keysIn(interval(c.key, c.rangeEnd))) {
      const r = latestLive(this.index.get(k)!);
      if (r !== undefined) records.push(r);
    }
    if (records.length === 0) {
      // A missing key has zero revisions, version and lease, but no value to compare with.
      if (c.target === "value") return false;
      return holds(c.result, 0 - c.value);
    }
    return records.every((r) => holds(c.result, compareTarget(c, r)));
  }

  private txn(txn: TxnRequest, path: TxnPath, w: Write): TxnResponse {
    const ops = path.succeeded ? txn.success : txn.failure;
    const responses = ops.map((op, i) => this.runOp(op, path.nested.get(i), w));
    return { succeeded: path.succeeded, responses };
  }

  private runOp(op: RequestOp, nested: TxnPath | undefined, w: Write): ResponseOp {
    switch (op.type) {
      case "range":
        // Reads inside a txn see the txn's earlier writes (they are already in the index).
        return { type: "range", response: this.read(op.request) };
      case "put":
        return { type: "put", response: this.put(op.request, w) };
      case "deleteRange":
        return { type: "deleteRange", response: this.deleteRange(op.request, w) };
      case "txn":
        return { type: "txn", response: this.txn(op.request, nested!, w) };
    }
  }

  private compact(revision: number): void {
    if (revision <= this.compacted) throw compactedError(revision, this.compacted);
    if (revision > this.current) throw futureRevisionError(revision, this.current);
    for (const k of [...this.index.allKeys()]) {
      const h = this.index.get(k)!;
      let keepFrom = recordAt(h, revision);
      if (keepFrom < 0) continue;
      // The version visible at `revision` stays; a tombstone at or below it goes, even one made exactly
      // at `revision` (etcd drops it too: a watch from the compact revision does not see that delete).
      if (h.records[keepFrom]!.tombstone) keepFrom++;
      if (keepFrom > 0) h.records.splice(0, keepFrom);
      if (h.records.length === 0) this.index.remove(k);
    }
    this.compacted = revision;
  }

  private leaseGrant(id: number, ttl: number): { id: number; ttl: number } {
    if (!Number.isSafeInteger(ttl) || ttl < 1) {
      throw new StoreError("InvalidTtl", `lease TTL must be a positive whole number of seconds, got ${ttl}`);
    }
    if (!Number.isSafeInteger(id) || id < 0) {
      throw new StoreError("InvalidLeaseId", `lease id must be a non-negative safe integer, got ${id}`);
    }
    let chosen = id;
    if (chosen === 0) {
      chosen = this.nextLeaseId;
      while (this.leaseMap.has(chosen)) chosen++;
    } else if (this.leaseMap.has(chosen)) {
      throw new StoreError("LeaseExists", `lease ${chosen} already exists`);
    }
    this.nextLeaseId = Math.max(this.nextLeaseId, chosen + 1);
    this.leaseMap.set(chosen, { id: chosen, ttl, keys: new Set() });
    return { id: chosen, ttl };
  }

  private leaseRevoke(id: number, w: Write): number {
    const lease = this.leaseMap.get(id);
    if (lease === undefined) throw new StoreError("LeaseNotFound", `lease ${id} not found`);
    let deleted = 0;
    // Key order, so every replica numbers the sub-revisions alike.
    for (const k of [...lease.keys].sort()) {
      if (this.deleteKey(k, this.index.get(k)!, w) !== undefined) deleted++;
    }
    this.leaseMap.delete(id);
    return deleted;
  }
}

function holds(result: Compare["result"], cmp: number): boolean {
  switch (result) {
    case "=":
      return cmp === 0;
    case "!=":
      return cmp !== 0;
    case "<":
      return cmp < 0;
    case ">":
      return cmp > 0;
  }
}

function compareBy(target: SortTarget, a: Found, b: Found): number {
  switch (target) {
    case "key":
      return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    case "value":
      return a.r.value < b.r.value ? -1 : a.r.value > b.r.value ? 1 : 0;
    case "version":
      return a.r.version - b.r.version;
    case "createRevision":
      return a.r.createRevision - b.r.createRevision;
    case "modRevision":
      return a.r.main - b.r.main;
  }
}

/** The key's value minus the compare's operand (bytewise for values), for `holds`. */
function compareTarget(c: Compare, r: KeyRecord): number {
  switch (c.target) {
    case "value":
      return compareBytes(keyBytes(r.value), c.value);
    case "version":
      return r.version - c.value;
    case "createRevision":
      return r.createRevision - c.value;
    case "modRevision":
      return r.main - c.value;
    case "lease":
      return r.lease - c.value;
  }
}

/**
 * A KeyValue whose value bytes are made from the stored string only when read: every write's events carry
 * kvs that no watcher may ever look at.
 */
/** A kv's key as the index's latin1 string, without a bytes round trip for kvs the store made. */
export function keyTextOf(kv: KeyValue): string {
  return kv instanceof StoredKv ? kv.keyText : keyString(kv.key);
}

class StoredKv implements KeyValue {
  private bytes: Uint8Array | undefined;
  private keyCache: Uint8Array | undefined;
  constructor(
    readonly keyText: string,
    private readonly text: string,
    readonly createRevision: number,
    readonly modRevision: number,
    readonly version: number,
    readonly lease: number,
  ) {}

  get key(): Uint8Array {
    if (this.keyCache === undefined) this.keyCache = keyBytes(this.keyText);
    return this.keyCache;
  }

  get value(): Uint8Array {
    if (this.bytes === undefined) this.bytes = this.text === "" ? EMPTY : keyBytes(this.text);
    return this.bytes;
  }
}

function toKv(key: string, r: KeyRecord, keysOnly: boolean): KeyValue {
  return new StoredKv(key, keysOnly ? "" : r.value, r.createRevision, r.main, r.version, r.lease);
}

function tombstoneKv(key: string, revision: number): KeyValue {
  return new StoredKv(key, "", 0, revision, 0, 0);
}
