// Durable Raft state on LevelDB: identity, hard state, the last snapshot's metadata (its data is a file, see
// snapshot-file.ts) and the log, each
// record checksummed (see keys.ts for the layout). Every mutation is one atomic LevelDB batch, and
// mutations run one at a time in call order so the in-memory log bounds always match the disk.
import type { Entry, HardState, InitialState, Snapshot } from "@tskube/raft";
import { encodeEntry } from "./entry-codec.js";
import { StorageError } from "./errors.js";
import { encodeHardState } from "./hard-state-codec.js";
import { decodeIdentity, encodeIdentity, type MemberIdentity } from "./identity-codec.js";
import {
  entryIndexOfKey,
  entryKey,
  entryRange,
  hardStateKey,
  identityKey,
  isEntryKey,
  snapshotMetaKey,
} from "./keys.js";
import { toStorageError } from "./level-errors.js";
import { type BatchOp, createRaftDb, type RaftDb } from "./raft-db.js";
import { encodeSnapshotMeta, type StoredSnapshotInfo } from "./snapshot-codec.js";
import { removeOtherSnapshotFiles, snapshotDir, writeSnapshotFile } from "./snapshot-file.js";
import { readRaftState, readSnapshotInfo } from "./state-reader.js";
import { SerialQueue } from "./write-queue.js";

export interface StorageWrite {
  readonly hardState: HardState | null;
  readonly entries: readonly Entry[];
  readonly snapshot: Snapshot | null;
}

/** Stored log bounds; the log is empty when last < first (then last is the snapshot index). */
interface LogBounds {
  readonly first: number;
  readonly last: number;
  readonly snapshot: StoredSnapshotInfo | null;
}

export class RaftStorage {
  private readonly queue = new SerialQueue();
  private closed = false;

  private constructor(
    private readonly db: RaftDb,
    private readonly dir: string,
    private member: MemberIdentity | null,
    private bounds: LogBounds,
  ) {}

  /** Opens (creating if absent) the LevelDB at `dir`. Throws StorageError "DataDirInUse" if another process holds it. */
  static async open(dir: string): Promise<RaftStorage> {
    const db = createRaftDb(dir);
    try {
      await db.open();
    } catch (err) {
      throw toStorageError(err, `opening Raft data dir ${dir}`);
    }
    try {
      const member = await readIdentity(db, dir);
      const bounds = member === null ? emptyBounds() : await readBounds(db, dir);
      return new RaftStorage(db, dir, member, bounds);
    } catch (err) {
      await db.close().catch(() => undefined);
      throw toStorageError(err, `opening Raft data dir ${dir}`);
    }
  }

  /** null for a fresh data dir. */
  identity(): MemberIdentity | null {
    return this.member;
  }

  /** Records who this data dir belongs to (first start), with the state the member starts from. */
  initialize(identity: MemberIdentity, initial: InitialState): Promise<void> {
    return this.serial("initializing", async () => {
      if (this.member !== null) {
        throw new Error(
          `RaftStorage.initialize: ${this.dir} already belongs to member ${this.member.memberId} of cluster ${this.member.clusterId}`,
        );
      }
      const ops: BatchOp[] = [{ type: "put", key: identityKey, value: encodeIdentity(identity) }];
      await this.writeSnapshotData(initial.snapshot);
      let bounds = putSnapshot(ops, emptyBounds(), initial.snapshot);
      bounds = putEntries(ops, bounds, initial.entries);
      ops.push({ type: "put", key: hardStateKey, value: encodeHardState(initial.hardState) });
      await this.write(ops, true, "initializing");
      this.member = identity;
      this.bounds = bounds;
    });
  }

  /** Throws StorageError "WrongCluster" naming both identities when the dir belongs to another cluster or member. */
  checkIdentity(expected: MemberIdentity): void {
    const actual = this.requireMember("checkIdentity");
    if (actual.clusterId !== expected.clusterId || actual.memberId !== expected.memberId) {
      throw new StorageError(
        "WrongCluster",
        `data dir ${this.dir} belongs to member ${actual.memberId} of cluster ${actual.clusterId}, ` +
          `not member ${expected.memberId} of cluster ${expected.clusterId}`,
      );
    }
  }

