import type { KvOutput } from "@tskube/linearizability";
import type { InitialState } from "@tskube/raft";
import {
  decodeConfChange,
  defaultRaftConfig,
  type Entry,
  type Message,
  type NodeId,
  RaftError,
  RaftNode,
  type ReadState,
  type Ready,
  type Role,
} from "@tskube/raft";
import { type AppSnapshot, decodeAppSnapshot, encodeAppSnapshot } from "./app-snapshot.js";
import type { KvCommand } from "./kv-command.js";
import { decodeMvccCompact, encodeCommand, encodeMvccCompact } from "./kv-command.js";
import { type AppliedCommand, KvStateMachine } from "./kv-state-machine.js";
import { MvccReplica, toStoreCommand } from "./mvcc-replica.js";
import type { Rng } from "./rng.js";
import type { SimContext } from "./sim-context.js";
import { SimDisk } from "./sim-disk.js";

/** Outcome of handing a client request to a node: "dropped" means it certainly did not happen. */
export type Submit = "accepted" | "dropped";

interface PendingRead {
  readonly key: string;
  readonly done: (value: string | null) => void;
}

/**
 * MVCC hashes are compared at every applied index that is a multiple of this; snapshot indexes are
 * recorded by the node taking the snapshot and checked by every node restoring it.
 */
const MVCC_SAMPLE_EVERY = 10;
/** The leader proposes an MVCC compaction whenever it applies an index that is a multiple of this. */
const MVCC_COMPACT_EVERY = 20;
/** Revisions of history an MVCC compaction keeps below the current revision. */
const MVCC_KEEP_REVISIONS = 3;

/** Message types only a leader sends: seeing one proves its sender led that term. */
const LEADER_ONLY = new Set<Message["type"]>(["app", "heartbeat", "snap", "timeoutNow"]);

/**
 * One simulated server: a RaftNode, its disk, the replicated KV state machine, and the driver loop that
 * connects them (one Ready in flight at a time, persisted after a random fsync delay). A crash drops the
 * RaftNode, the state machine and everything not yet synced; a restart rebuilds them from the disk.
 */
export class SimHost {
  raft: RaftNode | null = null;
  sm: KvStateMachine | null = null;
  /** The same log applied to the MVCC store, as a master would; always set together with `sm`. */
  mvcc: MvccReplica | null = null;
  /** The skipMvccApply fault already struck this host (once per run). */
  private mvccSkipped = false;
  readonly disk: SimDisk;
  /** Bumped on every crash and start: callbacks of an older life are ignored. */
  incarnation = 0;
  /** Removed from the cluster and shut down for good. */
  retired = false;
  /** As last handed out in a Ready. */
  term = 0;
  role: Role = "follower";
  leader: NodeId | null = null;
  private commit = 0;
  private inflight: Ready | null = null;
  /** Inside finish(): callbacks may submit new requests, but no new Ready until advance() ran. */
  private finishing = false;
  private pendingWrites = new Map<string, (output: KvOutput) => void>();
  private pendingReads = new Map<string, PendingRead>();
  private waitingReads: ReadState[] = [];
  private lastSnapshotIndex = 0;
  /** A stop-the-world pause (GC, VM stall) until this virtual time: nothing runs, messages wait. */
  private pausedUntil = 0;
  /** This host's clock runs a little fast or slow: its tick interval differs from the nominal one. */
  private readonly tickMs: number;
  /** Until this virtual time every fsync is very slow (a stalled disk). */
  private diskStallUntil = 0;

  constructor(
    readonly id: NodeId,
    private readonly ctx: SimContext,
    private readonly rng: Rng,
    initial: InitialState,
  ) {
    this.disk = new SimDisk(initial, ctx.faults);
    this.tickMs = ctx.params.tickMs * rng.between(1 - ctx.params.clockDrift, 1 + ctx.params.clockDrift);
  }

  get alive(): boolean {
    return this.raft !== null;
  }

  get paused(): boolean {
    return this.ctx.queue.now < this.pausedUntil;
  }

  /** Freeze the process until `until` (it keeps its memory; it just does not run). */
  pause(until: number): void {
    if (this.raft !== null) this.pausedUntil = Math.max(this.pausedUntil, until);
  }

  /** Every fsync until `until` takes a long time. */
  stallDisk(until: number): void {
    this.diskStallUntil = Math.max(this.diskStallUntil, until);
  }

