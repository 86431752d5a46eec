import { randomBytes } from "node:crypto";
import {
  type ConfChange,
  type ConfState,
  decodeConfChange,
  type Entry,
  type HardState,
  type Message,
  type NodeId,
  RaftError,
  type RaftStatus,
  type Ready,
  type Role,
  type Snapshot,
} from "@tskube/raft";
import { MasterError } from "./errors.js";
import type { Logger } from "./logger.js";
import type { MasterMetrics } from "./metrics.js";
import { PendingRequests } from "./pending-requests.js";
import { traceEnabled, traceMark } from "./perf/stage-trace.js";
import type { StorageWrite } from "./storage/index.js";

/** The part of `RaftNode` the driver uses (an interface so the loop can be tested with a scripted core). */
export interface RaftCore {
  tick(): void;
  step(message: Message): void;
  propose(data: Uint8Array): void;
  proposeConfChange(cc: ConfChange): void;
  readIndex(context: string): void;
  transferLeadership(to: NodeId): void;
  hasReady(): boolean;
  ready(): Ready;
  advance(rd: Ready): void;
  applyConfChange(cc: ConfChange): ConfState;
  compact(index: number, data: Uint8Array): { snapshot: Snapshot; firstIndex: number };
  reportUnreachable(id: NodeId): void;
  reportSnapshot(id: NodeId, ok: boolean): void;
  status(): RaftStatus;
}

export interface RaftLogStorage {
  append(write: StorageWrite, sync: boolean): Promise<void>;
  saveSnapshot(snapshot: Snapshot, firstIndex: number): Promise<void>;
}

export interface MessageSink {
  send(messages: readonly Message[]): void;
  setPeers(book: ReadonlyMap<NodeId, string>): void;
}

/** The replicated state machine the driver applies committed entries to. */
export interface ReplicatedStateMachine<R> {
  /** Peer addresses of the members (the transport's address book). */
  readonly members: ReadonlyMap<NodeId, string>;
  /** Applies a normal entry's payload; returns the proposer's request id and the result. Throws if undecodable. */
  apply(data: Uint8Array, index: number): { readonly requestId: string; readonly result: R };
  applyConfChange(cc: ConfChange): void;
  snapshot(): Uint8Array;
  restore(snapshot: Uint8Array): void;
}

export interface RaftDriverOptions<R> {
  readonly selfId: NodeId;
  readonly node: RaftCore;
  readonly storage: RaftLogStorage;
  readonly stateMachine: ReplicatedStateMachine<R>;
  readonly transport: MessageSink;
  readonly logger: Logger;
  readonly metrics: MasterMetrics;
  readonly heartbeatIntervalMs: number;
  readonly electionTimeoutMs: number;
  /** Applied entries between automatic snapshots. */
  readonly snapshotCount: number;
  /** Server-side limit for a proposal or read to complete. */
  readonly requestTimeoutMs: number;
  /** Index of the snapshot the state machine was restored from at startup. */
  readonly snapshotIndex: number;
  /** Called once when this member applies its own removal. */
  readonly onRemoved?: () => void;
  /** Called when the loop cannot go on (storage failed): the process must stop. */
  readonly onFatal?: (err: Error) => void;
  /** Called after this member's role or known leader changed (lease clocks follow leadership). */
  readonly onLeadershipChange?: (role: Role, leader: NodeId | null) => void;
}

export interface MemberStatus {
  readonly raft: RaftStatus;
  readonly applied: number;
  readonly snapshotIndex: number;
  readonly snapshotsInstalled: number;
  readonly removed: boolean;
}

interface ReadWaiter {
  readonly index: number;
  readonly key: string;
}

/**
 * The Raft ready loop: ticks the core, hands its Ready batches to the network, the disk and the state
 * machine in the order the contract demands, and turns applied entries and read states back into the
 * answers of pending client requests.
 */
