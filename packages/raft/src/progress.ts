import { Inflights } from "./inflights.js";
import type { Progress } from "./types.js";

export type ProgressState = "probe" | "replicate" | "snapshot";

/**
 * The leader's view of one member's log. In probe state the leader sends one append per heartbeat
 * interval until it finds the point where the logs match; in replicate state it pipelines appends
 * optimistically; in snapshot state it waits for a snapshot to be installed.
 */
export class PeerProgress {
  match = 0;
  next: number;
  state: ProgressState = "probe";
  /** Index of the snapshot in flight (snapshot state only). */
  pendingSnapshot = 0;
  /** Heard from within the current check-quorum window. */
  recentActive: boolean;
  /** Probe state: an append is out and we wait for its answer (or the next heartbeat response). */
  probeSent = false;
  isLearner: boolean;
  readonly inflights: Inflights;
  /** Last commit index sent in an append, so commit advances reach idle followers once. */
  sentCommit = 0;
  /** Replicate state: heartbeat rounds without match progress while behind (lost appends). */
  stalledBeats = 0;
  matchAtLastBeat = 0;
  /** Snapshot state: ticks spent waiting for the snapshot to be installed or reported. */
  snapshotTicks = 0;

  constructor(
    next: number,
    isLearner: boolean,
    maxInflightMsgs: number,
    maxInflightBytes: number,
    active: boolean,
  ) {
    this.next = next;
    this.isLearner = isLearner;
    this.recentActive = active;
    this.inflights = new Inflights(maxInflightMsgs, maxInflightBytes);
  }

  becomeProbe(): void {
    // After a snapshot the follower has at least its index, so probing resumes right after it.
    this.next =
      this.state === "snapshot" ? Math.max(this.match + 1, this.pendingSnapshot + 1) : this.match + 1;
    this.resetState("probe");
  }

  becomeReplicate(): void {
    this.next = this.match + 1;
    this.resetState("replicate");
  }

  becomeSnapshot(snapshotIndex: number): void {
    this.resetState("snapshot");
    this.pendingSnapshot = snapshotIndex;
  }

  private resetState(state: ProgressState): void {
    this.state = state;
    this.pendingSnapshot = 0;
    this.probeSent = false;
    this.stalledBeats = 0;
    this.matchAtLastBeat = this.match;
    this.snapshotTicks = 0;
    this.inflights.reset();
  }

  /** An ack up to `n`; false when it tells us nothing new (a duplicate or reordered ack). */
  maybeUpdate(n: number): boolean {
    let updated = false;
    if (this.match < n) {
      this.match = n;
      this.probeSent = false;
      updated = true;
    }
    this.next = Math.max(this.next, n + 1);
    return updated;
  }

  /**
   * A rejection of the append whose previous index was `rejected`; `matchHint` is the highest index
   * that may still match. False when the rejection is stale.
   */
  maybeDecrTo(rejected: number, matchHint: number): boolean {
    if (this.state === "replicate") {
      if (rejected <= this.match) return false;
    } else if (this.next - 1 !== rejected) {
      // Probes go out one at a time, so a rejection of anything but the last probe is old news.
      return false;
    }
    this.next = Math.max(Math.min(rejected, matchHint + 1), this.match + 1);
    this.probeSent = false;
    return true;
  }

  /** Records an append that carried entries up to `lastIndex` (`count` entries, `bytes` of payload). */
  sentAppend(lastIndex: number, count: number, bytes: number): void {
    if (this.state === "replicate") {
      if (count > 0) {
        this.next = lastIndex + 1;
        this.inflights.add(lastIndex, bytes);
      }
    } else if (this.state === "probe") {
      this.probeSent = true;
    }
  }

  isPaused(): boolean {
    switch (this.state) {
      case "probe":
        return this.probeSent;
      case "replicate":
        return this.inflights.full();
      case "snapshot":
        return true;
    }
  }

  toStatus(): Progress {
    return {
      match: this.match,
      next: this.next,
      state: this.state,
      recentActive: this.recentActive,
      inflight: this.inflights.size,
      isLearner: this.isLearner,
    };
  }
}