  start(): void {
    if (this.raft !== null || this.retired) return;
    const ctx = this.ctx;
    const p = ctx.params;
    const init = this.disk.initialState();
    this.incarnation++;
    const config = {
      ...defaultRaftConfig(this.id, this.rng.source()),
      electionTick: p.electionTick,
      heartbeatTick: p.heartbeatTick,
      snapshotCatchUpEntries: p.snapshotCatchUpEntries,
      maxSizePerMsg: p.maxSizePerMsg,
      maxInflightMsgs: p.maxInflightMsgs,
    };
    this.raft = new RaftNode(config, init);
    const snap = init.snapshot.metadata;
    this.restoreApp(snap.index, decodeAppSnapshot(init.snapshot.data));
    this.lastSnapshotIndex = snap.index;
    if (snap.index > 0)
      ctx.invariants.observeSnapshot(this.id, snap.index, snap.term, (this.sm as KvStateMachine).chain);
    this.term = init.hardState.term;
    this.commit = init.hardState.commit;
    this.role = "follower";
    this.leader = null;
    ctx.trace(
      () =>
        `${this.id} start term=${this.term} commit=${this.commit} snap=${snap.index} last=${this.disk.lastIndex()}`,
    );
    const inc = this.incarnation;
    const tick = (): void => {
      if (this.incarnation !== inc || this.raft === null) return;
      // A paused process's timer fires once, late, when it resumes (not once per missed interval).
      if (this.paused) {
        ctx.queue.after(this.pausedUntil - ctx.queue.now, tick);
        return;
      }
      this.raft.tick();
      this.pump();
      ctx.queue.after(this.tickMs, tick);
    };
    ctx.queue.after(this.rng.between(0, this.tickMs), tick);
    this.pump();
  }

  /** Power loss: memory and unsynced writes are gone; pending client requests are never answered. */
  crash(): void {
    if (this.raft === null) return;
    this.ctx.trace(() => `${this.id} CRASH${this.inflight !== null ? " (losing an unsynced Ready)" : ""}`);
    this.raft = null;
    this.sm = null;
    this.mvcc = null;
    this.inflight = null;
    this.incarnation++;
    this.finishing = false;
    this.pausedUntil = 0;
    this.disk.crash();
    this.pendingWrites.clear();
    this.pendingReads.clear();
    this.waitingReads = [];
    this.role = "follower";
    this.leader = null;
  }

  retire(): void {
    this.crash();
    this.retired = true;
  }

  /** A message arrived; false when this host is down. */
  receive(msg: Message): boolean {
    const raft = this.raft;
    if (raft === null) return false;
    if (this.paused) {
      // The socket buffers it; same-time deliveries keep their order (the queue breaks ties FIFO).
      const inc = this.incarnation;
      this.ctx.queue.after(this.pausedUntil - this.ctx.queue.now, () => {
        if (this.incarnation === inc) this.receive(msg);
      });
      return true;
    }
    if (this.ctx.tracing) this.ctx.trace(() => `${msg.from}->${msg.to} ${describeMessage(msg)}`);
    try {
      raft.step(msg);
    } catch (e) {
      if (e instanceof RaftError && e.code === "InvalidMessage") {
        this.ctx.violation(
          `${this.id} rejected a message from correct peer ${msg.from} as invalid (${describeMessage(msg)}): ${e.message}`,
        );
        return true;
      }
      throw e;
    }
    this.pump();
    return true;
  }

  propose(cmd: KvCommand, done: (output: KvOutput) => void): Submit {
    const raft = this.raft;
    if (raft === null) return "dropped";
    const before = raft.status().lastIndex;
    try {
      raft.propose(encodeCommand(cmd));
    } catch (e) {
      if (!(e instanceof RaftError && e.code === "ProposalDropped")) throw e;
      const after = raft.status().lastIndex;
      if (after !== before) {
        this.ctx.violation(
          `${this.id}: propose threw ProposalDropped but the log grew from ${before} to ${after}`,
        );
      }
      return "dropped";
    }
    this.pendingWrites.set(cmd.id, done);
    this.pump();
    return "accepted";
  }

  /** A linearizable read: ReadIndex, then answer once the state machine caught up with the read index. */
  read(key: string, context: string, done: (value: string | null) => void): Submit {
    const raft = this.raft;
    if (raft === null || this.sm === null) return "dropped";
    if (this.ctx.faults.localReads) {
      done(this.sm.get(key));
      return "accepted";
    }
    try {
      raft.readIndex(context);
    } catch (e) {
      if (e instanceof RaftError && e.code === "ProposalDropped") return "dropped";
      throw e;
    }
    this.pendingReads.set(context, { key, done });
    this.pump();
    return "accepted";
  }