export class RaftDriver<R = unknown> {
  private readonly o: RaftDriverOptions<R>;
  private readonly node: RaftCore;
  private readonly proposals: PendingRequests<R>;
  private readonly confChanges: PendingRequests<ConfState>;
  private readonly reads: PendingRequests<number>;
  private readonly transfers = new PendingRequests<NodeId>();
  private readonly requestPrefix = `${randomBytes(4).toString("hex")}`;
  private seq = 0;
  private readsToIssue: string[] = [];
  private readonly readBatches = new Map<string, string[]>();
  private appliedWaiters: ReadWaiter[] = [];
  private tickTimer: NodeJS.Timeout | null = null;
  private scheduled = false;
  /** The loop is between its first and last hasReady() check (inputs then need no new run). */
  private looping = false;
  /** The current or last run of the loop (close() waits for it). */
  private running: Promise<void> = Promise.resolve();
  /** A hard state that only moved the commit index, not yet written (see handleReady). */
  private heldHardState: HardState | null = null;
  /** The last write of a held commit index (not waited for by the loop), awaited on close. */
  private commitWrite: Promise<void> = Promise.resolve();
  private closed = false;
  private failed = false;
  private applied: number;
  private snapshotIndex: number;
  private snapshotsInstalled = 0;
  private removed = false;
  /** A membership change was applied since the last snapshot (see maybeCompact). */
  private membershipChanged = false;
  private leader: NodeId | null;
  private role: Role;
  private currentTerm: number;

  constructor(options: RaftDriverOptions<R>) {
    this.o = options;
    this.node = options.node;
    this.applied = options.snapshotIndex;
    this.snapshotIndex = options.snapshotIndex;
    const status = this.node.status();
    this.leader = status.leader;
    this.role = status.role;
    this.currentTerm = status.term;
    this.proposals = new PendingRequests(() => this.o.metrics.proposalsFailed.inc());
    this.confChanges = new PendingRequests(() => this.o.metrics.proposalsFailed.inc());
    this.reads = new PendingRequests();
  }

  start(): void {
    this.tickTimer = setInterval(() => {
      this.node.tick();
      if (!this.looping) this.writeHeldCommit();
      this.schedule();
    }, this.o.heartbeatIntervalMs);
    this.schedule();
  }

  /** Stops ticking, lets the batch in progress finish (so its writes reach the disk), fails pending requests. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.tickTimer !== null) clearInterval(this.tickTimer);
    this.tickTimer = null;
    await this.running;
    this.writeHeldCommit();
    await this.commitWrite;
    const stopped = new MasterError("Stopped", "member is shutting down");
    this.proposals.rejectAll(stopped);
    this.confChanges.rejectAll(stopped);
    this.reads.rejectAll(stopped);
    this.transfers.rejectAll(stopped);
  }

  // ── inputs ────────────────────────────────────────────────────────────────────────────────────────

  step(message: Message): void {
    if (this.closed) return;
    if (traceEnabled) traceMessage("step", message);
    this.node.step(message);
    this.schedule();
  }

  reportUnreachable(id: NodeId): void {
    if (this.closed) return;
    this.node.reportUnreachable(id);
    this.schedule();
  }

  reportSnapshot(id: NodeId, ok: boolean): void {
    if (this.closed) return;
    this.node.reportSnapshot(id, ok);
    this.schedule();
  }

  /**
   * Replicates an entry whose payload `encode` builds around the request id it is given; resolves with the
   * state machine's result once this member applied it. `what` names the request in a timeout message.
   */
  propose(encode: (requestId: string) => Uint8Array, what: string): Promise<R> {
    this.checkOpen();
    if (this.leader === null) throw this.noLeader();
    const id = this.nextId("p");
    this.o.metrics.proposals.inc();
    try {
      this.node.propose(encode(id));
      if (traceEnabled) traceMark("propose");
    } catch (err) {
      this.o.metrics.proposalsFailed.inc();
      throw this.unavailable(err);
    }
    this.schedule();
    return this.proposals.wait(id, this.o.requestTimeoutMs, () => this.timeoutMessage(`${what} proposal`));
  }

