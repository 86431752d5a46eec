import type { KeyInterval } from "./keys.js";

/** One version of a key: a put, or the tombstone left by a delete. */
export interface KeyRecord {
  main: number;
  sub: number;
  tombstone: boolean;
  value: Uint8Array;
  createRevision: number;
  version: number;
  lease: number;
}

/** A key's kept history, oldest first; at most one record per main revision. */
export interface KeyHistory {
  key: Uint8Array;
  records: KeyRecord[];
}

/** Index of the last record with main <= revision, or -1. */
export function recordAt(h: KeyHistory, revision: number): number {
  let lo = 0;
  let hi = h.records.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (h.records[mid]!.main <= revision) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** The live record of a key at a revision (undefined if absent or deleted then). */
export function liveAt(h: KeyHistory, revision: number): KeyRecord | undefined {
  const r = h.records[recordAt(h, revision)];
  return r === undefined || r.tombstone ? undefined : r;
}

export function latestLive(h: KeyHistory): KeyRecord | undefined {
  const r = h.records[h.records.length - 1];
  return r === undefined || r.tombstone ? undefined : r;
}

/**
 * Every key that has kept history, in bytewise order: a Map for point lookups plus a sorted array, so a
 * lookup is O(1), an insert is a binary search plus one splice, and a range visits only the keys inside it.
 */
export class KeyIndex {
  private readonly byKey = new Map<string, KeyHistory>();
  private readonly sorted: string[] = [];

  get size(): number {
    return this.sorted.length;
  }

  get(k: string): KeyHistory | undefined {
    return this.byKey.get(k);
  }

  getOrCreate(k: string, key: Uint8Array): KeyHistory {
    let h = this.byKey.get(k);
    if (h === undefined) {
      h = { key, records: [] };
      this.byKey.set(k, h);
      this.sorted.splice(this.lowerBound(k), 0, k);
    }
    return h;
  }

  remove(k: string): void {
    if (!this.byKey.delete(k)) return;
    this.sorted.splice(this.lowerBound(k), 1);
  }

  /** Keys in the interval, in order, as a fresh array: callers may change the index while walking it. */
  keysIn(iv: KeyInterval): string[] {
    if (iv.end === undefined) return this.byKey.has(iv.start) ? [iv.start] : [];
    const out: string[] = [];
    for (let i = this.lowerBound(iv.start); i < this.sorted.length; i++) {
      const k = this.sorted[i]!;
      if (iv.end !== null && k >= iv.end) break;
      out.push(k);
    }
    return out;
  }

  /** All keys in order (snapshot, hash and compaction walk the whole index anyway). */
  allKeys(): readonly string[] {
    return this.sorted;
  }

  private lowerBound(k: string): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sorted[mid]! < k) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