  /** The client gave up on this request: never answer it. */
  forget(requestId: string): void {
    this.pendingWrites.delete(requestId);
    this.pendingReads.delete(requestId);
  }

  /** Hands out Readies while there is work and no Ready is waiting for its fsync. */
  pump(): void {
    for (;;) {
      const raft = this.raft;
      if (raft === null || this.inflight !== null || this.finishing || !raft.hasReady()) return;
      const rd = raft.ready();
      this.observe(raft, rd);
      for (const m of rd.messages) this.send(m);
      if (rd.mustSync || rd.snapshot !== null || rd.entries.length > 0) {
        this.inflight = rd;
        const inc = this.incarnation;
        const synced = (): void => {
          if (this.incarnation !== inc || this.inflight !== rd) return;
          if (this.paused) {
            this.ctx.queue.after(this.pausedUntil - this.ctx.queue.now, synced);
            return;
          }
          this.finish(rd);
          this.pump();
        };
        this.ctx.queue.after(this.fsyncDelay(), synced);
        return;
      }
      // Nothing to sync (at most the commit index moved): a page-cache write, then apply at once.
      this.finish(rd);
    }
  }

  /** The Ready is durable: send what depended on it, apply, advance (steps 2–5 of the contract). */
  private finish(rd: Ready): void {
    const raft = this.raft as RaftNode;
    this.inflight = null;
    this.finishing = true;
    try {
      this.persistAndApply(raft, rd);
    } finally {
      this.finishing = false;
    }
    if (this.raft === raft) this.ctx.persisted(this, rd);
  }

  private persistAndApply(raft: RaftNode, rd: Ready): void {
    const ctx = this.ctx;
    this.disk.write(rd, ctx.queue.now);
    for (const m of rd.messagesAfterPersist) this.send(m);
    if (rd.snapshot !== null) this.installSnapshot(rd);
    for (const e of rd.committedEntries) {
      if (this.raft !== raft || !this.applyEntry(raft, e)) return;
    }
    for (const rs of rd.readStates) this.waitingReads.push(rs);
    this.serveReads();
    raft.advance(rd);
    this.maybeCompact(raft);
  }

  private installSnapshot(rd: Ready): void {
    const snap = rd.snapshot;
    const sm = this.sm;
    if (snap === null || sm === null) return;
    const meta = snap.metadata;
    if (meta.index <= sm.applied) {
      this.ctx.violation(
        `${this.id}: Ready carries a snapshot at ${meta.index} but ${sm.applied} is already applied`,
      );
      return;
    }
    this.restoreApp(meta.index, decodeAppSnapshot(snap.data));
    this.lastSnapshotIndex = meta.index;
    this.ctx.stats.snapshotsInstalled++;
    this.ctx.invariants.observeSnapshot(this.id, meta.index, meta.term, (this.sm as KvStateMachine).chain);
    this.ctx.trace(
      () =>
        `${this.id} installed snapshot ${meta.index}@${meta.term} voters=${meta.confState.voters.join(",")}`,
    );
  }

  private applyEntry(raft: RaftNode, e: Entry): boolean {
    const sm = this.sm as KvStateMachine;
    const ctx = this.ctx;
    if (e.index !== sm.applied + 1) {
      ctx.violation(
        `${this.id}: committed entry ${e.index} handed out after applied index ${sm.applied} (gap or re-apply)`,
      );
      return false;
    }
    if (e.index > this.commit) {
      ctx.violation(
        `${this.id}: entry ${e.index} handed out as committed beyond the commit index ${this.commit}`,
      );
      return false;
    }
    const result = sm.apply(e);
    ctx.invariants.observeApplied(this.id, e, sm.chain);
    this.applyMvcc(e, result);
    if (e.type === "confChange") {
      const cc = decodeConfChange(e.data);
      const conf = raft.applyConfChange(cc);
      ctx.trace(
        () =>
          `${this.id} applied conf change ${cc.type} ${cc.id} at ${e.index} → voters=${conf.voters.join(",")} learners=${conf.learners.join(",")}`,
      );
      ctx.confChangeApplied(this.id, cc, e.index);
    }
    if (result !== null) {
      ctx.commandApplied(this.id, result.id, e.index);
      const done = this.pendingWrites.get(result.id);
      if (done !== undefined) {
        this.pendingWrites.delete(result.id);
        done(result.output);
      }
    }
    return true;
  }