  /** Proposes a membership change; resolves with the new configuration once this member applied it. */
  proposeConfChange(cc: ConfChange): Promise<ConfState> {
    this.checkOpen();
    const key = confChangeKey(cc);
    if (this.confChanges.has(key)) {
      throw new MasterError("FailedPrecondition", `a ${cc.type} of ${cc.id} is already in progress`);
    }
    this.o.metrics.proposals.inc();
    try {
      this.node.proposeConfChange(cc);
    } catch (err) {
      this.o.metrics.proposalsFailed.inc();
      if (err instanceof RaftError && err.code === "ConfChangeRejected") {
        throw new MasterError("FailedPrecondition", `membership change refused: ${err.message}`);
      }
      throw this.unavailable(err);
    }
    this.o.logger.info({ change: cc.type, id: cc.id, address: cc.context }, "membership change proposed");
    this.schedule();
    return this.confChanges.wait(key, this.o.requestTimeoutMs, () =>
      this.timeoutMessage(`${cc.type} of ${cc.id}`),
    );
  }

  /**
   * A linearizable read point (ReadIndex): resolves with the applied index once it covers everything
   * committed before the call. Reads arriving in the same event-loop turn share one ReadIndex round.
   */
  linearizableRead(): Promise<number> {
    this.checkOpen();
    if (this.leader === null) throw this.noLeader();
    const key = this.nextId("r");
    this.readsToIssue.push(key);
    this.schedule();
    return this.reads.wait(key, this.o.requestTimeoutMs, () => this.timeoutMessage("linearizable read"));
  }

  /** Leader transfer; resolves when `to` is the leader. */
  transferLeadership(to: NodeId): Promise<NodeId> {
    this.checkOpen();
    if (this.leader === to) return Promise.resolve(to);
    try {
      this.node.transferLeadership(to);
    } catch (err) {
      if (err instanceof RaftError)
        throw new MasterError("FailedPrecondition", `leader transfer refused: ${err.message}`);
      throw err;
    }
    this.schedule();
    const key = `t:${to}`;
    if (this.transfers.has(key))
      return Promise.reject(new MasterError("FailedPrecondition", `transfer to ${to} in progress`));
    // The core abandons a transfer after an election timeout; give it two before reporting failure.
    const limit = 2 * this.o.electionTimeoutMs + 500;
    return this.transfers.wait(
      key,
      limit,
      () => `leader transfer to ${to} did not complete within ${limit} ms`,
    );
  }

  // ── queries ───────────────────────────────────────────────────────────────────────────────────────

  get leaderId(): NodeId | null {
    return this.leader;
  }

  get isLeader(): boolean {
    return this.role === "leader";
  }

  get term(): number {
    return this.currentTerm;
  }

  get appliedIndex(): number {
    return this.applied;
  }

  get wasRemoved(): boolean {
    return this.removed;
  }

  status(): MemberStatus {
    return {
      raft: this.node.status(),
      applied: this.applied,
      snapshotIndex: this.snapshotIndex,
      snapshotsInstalled: this.snapshotsInstalled,
      removed: this.removed,
    };
  }

  // ── the loop ──────────────────────────────────────────────────────────────────────────────────────

