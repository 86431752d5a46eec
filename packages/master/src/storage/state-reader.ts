// Reads the whole persisted Raft state back and verifies it record by record. Nothing is skipped: any
// damaged, missing or inconsistent record fails the load with an error naming it, because a member that
// restarts from a silently shortened log can break Raft's safety (it may have acked or voted on it).
import type { Entry, HardState, InitialState } from "@tskube/raft";
import { decodeEntry } from "./entry-codec.js";
import { StorageError } from "./errors.js";
import { decodeHardState } from "./hard-state-codec.js";
import { describeKey, entryRange, hardStateKey, isEntryKey, snapshotMetaKey } from "./keys.js";
import type { RaftDb } from "./raft-db.js";
import { decodeSnapshotMeta, type StoredSnapshotInfo } from "./snapshot-codec.js";
import { readSnapshotFile } from "./snapshot-file.js";

const SCAN_BATCH = 1024;

export interface LoadedState {
  readonly state: InitialState;
  readonly snapshotInfo: StoredSnapshotInfo;
}

export async function readRaftState(db: RaftDb, snapDir: string): Promise<LoadedState> {
  const hardState = decodeHardState(await mustGet(db, hardStateKey));
  const snapshotInfo = decodeSnapshotMeta(await mustGet(db, snapshotMetaKey));
  const data = await readSnapshotFile(snapDir, snapshotInfo);
  const entries = await readEntries(db);
  checkConsistency(hardState, snapshotInfo, entries);
  const snapshot = { metadata: snapshotInfo.metadata, data };
  return { state: { hardState, snapshot, entries, applied: snapshotInfo.metadata.index }, snapshotInfo };
}

/** Reads the stored snapshot metadata; null when absent. */
export async function readSnapshotInfo(db: RaftDb): Promise<StoredSnapshotInfo | null> {
  const value = await db.get(snapshotMetaKey);
  return value === undefined ? null : decodeSnapshotMeta(value);
}

async function mustGet(db: RaftDb, key: Buffer): Promise<Buffer> {
  const value = await db.get(key);
  if (value === undefined) throw new StorageError("Truncated", `${describeKey(key)} is missing`);
  return value;
}

async function readEntries(db: RaftDb): Promise<Entry[]> {
  const entries: Entry[] = [];
  let prev: Entry | undefined;
  await scan(db, entryRange, (key, value) => {
    if (!isEntryKey(key)) throw new StorageError("Corrupt", `malformed key in the log: ${describeKey(key)}`);
    const entry = decodeEntry(key, value);
    if (prev !== undefined) {
      if (entry.index !== prev.index + 1) {
        throw new StorageError(
          "Truncated",
          `log entries ${prev.index + 1}..${entry.index - 1} are missing (gap between entries ${prev.index} and ${entry.index})`,
        );
      }
      if (entry.term < prev.term) {
        throw new StorageError(
          "Corrupt",
          `log entry ${entry.index} has term ${entry.term}, lower than entry ${prev.index}'s term ${prev.term}`,
        );
      }
    }
    entries.push(entry);
    prev = entry;
  });
  return entries;
}

function checkConsistency(hardState: HardState, snap: StoredSnapshotInfo, entries: readonly Entry[]): void {
  const snapIndex = snap.metadata.index;
  const first = entries[0];
  const last = entries[entries.length - 1];
  if (first !== undefined && last !== undefined) {
    if (first.index > snapIndex + 1) {
      throw new StorageError(
        "Truncated",
        `log entries ${snapIndex + 1}..${first.index - 1} after snapshot ${snapIndex} are missing (log starts at ${first.index})`,
      );
    }
    if (last.index < snapIndex) {
      throw new StorageError(
        "Corrupt",
        `log ends at entry ${last.index}, before snapshot index ${snapIndex}`,
      );
    }
    const atSnapshot = entries[snapIndex - first.index];
    if (atSnapshot !== undefined && atSnapshot.term !== snap.metadata.term) {
      throw new StorageError(
        "Corrupt",
        `log entry ${snapIndex} has term ${atSnapshot.term} but snapshot ${snapIndex} has term ${snap.metadata.term}`,
      );
    }
  }
  const lastIndex = Math.max(snapIndex, last?.index ?? 0);
  if (hardState.commit > lastIndex) {
    throw new StorageError(
      "Truncated",
      `hard state commit ${hardState.commit} is beyond the last stored index ${lastIndex}: committed entries are missing`,
    );
  }
  if (hardState.commit < snapIndex) {
    throw new StorageError(
      "Corrupt",
      `hard state commit ${hardState.commit} is below snapshot index ${snapIndex}`,
    );
  }
}

async function scan(
  db: RaftDb,
  range: { readonly gte: Buffer; readonly lt: Buffer },
  visit: (key: Buffer, value: Buffer) => void,
): Promise<void> {
  const it = db.iterator({ gte: range.gte, lt: range.lt });
  try {
    for (;;) {
      const batch = await it.nextv(SCAN_BATCH);
      if (batch.length === 0) return;
      for (const [key, value] of batch) visit(key, value);
    }
  } finally {
    await it.close();
  }
}
