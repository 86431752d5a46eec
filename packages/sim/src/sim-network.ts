import type { Entry, Message, NodeId, Snapshot } from "@tskube/raft";
import type { EventQueue } from "./event-queue.js";
import type { Rng } from "./rng.js";

export interface NetworkParams {
  readonly minDelayMs: number;
  readonly maxDelayMs: number;
  /** Probability that any one message is lost. */
  readonly dropRate: number;
  /** Probability that a delivered message arrives a second time (later). */
  readonly dupRate: number;
  /** Extra delay for snapshot messages (they are streamed in chunks by the real transport). */
  readonly snapExtraDelayMs: number;
}

export interface NetworkStats {
  sent: number;
  delivered: number;
  dropped: number;
  duplicated: number;
}

/** Where a message ended: handed to a live node, or lost (link cut, random loss, node down). */
export type DeliveryOutcome = "delivered" | "lost";

/**
 * A hostile network: random per-message delay (so reordering), loss, duplication, and partitions as
 * directed cut links (a one-way partition is a single cut). Messages are deep-copied and frozen on send,
 * so no two nodes ever share a mutable object.
 */
export class SimNetwork {
  readonly stats: NetworkStats = { sent: 0, delivered: 0, dropped: 0, duplicated: 0 };
  /** Directed links "from>to" → how many active partitions cut it. */
  private readonly cuts = new Map<string, number>();
  private burstDropRate = 0;
  private burstUntil = 0;

  constructor(
    private readonly queue: EventQueue,
    private readonly rng: Rng,
    private readonly params: NetworkParams,
    /** Hands a message to its destination; false when nobody took it (node down or gone). */
    private readonly deliver: (msg: Message) => boolean,
  ) {}

  send(msg: Message, onOutcome?: (outcome: DeliveryOutcome) => void): void {
    this.stats.sent++;
    if (this.isCut(msg.from, msg.to) || this.rng.chance(this.dropRate())) {
      this.stats.dropped++;
      if (onOutcome !== undefined) this.queue.after(this.delay(msg), () => onOutcome("lost"));
      return;
    }
    const copy = copyMessage(msg);
    this.queue.after(this.delay(msg), () => {
      // A partition that started while the message was in flight cuts it too.
      const ok = !this.isCut(copy.from, copy.to) && this.deliver(copy);
      if (ok) this.stats.delivered++;
      else this.stats.dropped++;
      onOutcome?.(ok ? "delivered" : "lost");
    });
    if (this.rng.chance(this.params.dupRate)) {
      this.stats.duplicated++;
      const dup = copyMessage(msg);
      this.queue.after(this.delay(msg) * 2, () => {
        if (!this.isCut(dup.from, dup.to)) this.deliver(dup);
      });
    }
  }

  /** Cuts the directed link; returns the undo (partitions overlap, so cuts are counted). */
  cut(from: NodeId, to: NodeId): () => void {
    const key = `${from}>${to}`;
    this.cuts.set(key, (this.cuts.get(key) ?? 0) + 1);
    let undone = false;
    return () => {
      if (undone) return;
      undone = true;
      const n = (this.cuts.get(key) ?? 1) - 1;
      if (n <= 0) this.cuts.delete(key);
      else this.cuts.set(key, n);
    };
  }

  isCut(from: NodeId, to: NodeId): boolean {
    return this.cuts.size > 0 && this.cuts.has(`${from}>${to}`);
  }

  /** A burst of heavy loss on every link until virtual time `until`. */
  lossBurst(rate: number, until: number): void {
    this.burstDropRate = rate;
    this.burstUntil = until;
  }

  /** The final phase: every partition and loss burst ends (the base loss rate stays). */
  healAll(): void {
    this.cuts.clear();
    this.burstUntil = 0;
  }

  private dropRate(): number {
    return this.queue.now < this.burstUntil
      ? Math.max(this.burstDropRate, this.params.dropRate)
      : this.params.dropRate;
  }

  private delay(msg: Message): number {
    const base = this.rng.between(this.params.minDelayMs, this.params.maxDelayMs);
    return msg.type === "snap" ? base + this.params.snapExtraDelayMs : base;
  }
}

function copyEntry(e: Entry): Entry {
  return Object.freeze({ term: e.term, index: e.index, type: e.type, data: e.data.slice() });
}

function copySnapshot(s: Snapshot): Snapshot {
  const confState = Object.freeze({
    voters: Object.freeze([...s.metadata.confState.voters]),
    learners: Object.freeze([...s.metadata.confState.learners]),
  });
  const metadata = Object.freeze({ index: s.metadata.index, term: s.metadata.term, confState });
  return Object.freeze({ metadata, data: s.data.slice() });
}

export function copyMessage(m: Message): Message {
  return Object.freeze({
    type: m.type,
    from: m.from,
    to: m.to,
    term: m.term,
    logTerm: m.logTerm,
    index: m.index,
    entries: m.entries.length === 0 ? EMPTY : Object.freeze(m.entries.map(copyEntry)),
    commit: m.commit,
    reject: m.reject,
    rejectHint: m.rejectHint,
    snapshot: m.snapshot === null ? null : copySnapshot(m.snapshot),
    context: m.context,
  });
}

const EMPTY: readonly Entry[] = Object.freeze([]);
