import type { Entry, NodeId } from "@tskube/raft";
import { sameBytes } from "./hash.js";

/** What the leader-completeness check needs from a leader's in-memory log. */
export interface LogView {
  /** Term of the entry at `index`; null when not in the log (compacted, or beyond its end). */
  term(index: number): number | null;
  /** First index still in the log; lower ones are covered by the snapshot. */
  readonly firstIndex: number;
}

interface LogRecord {
  readonly term: number;
  readonly type: Entry["type"];
  readonly data: Uint8Array;
  /** Term of the entry at index - 1 in the log that holds this one (null: not known yet). */
  prevTerm: number | null;
  readonly seenAt: NodeId;
}

interface CommittedRecord {
  readonly term: number;
  readonly type: Entry["type"];
  readonly data: Uint8Array;
  /** The highest term any node had when this entry was first applied: it was committed in a term ≤ this. */
  readonly maxTermAtCommit: number;
  readonly firstBy: NodeId;
}

/**
 * Raft's safety properties, checked incrementally from what the nodes hand out (every Ready, every
 * message, every applied entry) over the whole run, including across crashes:
 * - election safety: at most one leader per term;
 * - log matching: an (index, term) pair names one entry, and fixes the term of the entry before it —
 *   by induction, equal (index, term) means equal logs up to there;
 * - leader completeness: an entry committed in an earlier term is in every later leader's log;
 * - state-machine safety: every node applies the same entry at an index, and reaches the same state
 *   (a digest of all applied entries, carried through snapshots too);
 * - MVCC replica agreement: the MVCC stores' hashes at a sampled applied index are equal on every node,
 *   and a store restored from a snapshot hashes like the one the snapshot was taken from.
 */
export class Invariants {
  private readonly leaders = new Map<number, NodeId>();
  private readonly log = new Map<number, LogRecord[]>();
  private readonly committed: (CommittedRecord | undefined)[] = [];
  private readonly chains = new Map<number, number>();
  private readonly mvccHashes = new Map<number, { readonly hash: string; readonly by: NodeId }>();
  /** MVCC hashes compared with another node's (or the snapshot source's) at the same index. */
  mvccComparisons = 0;
  /** Highest term handed out by any node so far. */
  maxTerm = 0;

  constructor(private readonly report: (violation: string) => void) {}

  get elections(): number {
    return this.leaders.size;
  }

  get committedCount(): number {
    let n = 0;
    for (const c of this.committed) if (c !== undefined) n++;
    return n;
  }

  observeTerm(term: number): void {
    if (term > this.maxTerm) this.maxTerm = term;
  }

  /** `id` acts as leader of `term` (its Ready says so, or it sends leader-only messages in that term). */
  observeLeader(term: number, id: NodeId, view: () => LogView): void {
    const known = this.leaders.get(term);
    if (known === id) return;
    if (known !== undefined) {
      this.report(`election safety: term ${term} has two leaders, ${known} and ${id}`);
      return;
    }
    this.leaders.set(term, id);
    this.checkCompleteness(term, id, view());
  }

  /** `entry` is now in `who`'s log, after an entry of term `prevTerm` (null when unknown). */
  observeEntry(who: NodeId, entry: Entry, prevTerm: number | null): void {
    if (prevTerm !== null && prevTerm > entry.term) {
      this.report(
        `log matching: ${who} has entry ${entry.index}@${entry.term} after an entry of higher term ${prevTerm}`,
      );
      return;
    }
    let records = this.log.get(entry.index);
    if (records === undefined) {
      records = [];
      this.log.set(entry.index, records);
    }
    for (const r of records) {
      if (r.term !== entry.term) continue;
      if (r.type !== entry.type || !sameBytes(r.data, entry.data)) {
        this.report(
          `log matching: entry ${entry.index}@${entry.term} differs between ${r.seenAt} and ${who}`,
        );
        return;
      }
      if (prevTerm !== null) {
        if (r.prevTerm === null) r.prevTerm = prevTerm;
        else if (r.prevTerm !== prevTerm) {
          this.report(
            `log matching: entry ${entry.index}@${entry.term} follows term ${r.prevTerm} on ${r.seenAt} but term ${prevTerm} on ${who}`,
          );
        }
      }
      return;
    }
    records.push({ term: entry.term, type: entry.type, data: entry.data, prevTerm, seenAt: who });
  }

  /** `who` applied `entry`, reaching state digest `chain`. */
  observeApplied(who: NodeId, entry: Entry, chain: number): void {
    const c = this.committed[entry.index];
    if (c === undefined) {
      this.committed[entry.index] = {
        term: entry.term,
        type: entry.type,
        data: entry.data,
        maxTermAtCommit: this.maxTerm,
        firstBy: who,
      };
    } else if (c.term !== entry.term || c.type !== entry.type || !sameBytes(c.data, entry.data)) {
      this.report(
        `state machine safety: ${who} applied ${entry.index}@${entry.term} but ${c.firstBy} applied ${entry.index}@${c.term} (different entry)`,
      );
      return;
    }
    this.observeChain(who, entry.index, chain);
  }

  /** `who` restored its state machine from a snapshot at `index`. */
  observeSnapshot(who: NodeId, index: number, term: number, chain: number): void {
    const c = this.committed[index];
    if (c !== undefined && c.term !== term) {
      this.report(
        `state machine safety: ${who} installed a snapshot at ${index}@${term}, but ${index}@${c.term} was applied`,
      );
      return;
    }
    this.observeChain(who, index, chain);
  }

  private observeChain(who: NodeId, index: number, chain: number): void {
    const known = this.chains.get(index);
    if (known === undefined) this.chains.set(index, chain);
    else if (known !== chain) {
      this.report(
        `state machine safety: ${who}'s state after index ${index} differs from another node's (digest mismatch)`,
      );
    }
  }

  /** `who`'s MVCC store hashes to `hash` with everything up to `index` applied (or restored). */
  observeMvcc(who: NodeId, index: number, hash: string): void {
    const known = this.mvccHashes.get(index);
    if (known === undefined) {
      this.mvccHashes.set(index, { hash, by: who });
      return;
    }
    this.mvccComparisons++;
    if (known.hash !== hash) {
      this.report(
        `mvcc replicas diverge at index ${index}: ${known.by} hash ${known.hash.slice(0, 12)} vs ${who} hash ${hash.slice(0, 12)}`,
      );
    }
  }

  private checkCompleteness(term: number, id: NodeId, view: LogView): void {
    for (let i = 0; i < this.committed.length; i++) {
      const c = this.committed[i];
      if (c === undefined || c.maxTermAtCommit >= term) continue;
      const t = view.term(i);
      if (t === null) {
        if (i >= view.firstIndex) {
          this.report(
            `leader completeness: leader ${id} of term ${term} lacks committed entry ${i}@${c.term}`,
          );
          return;
        }
      } else if (t !== c.term) {
        this.report(
          `leader completeness: leader ${id} of term ${term} has ${i}@${t} where ${i}@${c.term} was committed`,
        );
        return;
      }
    }
  }
}