  /**
   * Starts the loop at the end of this event-loop turn: an idle member handles an input within the turn
   * it arrived in (no tick involved), and everything that arrived in that turn (proposals from many gRPC
   * handlers, messages from many peers) shares one Ready — one fsync. Starting it from a microtask instead
   * (measured) split such bursts into a 1-entry batch and the rest, costing ~20 % more CPU per write at
   * 64 writes in flight for no measurable latency gain. While a batch waits for its fsync, new work piles
   * up in the core and the loop takes it as the next Ready without being scheduled again.
   */
  private schedule(): void {
    if (this.scheduled || this.looping || this.closed) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.looping || this.closed) return;
      this.looping = true;
      this.running = this.run();
    });
  }

  private async run(): Promise<void> {
    try {
      for (;;) {
        this.issueReads();
        if (this.closed || !this.node.hasReady()) break;
        await this.handleReady(this.node.ready());
      }
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      this.fail(error);
    }
    // Cleared in the same turn as the last hasReady() check, so an input arriving after it schedules a
    // new run instead of being left for a loop that is about to end.
    this.looping = false;
  }

  /** Writes a held commit index without sync; the storage queue orders it before any later write. */
  private writeHeldCommit(): void {
    const hardState = this.heldHardState;
    if (hardState === null || this.failed) return;
    this.heldHardState = null;
    this.commitWrite = this.o.storage
      .append({ hardState, entries: [], snapshot: null }, false)
      .catch((err: unknown) => this.fail(err instanceof Error ? err : new Error(String(err))));
  }

  private fail(error: Error): void {
    if (this.failed) return;
    this.failed = true;
    this.o.logger.fatal({ error: error.message, stack: error.stack }, "raft loop failed; stopping");
    this.closed = true;
    if (this.tickTimer !== null) clearInterval(this.tickTimer);
    this.o.onFatal?.(error);
  }

  private async handleReady(rd: Ready): Promise<void> {
    if (traceEnabled) traceReady(rd);
    if (rd.hardState !== null) this.currentTerm = rd.hardState.term;
    if (rd.softState !== null) this.updateLeadership(rd.softState.leader, rd.softState.role);
    // 1. Messages that need no persisted state go out while we write.
    this.o.transport.send(rd.messages);
    if (traceEnabled) for (const m of rd.messages) traceMessage("send", m);
    // 2. Persist snapshot, entries, hard state: the write is started here and awaited below.
    let persisted: Promise<void> | null = null;
    const started = performance.now();
    if (rd.mustSync || rd.entries.length > 0 || rd.snapshot !== null) {
      // A commit index held back (below) rides along; rd.hardState, when present, is newer.
      const hardState = rd.hardState ?? this.heldHardState;
      this.heldHardState = null;
      if (traceEnabled) traceMark("append.start", rd.entries.at(-1)?.index ?? 0);
      persisted = this.o.storage.append(
        { hardState, entries: rd.entries, snapshot: rd.snapshot },
        rd.mustSync,
      );
    } else if (rd.hardState !== null) {
      // Without mustSync the batch holds no entries, snapshot, term or vote: only a new commit index,
      // which need not survive a crash (it is re-learned from the leader; the KV map is rebuilt from the
      // log). Writing it on its own cost a LevelDB round trip between a write's commit and its answer,
      // and delayed the next fsync queued behind it; it goes to disk with the next write instead, or on
      // the next tick when there is none.
      this.heldHardState = rd.hardState;
    }
    // 3. While that write runs, the state machine applies the committed entries, unless a snapshot from the
    // leader replaces it. Committed entries are durable on a majority already (a leader counts its own ack
    // only after advance, so its committed entries are on its own disk; a follower's may be in this very
    // batch, and a follower that crashes before the write re-learns them — the state machine is rebuilt
    // from the log). This answers their clients one fsync earlier: under load the next batch's fsync used
    // to sit between a write's commit and its answer. The write was started first, so the answers'
    // continuations (queued by apply) run after the storage task has issued it. Compaction still waits.
    const applyFirst = rd.snapshot === null;
    if (applyFirst) this.applyReady(rd);
    if (persisted !== null) {
      await persisted;
      if (traceEnabled) traceMark("append.end", rd.entries.at(-1)?.index ?? 0);
      if (rd.mustSync) this.o.metrics.fsyncDuration.observe((performance.now() - started) / 1000);
      if (rd.entries.length > 0) this.o.metrics.readyBatchEntries.observe(rd.entries.length);
    }
    // 4. Responses that promise persisted state.
    this.o.transport.send(rd.messagesAfterPersist);
    if (traceEnabled) for (const m of rd.messagesAfterPersist) traceMessage("sendAfterPersist", m);
    // A leader snapshot is installed only once it is on disk, and the entries after it follow it.
    if (!applyFirst) {
      if (rd.snapshot !== null) this.installSnapshot(rd.snapshot);
      this.applyReady(rd);
    }
    // 5. Done with this batch.
    this.node.advance(rd);
    await this.maybeCompact();
    this.updateGauges(rd);
    if (this.removed) this.reportRemoved();
  }

  /** Committed entries, then read states (a read waits for the applied index to reach its read index). */
  private applyReady(rd: Ready): void {
    if (rd.committedEntries.length > 0) {
      const started = performance.now();
      for (const entry of rd.committedEntries) this.applyEntry(entry);
      if (traceEnabled) traceMark("apply.end", rd.committedEntries.at(-1)?.index ?? 0);
      this.o.metrics.applyDuration.observe((performance.now() - started) / 1000);
    }
    for (const rs of rd.readStates) this.readStateReady(rs.context, rs.index);
    this.wakeReaders();
  }

  private installSnapshot(snapshot: Snapshot): void {
    const { index, term } = snapshot.metadata;
    if (index <= this.applied) return;
    this.o.stateMachine.restore(snapshot.data);
    this.applied = index;
    this.snapshotIndex = index;
    this.snapshotsInstalled++;
    this.o.metrics.snapshotsInstalled.inc();
    this.o.transport.setPeers(this.o.stateMachine.members);
    this.o.logger.info(
      { index, term, members: [...this.o.stateMachine.members.keys()] },
      "installed snapshot from leader",
    );
  }

  private applyEntry(entry: Entry): void {
    if (entry.index <= this.applied) return;
    if (entry.type === "confChange") this.applyConfChange(entry);
    else if (entry.data.byteLength > 0) {
      try {
        const { requestId, result } = this.o.stateMachine.apply(entry.data, entry.index);
        this.proposals.resolve(requestId, result);
      } catch (err) {
        // Every member skips the same undecodable entry, so the replicas stay identical.
        this.o.logger.error(
          { index: entry.index, error: (err as Error).message },
          "skipping undecodable entry",
        );
      }
    }
    this.applied = entry.index;
  }

  private applyConfChange(entry: Entry): void {
    let cc: ConfChange;
    try {
      cc = decodeConfChange(entry.data);
    } catch (err) {
      this.o.logger.error(
        { index: entry.index, error: (err as Error).message },
        "skipping undecodable conf change",
      );
      return;
    }
    const key = confChangeKey(cc);
    let confState: ConfState;
    try {
      confState = this.node.applyConfChange(cc);
    } catch (err) {
      this.o.logger.warn(
        { index: entry.index, change: cc.type, id: cc.id, error: (err as Error).message },
        "conf change not applied",
      );
      this.confChanges.reject(
        key,
        new MasterError("FailedPrecondition", `membership change refused: ${(err as Error).message}`),
      );
      return;
    }
    this.o.stateMachine.applyConfChange(cc);
    this.o.transport.setPeers(this.o.stateMachine.members);
    this.o.logger.info(
      {
        index: entry.index,
        change: cc.type,
        id: cc.id,
        address: cc.context,
        voters: confState.voters,
        learners: confState.learners,
      },
      "membership changed",
    );
    if (cc.type === "remove" && cc.id === this.o.selfId) this.removed = true;
    this.membershipChanged = true;
    this.confChanges.resolve(key, confState);
  }

  private issueReads(): void {
    if (this.readsToIssue.length === 0 || this.closed) return;
    const batch = this.readsToIssue;
    this.readsToIssue = [];
    const context = this.nextId("ri");
    try {
      this.node.readIndex(context);
    } catch (err) {
      const error = this.unavailable(err);
      for (const key of batch) this.reads.reject(key, error);
      return;
    }
    this.readBatches.set(context, batch);
    // A batch whose ReadIndex is never answered (leader lost) times out per read; forget it with them.
    setTimeout(() => this.readBatches.delete(context), this.o.requestTimeoutMs + 1000).unref();
  }

  private readStateReady(context: string, index: number): void {
    const batch = this.readBatches.get(context);
    if (batch === undefined) return;
    this.readBatches.delete(context);
    for (const key of batch) this.appliedWaiters.push({ index, key });
  }

  private wakeReaders(): void {
    if (this.appliedWaiters.length === 0) return;
    const still: ReadWaiter[] = [];
    for (const w of this.appliedWaiters) {
      if (w.index <= this.applied) this.reads.resolve(w.key, this.applied);
      else if (this.reads.has(w.key)) still.push(w);
    }
    this.appliedWaiters = still;
  }

  /**
   * Every --snapshot-count applied entries, and after every membership change. The latter keeps each
   * member's latest snapshot — the one it sends a member that needs one — holding the complete address
   * book: a member installing an older snapshot would not know (and would reject) a leader that joined
   * after it, and could never apply the entries that tell it about that leader.
   */
  private async maybeCompact(): Promise<void> {
    const due = this.applied - this.snapshotIndex >= this.o.snapshotCount;
    if (!due && !(this.membershipChanged && this.applied > this.snapshotIndex)) return;
    this.membershipChanged = false;
    const index = this.applied;
    const data = this.o.stateMachine.snapshot();
    const { snapshot, firstIndex } = this.node.compact(index, data);
    // A held commit index must reach the disk first: a stored snapshot above the stored commit index
    // reads back as corrupt. The storage queue keeps this order, and the snapshot write syncs both.
    this.writeHeldCommit();
    await this.o.storage.saveSnapshot(snapshot, firstIndex);
    this.snapshotIndex = index;
    this.o.metrics.snapshotsTaken.inc();
    this.o.logger.info({ index, bytes: data.byteLength, firstIndex }, "snapshot taken, log compacted");
  }

  private updateLeadership(leader: NodeId | null, role: Role): void {
    const previous = this.leader;
    const previousRole = this.role;
    this.leader = leader;
    this.role = role;
    if (previous !== leader || previousRole !== role) this.o.onLeadershipChange?.(role, leader);
    if (previous === leader) return;
    if (leader !== null) this.o.metrics.leaderChanges.inc();
    this.o.logger.info({ leader, previous, role }, leader === null ? "leader lost" : "leader changed");
    if (previous !== null) this.failInFlight();
    if (leader !== null) this.transfers.resolve(`t:${leader}`, leader);
  }

  /**
   * A leader change ends every write and read waiting here: a proposal forwarded to the old leader may be
   * lost (or may still commit), and waiting out the request timeout (7 s, as etcd does) would leave clients
   * hanging. Writes fail as outcome-unknown; reads are safe to retry. Learned from etcd's 7 s hangs
   * (research/raft.md A.2).
   */
  private failInFlight(): void {
    if (this.proposals.size > 0) this.proposals.rejectAll(new MasterError("LeaderChanged", "leader changed"));
    if (this.reads.size > 0) this.reads.rejectAll(new MasterError("LeaderChanged", "leader changed"));
    this.appliedWaiters = [];
    this.readBatches.clear();
  }

  private updateGauges(rd: Ready): void {
    const m = this.o.metrics;
    if (rd.hardState !== null) {
      m.term.set(rd.hardState.term);
      m.commit.set(rd.hardState.commit);
    }
    m.applied.set(this.applied);
    m.isLeader.set(this.role === "leader" ? 1 : 0);
    m.hasLeader.set(this.leader === null ? 0 : 1);
  }

  private removedReported = false;

  private reportRemoved(): void {
    if (this.removedReported) return;
    this.removedReported = true;
    this.o.logger.warn("this member was removed from the cluster");
    this.o.onRemoved?.();
  }

  // ── helpers ───────────────────────────────────────────────────────────────────────────────────────

  private nextId(kind: string): string {
    return `${this.o.selfId}.${this.requestPrefix}.${kind}${++this.seq}`;
  }

  private checkOpen(): void {
    if (this.closed) throw new MasterError("Stopped", "member is shutting down");
    if (this.removed) throw new MasterError("Stopped", "member was removed from the cluster");
  }

  private noLeader(): MasterError {
    return new MasterError(
      "Unavailable",
      `no leader: member ${this.o.selfId} does not know a leader right now`,
    );
  }

  private unavailable(err: unknown): Error {
    if (err instanceof RaftError && err.code === "ProposalDropped") {
      return new MasterError("Unavailable", `proposal dropped: ${err.message}`);
    }
    return err instanceof Error ? err : new Error(String(err));
  }

  private timeoutMessage(what: string): string {
    return `${what} not completed within ${this.o.requestTimeoutMs} ms (leader: ${this.leader ?? "none"})`;
  }
}

/** Marks the messages that carry the write path (appends and their answers) by the entry index they name. */
function traceMessage(what: string, m: Message): void {
  if (m.type === "app" && m.entries.length > 0) traceMark(`${what}.app`, m.index + m.entries.length);
  else if (m.type === "appResp") traceMark(`${what}.appResp`, m.index);
  else traceMark(`${what}.${m.type}`, m.index);
}

function traceReady(rd: Ready): void {
  traceMark("ready", rd.entries.at(-1)?.index ?? 0);
  const committed = rd.committedEntries.at(-1);
  if (committed !== undefined) traceMark("ready.committed", committed.index);
}

function confChangeKey(cc: ConfChange): string {
  return `${cc.type}:${cc.id}`;
}
