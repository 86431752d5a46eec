import type { Entry, HardState, InitialState, Ready, Snapshot } from "@tskube/raft";
import { SimError } from "./errors.js";

/** Deliberate disk bugs, to prove the simulation catches what they cause (the non-vacuity tests). */
export interface DiskFaults {
  /** The vote is never written: a restarted node may vote twice in one term. */
  readonly forgetVotes?: boolean;
  /** Writes are acknowledged before they are durable: a crash loses the last ~100 ms of writes. */
  readonly skipFsync?: boolean;
}

interface DurableImage {
  readonly hard: HardState;
  readonly snapshot: Snapshot;
  readonly entries: Entry[];
}

const FLUSH_EVERY_MS = 100;

/**
 * One node's stable storage. A Ready is written atomically when its fsync completes (the caller holds
 * it until then), so a crash before that loses the whole batch — exactly what a real driver risks.
 * A Ready that needs no sync (only the commit index moved) is written to the page cache: it is visible
 * at once but a crash reverts it to the last synced hard state, as on a real disk.
 */
export class SimDisk {
  private hard: HardState;
  private syncedHard: HardState;
  private snapshot: Snapshot;
  /** Contiguous log entries; may start at or before snapshot index + 1 (entries kept for catch-up). */
  private entries: Entry[];
  /** With skipFsync: what survives a crash (the last periodic flush). */
  private flushed: DurableImage | null = null;
  private lastFlush = 0;

  constructor(
    initial: InitialState,
    private readonly faults: DiskFaults,
  ) {
    this.hard = this.filterHard(initial.hardState);
    this.syncedHard = this.hard;
    this.snapshot = initial.snapshot;
    this.entries = [...initial.entries];
    if (faults.skipFsync) this.flushed = this.image();
  }

  /** Step 2 of the Ready contract: snapshot, then entries, then hard state. `now` drives skipFsync's flush. */
  write(rd: Ready, now: number): void {
    if (rd.snapshot !== null) {
      // Installing a snapshot replaces the whole log: entries after it may belong to a dead leader.
      this.snapshot = rd.snapshot;
      this.entries = [];
    }
    if (rd.entries.length > 0) this.appendEntries(rd.entries);
    if (rd.hardState !== null) this.hard = this.filterHard(rd.hardState);
    const synced = rd.mustSync || rd.snapshot !== null || rd.entries.length > 0;
    if (synced) this.syncedHard = this.hard;
    this.maybeFlush(now);
  }

  /** The application took a snapshot at `snapshot.metadata.index`: keep it, drop entries below firstIndex. */
  saveSnapshot(snapshot: Snapshot, firstIndex: number, now: number): void {
    if (snapshot.metadata.index < this.snapshot.metadata.index) {
      // Writing it would roll the disk back behind entries that are already gone: a corrupt restart.
      throw new SimError(
        "InvalidState",
        `compact returned a snapshot at ${snapshot.metadata.index}, older than the persisted one at ${this.snapshot.metadata.index}`,
      );
    }
    this.snapshot = snapshot;
    const first = this.entries[0];
    if (first !== undefined && first.index < firstIndex) {
      this.entries = this.entries.slice(Math.min(this.entries.length, firstIndex - first.index));
    }
    this.maybeFlush(now);
  }

  /** Power loss: everything not synced is gone. */
  crash(): void {
    if (this.flushed !== null) {
      this.hard = this.flushed.hard;
      this.syncedHard = this.flushed.hard;
      this.snapshot = this.flushed.snapshot;
      this.entries = [...this.flushed.entries];
      return;
    }
    this.hard = this.syncedHard;
  }

  /** What a restarting node reads back. */
  initialState(): InitialState {
    const snapIndex = this.snapshot.metadata.index;
    // A snapshot at i means i was committed even if the page-cached commit index was lost in a crash.
    const hardState: HardState = { ...this.hard, commit: Math.max(this.hard.commit, snapIndex) };
    return { hardState, snapshot: this.snapshot, entries: [...this.entries], applied: snapIndex };
  }

  lastIndex(): number {
    const last = this.entries[this.entries.length - 1];
    return last === undefined ? this.snapshot.metadata.index : last.index;
  }

  private appendEntries(batch: readonly Entry[]): void {
    const first = batch[0] as Entry;
    const head = this.entries[0];
    if (head === undefined || first.index <= head.index) {
      if (first.index > this.snapshot.metadata.index + 1) {
        throw new SimError(
          "InvalidState",
          `persist: entries start at ${first.index}, snapshot is at ${this.snapshot.metadata.index}`,
        );
      }
      this.entries = [...batch];
      return;
    }
    const offset = first.index - head.index;
    if (offset > this.entries.length) {
      throw new SimError(
        "InvalidState",
        `persist: gap before entry ${first.index} (last stored ${this.lastIndex()})`,
      );
    }
    this.entries.length = offset;
    for (const e of batch) this.entries.push(e);
  }

  private filterHard(hs: HardState): HardState {
    return this.faults.forgetVotes && hs.vote !== null ? { ...hs, vote: null } : hs;
  }

  private maybeFlush(now: number): void {
    if (this.flushed === null || now - this.lastFlush < FLUSH_EVERY_MS) return;
    this.lastFlush = now;
    this.flushed = this.image();
  }

  private image(): DurableImage {
    return { hard: this.hard, snapshot: this.snapshot, entries: [...this.entries] };
  }
}