  /** Rebuilds both state machines from a snapshot's app part (null: a joiner's empty state). */
  private restoreApp(index: number, app: AppSnapshot | null): void {
    this.sm = KvStateMachine.fromSnapshot(index, app?.kv ?? null);
    this.mvcc = app === null ? MvccReplica.empty() : MvccReplica.restore(app.mvcc);
    // The restored store must hash like the one the snapshot was taken from (recorded at that index).
    if (index > 0) this.ctx.invariants.observeMvcc(this.id, index, this.mvcc.hash());
  }

  /** Feeds an applied entry to the MVCC store too: an executed KV write, or an MVCC compaction. */
  private applyMvcc(e: Entry, executed: AppliedCommand | null): void {
    const mvcc = this.mvcc as MvccReplica;
    const ctx = this.ctx;
    if (executed !== null) {
      if (ctx.faults.skipMvccApply && this.id === "n1" && !this.mvccSkipped && e.index >= 20) {
        this.mvccSkipped = true;
      } else {
        const r = mvcc.apply(toStoreCommand(executed.op), e.index);
        if (!r.ok) {
          ctx.violation(`${this.id}: mvcc refused ${executed.op.kind} at ${e.index}: ${r.error.message}`);
        } else if (executed.output.kind === "cas" && r.response.type === "txn") {
          if (r.response.response.succeeded !== executed.output.ok)
            ctx.violation(
              `${this.id}: at ${e.index} the kv cas says ok=${executed.output.ok} but the mvcc txn disagrees`,
            );
        }
      }
    } else if (e.type === "normal") {
      const revision = decodeMvccCompact(e.data);
      if (revision !== null) {
        // Refusals (already compacted that far) are deterministic and change nothing: fine.
        if (mvcc.apply({ type: "compact", revision }, e.index).ok) ctx.stats.mvccCompactions++;
      }
    }
    if (e.index % MVCC_SAMPLE_EVERY === 0) ctx.invariants.observeMvcc(this.id, e.index, mvcc.hash());
    if (this.role === "leader" && e.index % MVCC_COMPACT_EVERY === 0) this.proposeMvccCompact(mvcc);
  }

  /** Replicates a compaction through the log (after this Ready), keeping a little history. */
  private proposeMvccCompact(mvcc: MvccReplica): void {
    const revision = mvcc.revision - MVCC_KEEP_REVISIONS;
    if (revision <= mvcc.compactRevision) return;
    const inc = this.incarnation;
    this.ctx.queue.after(0, () => {
      const raft = this.raft;
      if (this.incarnation !== inc || raft === null) return;
      try {
        raft.propose(encodeMvccCompact(revision));
      } catch (e) {
        if (!(e instanceof RaftError && e.code === "ProposalDropped")) throw e;
        return;
      }
      this.pump();
    });
  }

  private serveReads(): void {
    const sm = this.sm;
    if (sm === null || this.waitingReads.length === 0) return;
    const still: ReadState[] = [];
    for (const rs of this.waitingReads) {
      if (rs.index > sm.applied) {
        still.push(rs);
        continue;
      }
      const pending = this.pendingReads.get(rs.context);
      if (pending === undefined) continue;
      this.pendingReads.delete(rs.context);
      pending.done(sm.get(pending.key));
    }
    this.waitingReads = still;
  }

  private maybeCompact(raft: RaftNode): void {
    const sm = this.sm;
    if (
      sm === null ||
      this.raft !== raft ||
      sm.applied - this.lastSnapshotIndex < this.ctx.params.compactEvery
    )
      return;
    const mvcc = this.mvcc as MvccReplica;
    this.ctx.invariants.observeMvcc(this.id, sm.applied, mvcc.hash());
    const app = encodeAppSnapshot({ kv: sm.serialize(), mvcc: mvcc.encode() });
    const { snapshot, firstIndex } = raft.compact(sm.applied, app);
    this.disk.saveSnapshot(snapshot, firstIndex, this.ctx.queue.now);
    this.lastSnapshotIndex = sm.applied;
    this.ctx.stats.compactions++;
    this.ctx.trace(() => `${this.id} compacted at ${sm.applied} (log from ${firstIndex})`);
  }