  /**
   * Everything the Raft core needs to restart: hard state, last snapshot, the log entries kept (they may start
   * at or before snapshot.index+1 when catch-up entries were kept behind a compaction), applied = snapshot index.
   * Every record is verified; see state-reader.ts.
   */
  load(): Promise<InitialState> {
    return this.serial("loading", async () => {
      this.requireMember("load");
      const { state, snapshotInfo } = await readRaftState(this.db, snapshotDir(this.dir));
      const first = state.entries[0]?.index ?? snapshotInfo.metadata.index + 1;
      this.bounds = { first, last: first + state.entries.length - 1, snapshot: snapshotInfo };
      // A crash between writing a new snapshot file and its metadata leaves the file behind: not referenced.
      await this.removeOldSnapshots();
      return state;
    });
  }

  /**
   * One atomic batch: the snapshot (if any) replaces the stored one and the whole stored log — the core reset
   * its log to the snapshot, so entries after it belong to a superseded history; then `entries` (entry i
   * replaces i and everything after it); then the hard state (if any). `sync` = fsync before resolving.
   */
  append(write: StorageWrite, sync: boolean): Promise<void> {
    return this.serial("appending", async () => {
      this.requireMember("append");
      const ops: BatchOp[] = [];
      let bounds = this.bounds;
      if (write.snapshot !== null) {
        checkNotOlder(bounds, write.snapshot);
        await this.writeSnapshotData(write.snapshot);
        bounds = putSnapshot(ops, bounds, write.snapshot);
      }
      bounds = putEntries(ops, bounds, write.entries);
      if (write.hardState !== null)
        ops.push({ type: "put", key: hardStateKey, value: encodeHardState(write.hardState) });
      if (ops.length === 0) return;
      await this.write(ops, sync, "appending");
      this.bounds = bounds;
      if (write.snapshot !== null) await this.removeOldSnapshots();
    });
  }

  /** After the core's compact(): store this snapshot and delete the entries below firstIndex (synced). */
  saveSnapshot(snapshot: Snapshot, firstIndex: number): Promise<void> {
    return this.serial("saving snapshot", async () => {
      this.requireMember("saveSnapshot");
      const index = snapshot.metadata.index;
      if (!Number.isSafeInteger(firstIndex) || firstIndex < 1 || firstIndex > index + 1) {
        throw new RangeError(
          `saveSnapshot: firstIndex ${firstIndex} must be in 1..${index + 1} (snapshot index + 1)`,
        );
      }
      const { first, last } = this.bounds;
      if (index > last) {
        throw new RangeError(
          `saveSnapshot: snapshot index ${index} is beyond the stored log (last index ${last})`,
        );
      }
      checkNotOlder(this.bounds, snapshot);
      await this.writeSnapshotData(snapshot);
      const ops: BatchOp[] = [];
      const withSnapshot = putSnapshotMeta(ops, snapshot);
      const keepFrom = Math.max(first, firstIndex);
      deleteEntries(ops, first, Math.min(keepFrom - 1, last));
      await this.write(ops, true, "saving snapshot");
      this.bounds = { first: keepFrom, last, snapshot: withSnapshot };
      await this.removeOldSnapshots();
    });
  }

  /** Waits for queued writes, then closes LevelDB (releasing the data dir lock). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.drain();
    try {
      await this.db.close();
    } catch (err) {
      throw toStorageError(err, `closing Raft data dir ${this.dir}`);
    }
  }

  /** The data file must be durable before the metadata record that names it is written. */
  private async writeSnapshotData(snapshot: Snapshot): Promise<void> {
    if (snapshot.data.length > 0) {
      await writeSnapshotFile(snapshotDir(this.dir), snapshot.metadata.index, snapshot.data);
    }
  }

  private async removeOldSnapshots(): Promise<void> {
    const current = this.bounds.snapshot;
    if (current !== null) await removeOtherSnapshotFiles(snapshotDir(this.dir), current.metadata.index);
  }

  private serial<T>(doing: string, task: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error(`RaftStorage ${doing}: ${this.dir} is closed`));
    return this.queue.run(task);
  }

  private async write(ops: BatchOp[], sync: boolean, doing: string): Promise<void> {
    try {
      // A chained batch: measured 3-5x faster than db.batch(array) for 2,000 puts (less per-op overhead).
      const batch = this.db.batch();
      for (const op of ops) {
        if (op.type === "put") batch.put(op.key, op.value);
        else batch.del(op.key);
      }
      await batch.write({ sync });
    } catch (err) {
      throw toStorageError(err, `${doing} in Raft data dir ${this.dir}`);
    }
  }

  private requireMember(method: string): MemberIdentity {
    if (this.member === null) {
      throw new Error(
        `RaftStorage.${method}: data dir ${this.dir} is not initialized; call initialize() first`,
      );
    }
    return this.member;
  }
}

