import type { NodeId } from "./types.js";

export interface PendingRead {
  /** The leader's commit index when the read arrived: the read is safe once applied reaches it. */
  readonly index: number;
  readonly context: string;
  /** Who asked: the leader itself, or the follower that forwarded the request. */
  readonly from: NodeId;
  readonly acks: Set<NodeId>;
}

/**
 * ReadIndex requests waiting for a heartbeat round to confirm the leader still leads. Requests are
 * answered in arrival order; a quorum of acks for one request also confirms every earlier one,
 * because the confirming heartbeats left after all of them were registered.
 */
export class ReadOnly {
  private queue: PendingRead[] = [];
  private head = 0;
  private readonly byContext = new Map<string, PendingRead>();

  /** False when a request with the same context is already pending (contexts must be unique). */
  add(index: number, context: string, from: NodeId): boolean {
    if (this.byContext.has(context)) return false;
    const read: PendingRead = { index, context, from, acks: new Set() };
    this.queue.push(read);
    this.byContext.set(context, read);
    return true;
  }

  /** Records `from`'s ack for `context`; returns the pending read, or null if unknown. */
  ack(context: string, from: NodeId): PendingRead | null {
    const read = this.byContext.get(context);
    if (read === undefined) return null;
    read.acks.add(from);
    return read;
  }

  /** Removes and returns every request up to and including the one with `context`. */
  releaseThrough(context: string): PendingRead[] {
    if (!this.byContext.has(context)) return [];
    const out: PendingRead[] = [];
    while (this.head < this.queue.length) {
      const read = this.queue[this.head++]!;
      this.byContext.delete(read.context);
      out.push(read);
      if (read.context === context) break;
    }
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    }
    return out;
  }

  /** The newest pending context: heartbeats carry it, so a lost heartbeat round is retried. */
  lastContext(): string {
    return this.head < this.queue.length ? this.queue[this.queue.length - 1]!.context : "";
  }

  get pending(): number {
    return this.queue.length - this.head;
  }

  reset(): void {
    this.queue = [];
    this.head = 0;
    this.byContext.clear();
  }
}