  /** Everything visible in a Ready that the safety checks care about. */
  private observe(raft: RaftNode, rd: Ready): void {
    const ctx = this.ctx;
    const inv = ctx.invariants;
    if (rd.softState !== null) {
      this.role = rd.softState.role;
      this.leader = rd.softState.leader;
    }
    if (rd.hardState !== null) {
      const hs = rd.hardState;
      if (hs.term < this.term) ctx.violation(`${this.id}: term went back from ${this.term} to ${hs.term}`);
      if (hs.commit < this.commit)
        ctx.violation(`${this.id}: commit index went back from ${this.commit} to ${hs.commit}`);
      this.term = hs.term;
      this.commit = hs.commit;
      inv.observeTerm(hs.term);
    }
    const entries = rd.entries;
    for (let k = 0; k < entries.length; k++) {
      const e = entries[k] as Entry;
      const prev = k === 0 ? raft.term(e.index - 1) : (entries[k - 1] as Entry).term;
      inv.observeEntry(this.id, e, prev);
    }
    const view = () => ({ term: (i: number) => raft.term(i), firstIndex: raft.status().firstIndex });
    if (this.role === "leader") inv.observeLeader(this.term, this.id, view);
    for (const m of rd.messages) this.observeMessage(m, view);
    for (const m of rd.messagesAfterPersist) this.observeMessage(m, view);
    if (
      ctx.tracing &&
      (rd.entries.length > 0 ||
        rd.committedEntries.length > 0 ||
        rd.hardState !== null ||
        rd.snapshot !== null)
    ) {
      ctx.trace(
        () =>
          `${this.id} ready role=${this.role} term=${this.term} commit=${this.commit} entries=${span(rd.entries)} committed=${span(rd.committedEntries)}` +
          `${rd.snapshot !== null ? ` snapshot=${rd.snapshot.metadata.index}` : ""} msgs=${rd.messages.length}+${rd.messagesAfterPersist.length}`,
      );
    }
  }

  private observeMessage(
    m: Message,
    view: () => { term: (i: number) => number | null; firstIndex: number },
  ): void {
    if (!LEADER_ONLY.has(m.type)) return;
    const inv = this.ctx.invariants;
    inv.observeLeader(m.term, m.from, view);
    if (m.type === "app") {
      let prev = m.logTerm;
      for (const e of m.entries) {
        inv.observeEntry(`${m.from} (app to ${m.to})`, e, prev);
        prev = e.term;
      }
    }
  }

  private send(m: Message): void {
    const ctx = this.ctx;
    if (m.type !== "snap") {
      ctx.network.send(m);
      return;
    }
    ctx.stats.snapshotsSent++;
    const inc = this.incarnation;
    // The real transport reports whether streaming the snapshot worked; so does this one.
    ctx.network.send(m, (outcome) => {
      const raft = this.raft;
      if (raft === null || this.incarnation !== inc || this.paused) return;
      raft.reportSnapshot(m.to, outcome === "delivered");
      this.pump();
    });
  }

  private fsyncDelay(): number {
    const p = this.ctx.params;
    if (this.ctx.queue.now < this.diskStallUntil) return this.rng.between(50, 300);
    if (p.slowFsyncRate > 0 && this.rng.chance(p.slowFsyncRate)) return this.rng.between(10, 40);
    return this.rng.between(p.fsyncMinMs, p.fsyncMaxMs);
  }
}

function span(entries: readonly Entry[]): string {
  if (entries.length === 0) return "-";
  const first = entries[0] as Entry;
  const last = entries[entries.length - 1] as Entry;
  return `${first.index}@${first.term}..${last.index}@${last.term}`;
}

export function describeMessage(m: Message): string {
  let s = `${m.type} t${m.term}`;
  if (m.type === "app" || m.type === "vote" || m.type === "preVote") s += ` idx=${m.index} logT=${m.logTerm}`;
  if (m.entries.length > 0) s += ` entries=${span(m.entries)}`;
  if (m.type === "app" || m.type === "heartbeat") s += ` commit=${m.commit}`;
  if (m.type === "appResp" || m.type === "readIndexResp") s += ` idx=${m.index}`;
  if (m.reject) s += ` REJECT hint=${m.rejectHint}`;
  if (m.snapshot !== null) s += ` snap=${m.snapshot.metadata.index}@${m.snapshot.metadata.term}`;
  if (m.context !== "") s += ` ctx=${m.context}`;
  return s;
}