function emptyBounds(): LogBounds {
  return { first: 1, last: 0, snapshot: null };
}

/** Replaces the stored snapshot and drops the whole stored log (see append). */
function putSnapshot(ops: BatchOp[], bounds: LogBounds, snapshot: Snapshot): LogBounds {
  const info = putSnapshotMeta(ops, snapshot);
  deleteEntries(ops, bounds.first, bounds.last);
  const index = snapshot.metadata.index;
  return { first: index + 1, last: index, snapshot: info };
}

function checkNotOlder(bounds: LogBounds, snapshot: Snapshot): void {
  const previous = bounds.snapshot;
  if (previous !== null && snapshot.metadata.index < previous.metadata.index) {
    throw new RangeError(
      `snapshot index ${snapshot.metadata.index} is older than the stored snapshot ${previous.metadata.index}`,
    );
  }
}

/** Writes the snapshot's metadata record (its data file is written before, see writeSnapshotData). */
function putSnapshotMeta(ops: BatchOp[], snapshot: Snapshot): StoredSnapshotInfo {
  const encoded = encodeSnapshotMeta(snapshot);
  ops.push({ type: "put", key: snapshotMetaKey, value: encoded.meta });
  return encoded.info;
}

/** Writes `entries` (contiguous), deleting the stored entries after the last one (the conflicting tail). */
function putEntries(ops: BatchOp[], bounds: LogBounds, entries: readonly Entry[]): LogBounds {
  const head = entries[0];
  if (head === undefined) return bounds;
  if (!Number.isSafeInteger(head.index) || head.index < 1 || head.index > bounds.last + 1) {
    throw new RangeError(
      `appending entry ${head.index} would leave a gap after the stored log (last index ${bounds.last})`,
    );
  }
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as Entry;
    if (entry.index !== head.index + i) {
      throw new RangeError(
        `appended entries are not contiguous: entry ${entry.index} at position ${i} after ${head.index}`,
      );
    }
  }
  const lastNew = head.index + entries.length - 1;
  deleteEntries(ops, lastNew + 1, bounds.last);
  for (const entry of entries) {
    const { key, value } = encodeEntry(entry);
    ops.push({ type: "put", key, value });
  }
  const empty = bounds.last < bounds.first;
  return {
    first: empty ? head.index : Math.min(bounds.first, head.index),
    last: lastNew,
    snapshot: bounds.snapshot,
  };
}

function deleteEntries(ops: BatchOp[], from: number, to: number): void {
  for (let i = from; i <= to; i++) ops.push({ type: "del", key: entryKey(i) });
}

async function readIdentity(db: RaftDb, dir: string): Promise<MemberIdentity | null> {
  const value = await db.get(identityKey);
  if (value !== undefined) return decodeIdentity(value);
  // Without an identity the dir must be entirely empty: a lost identity record must not let the driver
  // "initialize" over an existing log and forget the votes and entries this member promised to keep.
  const any = await db.keys({ limit: 1 }).all();
  if (any.length > 0) {
    throw new StorageError(
      "Truncated",
      `data dir ${dir} holds Raft state but its identity record is missing`,
    );
  }
  return null;
}

async function readBounds(db: RaftDb, dir: string): Promise<LogBounds> {
  const snapshot = await readSnapshotInfo(db);
  if (snapshot === null)
    throw new StorageError("Truncated", `data dir ${dir}: snapshot metadata record is missing`);
  const [firstKey] = await db.keys({ gte: entryRange.gte, lt: entryRange.lt, limit: 1 }).all();
  const [lastKey] = await db.keys({ gte: entryRange.gte, lt: entryRange.lt, limit: 1, reverse: true }).all();
  if (firstKey === undefined || lastKey === undefined) {
    return { first: snapshot.metadata.index + 1, last: snapshot.metadata.index, snapshot };
  }
  for (const key of [firstKey, lastKey]) {
    if (!isEntryKey(key))
      throw new StorageError("Corrupt", `data dir ${dir}: malformed log key ${key.toString("hex")}`);
  }
  return { first: entryIndexOfKey(firstKey), last: entryIndexOfKey(lastKey), snapshot };
}
