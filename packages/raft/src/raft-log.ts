import { RaftError } from "./errors.js";
import type { Entry, Snapshot } from "./types.js";

/** Per-entry framing cost counted against message size limits, so empty entries are not free. */
const ENTRY_OVERHEAD_BYTES = 16;

export function entryWireSize(e: Entry): number {
  return e.data.byteLength + ENTRY_OVERHEAD_BYTES;
}

/**
 * The in-memory log after the last compaction point. Entries are kept in one array with an offset:
 * appends push, truncation shortens, compaction drops a prefix (rare). The `base` entry (just before
 * the first kept entry) is remembered by term only, so an append right after it can still be checked.
 *
 * Indexes kept here, all ≤ lastIndex():
 *  - stable: persisted by the caller (reported through advance);
 *  - inProgress: handed out in a Ready (stable ≤ inProgress);
 *  - committed, applying (handed out for apply), applied (reported through advance).
 */
export class RaftLog {
  private ents: Entry[] = [];
  private base: number;
  private baseTerm: number;
  stable: number;
  inProgress: number;
  committed: number;
  applying: number;
  applied: number;

  constructor(
    baseIndex: number,
    baseTerm: number,
    entries: readonly Entry[],
    committed: number,
    applied: number,
  ) {
    this.base = baseIndex;
    this.baseTerm = baseTerm;
    for (const e of entries) this.ents.push(e);
    this.stable = this.lastIndex();
    this.inProgress = this.stable;
    this.committed = committed;
    this.applying = applied;
    this.applied = applied;
  }

  firstIndex(): number {
    return this.base + 1;
  }

  lastIndex(): number {
    return this.base + this.ents.length;
  }

  lastTerm(): number {
    const n = this.ents.length;
    return n === 0 ? this.baseTerm : this.ents[n - 1]!.term;
  }

  /** Term of the entry at `index`, or null when compacted away or beyond the end. */
  term(index: number): number | null {
    if (index === this.base) return this.baseTerm;
    if (index < this.base) return null;
    const e = this.ents[index - this.base - 1];
    return e === undefined ? null : e.term;
  }

  matchTerm(index: number, term: number): boolean {
    return this.term(index) === term;
  }

  entryAt(index: number): Entry | undefined {
    return index <= this.base ? undefined : this.ents[index - this.base - 1];
  }

  /** Entries [lo, hi), at most `maxBytes` of them (but at least one). Throws if lo was compacted. */
  slice(lo: number, hi: number, maxBytes = Number.POSITIVE_INFINITY): Entry[] {
    if (lo <= this.base)
      throw new RaftError("InvalidArgument", `entries from ${lo}: compacted (first index ${this.base + 1})`);
    if (hi > this.lastIndex() + 1) {
      throw new RaftError(
        "InvalidArgument",
        `entries up to ${hi}: beyond the last index ${this.lastIndex()}`,
      );
    }
    if (lo >= hi) return [];
    const from = lo - this.base - 1;
    let to = hi - this.base - 1;
    if (maxBytes !== Number.POSITIVE_INFINITY) {
      let bytes = entryWireSize(this.ents[from]!);
      let i = from + 1;
      while (i < to) {
        bytes += entryWireSize(this.ents[i]!);
        if (bytes > maxBytes) break;
        i++;
      }
      to = i;
    }
    return this.ents.slice(from, to);
  }

  /** Leader append: entries must continue the log. */
  append(e: Entry): void {
    this.ents.push(e);
  }

  /**
   * Follower append after a matching (prevIndex, prevTerm): skips entries already present, truncates
   * at the first conflict and appends the rest.
   */
  appendAfterMatch(entries: readonly Entry[]): void {
    const conflict = this.findConflict(entries);
    if (conflict === 0) return;
    if (conflict <= this.committed) {
      throw new RaftError(
        "InvalidMessage",
        `entries: entry ${conflict} conflicts with the committed log (commit ${this.committed})`,
      );
    }
    const first = entries[0]!.index;
    if (conflict <= this.lastIndex()) this.truncateFrom(conflict);
    for (let i = conflict - first; i < entries.length; i++) this.ents.push(entries[i]!);
  }

  /** First index among `entries` that is missing or has another term here; 0 if all present. */
  private findConflict(entries: readonly Entry[]): number {
    for (const e of entries) {
      if (!this.matchTerm(e.index, e.term)) return e.index;
    }
    return 0;
  }

  private truncateFrom(index: number): void {
    this.ents.length = index - this.base - 1;
    this.stable = Math.min(this.stable, index - 1);
    this.inProgress = Math.min(this.inProgress, index - 1);
  }

  /**
   * The largest index ≤ `index` whose term is ≤ `term` (with its term): where a log that has `term`
   * at some index can first disagree with ours. Used for fast backtracking on both sides.
   */
  findConflictByTerm(index: number, term: number): { index: number; term: number } {
    let i = Math.min(index, this.lastIndex());
    for (; i > this.base; i--) {
      const t = this.ents[i - this.base - 1]!.term;
      if (t <= term) return { index: i, term: t };
    }
    if (i === this.base && this.baseTerm <= term) return { index: i, term: this.baseTerm };
    return { index: i, term: 0 };
  }

  /** §5.4.1: is a log ending at (lastIndex, lastTerm) at least as up to date as ours? */
  isUpToDate(lastIndex: number, lastTerm: number): boolean {
    const myTerm = this.lastTerm();
    return lastTerm > myTerm || (lastTerm === myTerm && lastIndex >= this.lastIndex());
  }

  commitTo(index: number): boolean {
    if (index <= this.committed) return false;
    if (index > this.lastIndex()) throw new Error(`commit ${index} beyond last index ${this.lastIndex()}`);
    this.committed = index;
    return true;
  }

  hasUnstable(): boolean {
    return this.inProgress < this.lastIndex();
  }

  /** Entries not yet handed out for persisting; marks them in progress. */
  takeUnstable(): Entry[] {
    const last = this.lastIndex();
    if (this.inProgress >= last) return [];
    const out = this.ents.slice(this.inProgress - this.base, last - this.base);
    this.inProgress = last;
    return out;
  }

  hasNextCommitted(): boolean {
    return this.committed > this.applying;
  }

  /** Committed entries not yet handed out for applying; marks them as being applied. */
  takeCommitted(): Entry[] {
    if (this.committed <= this.applying) return [];
    const lo = Math.max(this.applying + 1, this.base + 1);
    const out = this.slice(lo, this.committed + 1);
    this.applying = this.committed;
    return out;
  }

  /**
   * The caller persisted entries up to `e`. If the log was truncated since they were handed out,
   * only the prefix still in the log counts: the replaced tail is handed out again.
   */
  stableTo(persisted: readonly Entry[]): void {
    for (let i = persisted.length - 1; i >= 0; i--) {
      const e = persisted[i]!;
      if (this.matchTerm(e.index, e.term)) {
        if (e.index > this.stable) this.stable = e.index;
        if (this.inProgress < this.stable) this.inProgress = this.stable;
        return;
      }
    }
  }

  appliedTo(index: number): void {
    if (index > this.applied) this.applied = index;
    if (this.applying < this.applied) this.applying = this.applied;
  }

  /** Replaces the whole log with a snapshot (a follower installing one). */
  restore(s: Snapshot): void {
    this.ents = [];
    this.base = s.metadata.index;
    this.baseTerm = s.metadata.term;
    this.stable = this.base;
    this.inProgress = this.base;
    this.committed = this.base;
  }

  /** Drops entries up to and including `index` (their data lives in a snapshot now). */
  compactTo(index: number): void {
    if (index <= this.base) return;
    const t = this.term(index);
    if (t === null) throw new Error(`compact to ${index}: not in the log`);
    this.ents.splice(0, index - this.base);
    this.base = index;
    this.baseTerm = t;
    if (this.stable < index) this.stable = index;
    if (this.inProgress < index) this.inProgress = index;
  }

  /** True if a confChange entry lies in (lo, hi]. Only used when campaigning, so a scan is fine. */
  hasConfChangeIn(lo: number, hi: number): boolean {
    for (let i = Math.max(lo + 1, this.base + 1); i <= hi; i++) {
      if (this.ents[i - this.base - 1]?.type === "confChange") return true;
    }
    return false;
  }
}
