import { decodeConfChange, encodeConfChange, validateConfChange } from "./conf-change.js";
import { RaftError } from "./errors.js";
import { makeMessage } from "./message.js";
import { PeerProgress } from "./progress.js";
import { quorumMatched, quorumSize, tallyVotes } from "./quorum.js";
import { RaftLog } from "./raft-log.js";
import { validateRaftConfig } from "./raft-options.js";
import { ReadOnly } from "./read-only.js";
import type {
  ConfChange,
  ConfState,
  Entry,
  EntryType,
  HardState,
  InitialState,
  Message,
  NodeId,
  Progress,
  RaftConfig,
  RaftStatus,
  ReadState,
  Ready,
  Role,
  Snapshot,
  SoftState,
} from "./types.js";
import { validateInitialState, validateMessage } from "./validate.js";

/** Context of vote messages forced by leader transfer: they bypass the leader lease. */
export const TRANSFER_CONTEXT = "transfer";

/** Heartbeat rounds without any ack progress after which a replicating follower is re-probed. */
const STALL_BEATS = 2;
/**
 * Election timeouts a snapshot may stay in flight without an ack or reportSnapshot before the leader
 * assumes it was lost and probes again (a transport should report failures; this is the backstop).
 */
const SNAPSHOT_WAIT_ELECTIONS = 3;

const EMPTY_DATA = new Uint8Array(0);

interface ReadRequest {
  readonly context: string;
  readonly from: NodeId;
}

/**
 * One Raft member as a pure state machine (see docs/raft.md). Not thread-safe and not re-entrant:
 * the driver calls one method at a time.
 */
export class RaftNode {
  private readonly cfg: RaftConfig;
  private readonly id: NodeId;
  private readonly log: RaftLog;

  private currentTerm: number;
  private vote: NodeId | null;
  private lead: NodeId | null = null;
  private role: Role = "follower";

  private voters: NodeId[] = [];
  private learners: NodeId[] = [];
  private voterSet = new Set<NodeId>();
  private learnerSet = new Set<NodeId>();
  /**
   * Members whose removal we applied (ids are never reused). Their messages are dropped: a removed node
   * that missed its removal keeps campaigning, and without pre-vote and the leader lease its ever higher
   * terms would depose every leader (thesis §4.2.3). Dropping messages is always safe. In memory only:
   * rebuilt on restart from the conf changes after the snapshot.
   */
  private readonly removed = new Set<NodeId>();

  /** Leader only: every member's progress, including our own (match = our persisted last index). */
  private readonly prs = new Map<NodeId, PeerProgress>();
  /** Candidate / pre-candidate: the answers so far. */
  private readonly votes = new Map<NodeId, boolean>();

  private electionElapsed = 0;
  private heartbeatElapsed = 0;
  private randomizedElectionTimeout = 0;

  private leadTransferee: NodeId | null = null;
  /** Leader: index of the last conf change it appended (or its last index when elected). */
  private pendingConfIndex = 0;
  /** Leader: payload bytes appended in this term and not yet committed. */
  private uncommittedSize = 0;

  private readonly readOnly = new ReadOnly();
  /** Leader: reads that arrived before it committed an entry of its term. */
  private readsAwaitingCommit: ReadRequest[] = [];
  private readStates: ReadState[] = [];

  private msgs: Message[] = [];
  private msgsAfterPersist: Message[] = [];
  /** Leader: appends are sent lazily (once per Ready) so a burst of proposals becomes one message. */
  private appendBroadcastNeeded = false;
  private readBroadcastNeeded = false;
  /** Follower: proposals to forward, batched into one prop message per Ready. */
  private forwardTo: NodeId | null = null;
  private forwardEntries: Entry[] = [];

  /** The latest snapshot: sent to followers that need compacted entries. */
  private snapshot: Snapshot;
  /** A snapshot received from the leader and not yet handed out in a Ready. */
  private pendingSnapshot: Snapshot | null = null;
  /** A snapshot handed out in a Ready whose advance has not come yet. */
  private snapshotUnapplied = false;
  /**
   * What the caller last persisted as its compaction point (initial state, an applied snapshot from the
   * leader, or compact's result): compact hands it back when it has nothing new to record.
   */
  private lastCompaction: { snapshot: Snapshot; firstIndex: number };

  private lastSoft: SoftState;
  private lastHard: HardState;
  /** Term of the last hard state the caller persisted: leader messages of a newer term must wait. */
  private persistedTerm: number;
  private outstanding: Ready | null = null;

  constructor(config: RaftConfig, state: InitialState) {
    validateRaftConfig(config);
    validateInitialState(state);
    this.cfg = config;
    this.id = config.id;
    const meta = state.snapshot.metadata;
    let baseIndex = meta.index;
    let baseTerm = meta.term;
    let entries = state.entries;
    const first = entries[0];
    if (first !== undefined && first.index <= meta.index) {
      // Entries kept behind the compaction point: the first one becomes the base (known by term only).
      baseIndex = first.index;
      baseTerm = first.term;
      entries = entries.slice(1);
    }
    this.log = new RaftLog(baseIndex, baseTerm, entries, state.hardState.commit, state.applied);
    this.snapshot = state.snapshot;
    this.lastCompaction = { snapshot: state.snapshot, firstIndex: this.log.firstIndex() };
    this.setConf(meta.confState);
    // Conf changes applied after the snapshot was taken are part of the membership already.
    for (let i = meta.index + 1; i <= state.applied; i++) {
      const e = this.log.entryAt(i);
      if (e?.type !== "confChange") continue;
      try {
        this.applyToConf(decodeConfChange(e.data));
      } catch (err) {
        throw new RaftError(
          "InvalidState",
          `entry ${i}: undecodable conf change (${(err as Error).message})`,
        );
      }
    }
    this.currentTerm = state.hardState.term;
    this.vote = state.hardState.vote;
    this.lastHard = state.hardState;
    this.persistedTerm = state.hardState.term;
    this.lastSoft = { leader: null, role: "follower" };
    this.resetRandomizedElectionTimeout();
  }

  // ---------------------------------------------------------------- public API

  tick(): void {
    if (this.role === "leader") this.tickLeader();
    else this.tickElection();
  }

  step(msg: Message): void {
    validateMessage(msg, this.id);
    const m = msg;
    if (this.removed.has(m.from)) return;
    if (m.term === 0) {
      this.stepTermless(m);
      return;
    }
    if (m.term > this.currentTerm) {
      if (m.type === "vote" || m.type === "preVote") {
        const forced = m.context === TRANSFER_CONTEXT;
        const inLease =
          this.cfg.checkQuorum && this.lead !== null && this.electionElapsed < this.cfg.electionTick;
        // Leader lease: we heard from a live leader recently, so this candidate is disruptive.
        if (!forced && inLease) return;
        // A candidate outside our configuration while we know a leader: most likely a removed member
        // that missed its removal (thesis §4.2.3). Without this, with pre-vote and the lease off, its
        // ever higher terms depose every leader. A newly added voter we do not know yet still gets our
        // vote once we lose the leader ourselves.
        if (!forced && this.lead !== null && !this.voterSet.has(m.from)) return;
      }
      if (m.type === "preVote" || (m.type === "preVoteResp" && !m.reject)) {
        // Pre-votes are about a future term; nobody adopts it until a real election.
      } else {
        const fromLeader = m.type === "app" || m.type === "heartbeat" || m.type === "snap";
        this.becomeFollower(m.term, fromLeader ? m.from : null);
      }
    } else if (m.term < this.currentTerm) {
      if ((this.cfg.checkQuorum || this.cfg.preVote) && (m.type === "app" || m.type === "heartbeat")) {
        // A stale leader (e.g. back from a partition) would otherwise never learn it was deposed, because
        // with pre-vote / lease our elections never reach it with a higher term.
        this.send(makeMessage({ type: "appResp", from: this.id, to: m.from, term: this.currentTerm }), false);
      } else if (m.type === "preVote") {
        this.send(
          makeMessage({
            type: "preVoteResp",
            from: this.id,
            to: m.from,
            term: this.currentTerm,
            reject: true,
          }),
          false,
        );
      }
      return;
    }

    if (m.type === "vote" || m.type === "preVote") {
      this.handleVoteRequest(m);
      return;
    }
    switch (this.role) {
      case "leader":
        this.stepLeader(m);
        break;
      case "candidate":
      case "preCandidate":
        this.stepCandidate(m);
        break;
      case "follower":
        this.stepFollower(m);
        break;
    }
  }

  propose(data: Uint8Array): void {
    if (!(data instanceof Uint8Array))
      throw new RaftError("InvalidArgument", "propose: data must be a Uint8Array");
    this.proposeLocal("normal", data);
  }

  proposeConfChange(cc: ConfChange): void {
    try {
      validateConfChange(cc);
    } catch (err) {
      throw new RaftError("InvalidArgument", (err as Error).message);
    }
    if (this.role === "leader") {
      if (this.leadTransferee !== null) {
        throw new RaftError("ProposalDropped", `leader transfer to ${this.leadTransferee} in progress`);
      }
      const refusal = this.confChangeRefusal(cc);
      if (refusal !== null) throw new RaftError("ConfChangeRejected", refusal);
      if (!this.appendProposals([{ type: "confChange", data: encodeConfChange(cc) }])) {
        throw new RaftError("ProposalDropped", "too many uncommitted entries");
      }
      this.pendingConfIndex = this.log.lastIndex();
      return;
    }
    if (!this.voterSet.has(this.id)) {
      throw new RaftError("ProposalDropped", "only voters propose membership changes");
    }
    this.proposeLocal("confChange", encodeConfChange(cc));
  }

  readIndex(context: string): void {
    if (typeof context !== "string" || context === "") {
      throw new RaftError("InvalidArgument", "readIndex: context must be a non-empty string");
    }
    if (this.role === "leader") {
      this.handleReadIndex(context, this.id);
      return;
    }
    if (this.role !== "follower" || this.lead === null) {
      throw new RaftError("ProposalDropped", "readIndex: no leader known");
    }
    this.send(makeMessage({ type: "readIndex", from: this.id, to: this.lead, context }), false);
  }

  transferLeadership(to: NodeId): void {
    if (typeof to !== "string" || to === "") {
      throw new RaftError("InvalidArgument", "transferLeadership: target must be a node id");
    }
    if (this.role === "leader") {
      const refusal = this.startTransfer(to);
      if (refusal !== null) throw new RaftError("ProposalDropped", refusal);
      return;
    }
    if (this.role !== "follower" || this.lead === null) {
      throw new RaftError("ProposalDropped", "transferLeadership: no leader known");
    }
    if (to === this.lead) return;
    this.send(makeMessage({ type: "transferLeader", from: this.id, to: this.lead, context: to }), false);
  }

  campaign(): void {
    this.hup(false);
  }

  hasReady(): boolean {
    if (this.outstanding !== null) return false;
    this.flush();
    return (
      this.msgs.length > 0 ||
      this.msgsAfterPersist.length > 0 ||
      this.log.hasUnstable() ||
      this.log.hasNextCommitted() ||
      this.pendingSnapshot !== null ||
      this.readStates.length > 0 ||
      this.softChanged() ||
      this.hardChanged()
    );
  }

  /**
   * Hands out the pending work. Only one Ready may be outstanding: calling ready() again before
   * advance() throws RaftError("InvalidArgument") (and hasReady() answers false meanwhile).
   */
  ready(): Ready {
    if (this.outstanding !== null) {
      throw new RaftError("InvalidArgument", "ready() called again before advance() of the previous Ready");
    }
    this.flush();
    const softChanged = this.softChanged();
    const hardChanged = this.hardChanged();
    const soft: SoftState = { leader: this.lead, role: this.role };
    const hard: HardState = { term: this.currentTerm, vote: this.vote, commit: this.log.committed };
    const mustSyncHard = hard.term !== this.lastHard.term || hard.vote !== this.lastHard.vote;

    let snapshot: Snapshot | null = null;
    if (this.pendingSnapshot !== null) {
      snapshot = this.pendingSnapshot;
      this.pendingSnapshot = null;
      this.snapshotUnapplied = true;
      if (this.log.applying < snapshot.metadata.index) this.log.applying = snapshot.metadata.index;
    }
    const entries = this.log.takeUnstable();
    const committedEntries = this.log.takeCommitted();

    let messages = this.msgs;
    let after = this.msgsAfterPersist;
    if (messages.some((m) => m.term > this.persistedTerm)) {
      // A leader elected in this very Ready (single voter): its term is not on disk yet.
      after = [...messages.filter((m) => m.term > this.persistedTerm), ...after];
      messages = messages.filter((m) => m.term <= this.persistedTerm);
    }
    this.msgs = [];
    this.msgsAfterPersist = [];
    const readStates = this.readStates;
    this.readStates = [];

    const rd: Ready = {
      softState: softChanged ? soft : null,
      hardState: hardChanged ? hard : null,
      entries,
      snapshot,
      committedEntries,
      messages,
      messagesAfterPersist: after,
      readStates,
      mustSync: (hardChanged && mustSyncHard) || entries.length > 0 || snapshot !== null,
    };
    if (softChanged) this.lastSoft = soft;
    if (hardChanged) this.lastHard = hard;
    this.outstanding = rd;
    return rd;
  }

  advance(rd: Ready): void {
    if (rd !== this.outstanding) {
      throw new RaftError(
        "InvalidArgument",
        "advance() must be given the Ready returned by the last ready()",
      );
    }
    this.outstanding = null;
    if (rd.hardState !== null && rd.hardState.term > this.persistedTerm) {
      this.persistedTerm = rd.hardState.term;
    }
    if (rd.snapshot !== null) {
      this.log.appliedTo(rd.snapshot.metadata.index);
      this.snapshotUnapplied = false;
      this.lastCompaction = { snapshot: rd.snapshot, firstIndex: rd.snapshot.metadata.index + 1 };
    }
    if (rd.entries.length > 0) {
      this.log.stableTo(rd.entries);
      const self = this.role === "leader" ? this.prs.get(this.id) : undefined;
      if (self?.maybeUpdate(this.log.stable)) this.maybeCommit();
    }
    const lastApplied = rd.committedEntries[rd.committedEntries.length - 1];
    if (lastApplied !== undefined) this.log.appliedTo(lastApplied.index);
  }

  applyConfChange(cc: ConfChange): ConfState {
    try {
      validateConfChange(cc);
    } catch (err) {
      throw new RaftError("InvalidArgument", (err as Error).message);
    }
    this.applyToConf(cc);
    if (this.leadTransferee !== null && !this.voterSet.has(this.leadTransferee)) this.abortLeaderTransfer();
    if (this.role === "leader") {
      if (!this.voterSet.has(this.id)) {
        this.becomeFollower(this.currentTerm, null);
      } else {
        this.syncProgressWithConf();
        // A smaller quorum may already hold newer entries.
        this.maybeCommit();
        this.appendBroadcastNeeded = true;
      }
    }
    return this.confState();
  }

  compact(index: number, data: Uint8Array): { snapshot: Snapshot; firstIndex: number } {
    if (!(data instanceof Uint8Array))
      throw new RaftError("InvalidArgument", "compact: data must be a Uint8Array");
    if (index !== this.log.applied) {
      throw new RaftError(
        "InvalidArgument",
        `compact at ${index}: must equal the applied index ${this.log.applied}`,
      );
    }
    if (
      this.outstanding !== null &&
      (this.outstanding.committedEntries.length > 0 || this.outstanding.snapshot !== null)
    ) {
      // The caller's disk is between two states: what we would hand back could be older than it.
      throw new RaftError(
        "InvalidArgument",
        "compact while committed entries or a snapshot are being applied (call after advance)",
      );
    }
    if (index < this.snapshot.metadata.index) {
      // A newer snapshot from the leader was installed and comes with the next Ready: the caller
      // cannot see that, so this is not its error. Nothing to record: hand back what it persisted.
      return { ...this.lastCompaction };
    }
    const term = this.log.term(index);
    if (term === null) throw new RaftError("InvalidArgument", `compact at ${index}: not in the log`);
    const snapshot: Snapshot = { metadata: { index, term, confState: this.confState() }, data };
    this.snapshot = snapshot;
    const dropThrough = index - this.cfg.snapshotCatchUpEntries;
    if (dropThrough >= this.log.firstIndex()) this.log.compactTo(dropThrough);
    this.lastCompaction = { snapshot, firstIndex: this.log.firstIndex() };
    return { ...this.lastCompaction };
  }

  reportUnreachable(id: NodeId): void {
    if (this.role !== "leader") return;
    const pr = this.prs.get(id);
    // Optimistic appends to an unreachable peer were probably lost: fall back to probing.
    if (pr !== undefined && pr.state === "replicate") pr.becomeProbe();
  }

  reportSnapshot(id: NodeId, ok: boolean): void {
    if (this.role !== "leader") return;
    const pr = this.prs.get(id);
    if (pr === undefined || pr.state !== "snapshot") return;
    if (!ok) pr.pendingSnapshot = 0;
    pr.becomeProbe();
    // Wait for the follower's ack (success) or the next heartbeat response (failure) before probing.
    pr.probeSent = true;
  }

  status(): RaftStatus {
    const progress: Record<NodeId, Progress> = {};
    if (this.role === "leader") for (const [id, pr] of this.prs) progress[id] = pr.toStatus();
    return {
      id: this.id,
      term: this.currentTerm,
      vote: this.vote,
      commit: this.log.committed,
      applied: this.log.applied,
      lastIndex: this.log.lastIndex(),
      firstIndex: this.log.firstIndex(),
      role: this.role,
      leader: this.lead,
      confState: this.confState(),
      leadTransferee: this.leadTransferee,
      progress,
    };
  }

  /** Term of the entry at `index`; null when compacted or beyond the end (the snapshot index answers). */
  term(index: number): number | null {
    if (index === this.snapshot.metadata.index) return this.snapshot.metadata.term;
    return this.log.term(index);
  }

  /** Log entries [lo, hi); throws RaftError("InvalidArgument") when lo was compacted or hi is too far. */
  entries(lo: number, hi: number): Entry[] {
    return this.log.slice(lo, hi);
  }

  // ---------------------------------------------------------------- roles

  private reset(term: number): void {
    if (term !== this.currentTerm) {
      this.currentTerm = term;
      this.vote = null;
    }
    this.lead = null;
    this.electionElapsed = 0;
    this.heartbeatElapsed = 0;
    this.resetRandomizedElectionTimeout();
    this.leadTransferee = null;
    this.votes.clear();
    this.prs.clear();
    // Pending reads are dropped: only a leader can answer them, the callers time out and retry.
    this.readOnly.reset();
    this.readsAwaitingCommit = [];
    this.readBroadcastNeeded = false;
    this.appendBroadcastNeeded = false;
    this.uncommittedSize = 0;
    this.pendingConfIndex = 0;
  }

  private becomeFollower(term: number, lead: NodeId | null): void {
    this.reset(term);
    this.role = "follower";
    this.lead = lead;
  }

  private becomeLeader(): void {
    this.reset(this.currentTerm);
    this.role = "leader";
    this.lead = this.id;
    const last = this.log.lastIndex();
    this.syncProgressWithConf();
    for (const pr of this.prs.values()) pr.recentActive = false;
    const self = this.prs.get(this.id);
    if (self !== undefined) {
      self.recentActive = true;
      self.match = this.log.stable;
    }
    // Any conf change in the uncommitted tail must be applied before we accept another.
    this.pendingConfIndex = last;
    // Commit rule §5.4.2: entries of earlier terms commit only through an entry of ours.
    this.log.append({ term: this.currentTerm, index: last + 1, type: "normal", data: EMPTY_DATA });
    this.appendBroadcastNeeded = true;
  }

  private hup(transfer: boolean): void {
    if (this.role === "leader") return;
    if (!this.voterSet.has(this.id)) return;
    // We may not know our own membership until these are applied.
    if (this.pendingSnapshot !== null || this.snapshotUnapplied) return;
    if (this.log.hasConfChangeIn(this.log.applied, this.log.committed)) return;
    if (this.cfg.preVote && !transfer) this.campaignPre();
    else this.campaignReal(transfer);
  }

  private campaignPre(): void {
    this.role = "preCandidate";
    this.lead = null;
    this.votes.clear();
    this.votes.set(this.id, true);
    this.electionElapsed = 0;
    this.resetRandomizedElectionTimeout();
    if (tallyVotes(this.voters, this.votes) === "won") {
      this.campaignReal(false);
      return;
    }
    this.requestVotes("preVote", this.currentTerm + 1, "");
  }

  private campaignReal(transfer: boolean): void {
    this.reset(this.currentTerm + 1);
    this.role = "candidate";
    this.vote = this.id;
    this.votes.set(this.id, true);
    if (tallyVotes(this.voters, this.votes) === "won") {
      this.becomeLeader();
      return;
    }
    this.requestVotes("vote", this.currentTerm, transfer ? TRANSFER_CONTEXT : "");
  }

  private requestVotes(type: "vote" | "preVote", term: number, context: string): void {
    const index = this.log.lastIndex();
    const logTerm = this.log.lastTerm();
    for (const id of this.voters) {
      if (id === this.id) continue;
      this.send(makeMessage({ type, from: this.id, to: id, term, index, logTerm, context }), false);
    }
  }

  private tickElection(): void {
    this.electionElapsed++;
    if (this.voterSet.has(this.id) && this.electionElapsed >= this.randomizedElectionTimeout) {
      this.electionElapsed = 0;
      this.hup(false);
    }
  }

  private tickLeader(): void {
    this.heartbeatElapsed++;
    this.electionElapsed++;
    if (this.electionElapsed >= this.cfg.electionTick) {
      this.electionElapsed = 0;
      if (this.cfg.checkQuorum) {
        if (!this.quorumActive()) {
          this.becomeFollower(this.currentTerm, null);
          return;
        }
        for (const [id, pr] of this.prs) if (id !== this.id) pr.recentActive = false;
      }
      if (this.leadTransferee !== null) this.abortLeaderTransfer();
    }
    for (const [id, pr] of this.prs) {
      if (id === this.id || pr.state !== "snapshot") continue;
      if (++pr.snapshotTicks >= SNAPSHOT_WAIT_ELECTIONS * this.cfg.electionTick) {
        pr.pendingSnapshot = 0;
        pr.becomeProbe();
        this.appendBroadcastNeeded = true;
      }
    }
    if (this.heartbeatElapsed >= this.cfg.heartbeatTick) {
      this.heartbeatElapsed = 0;
      for (const [id, pr] of this.prs) {
        if (id === this.id || pr.state !== "replicate") continue;
        // Appends in flight and no ack for a whole heartbeat round: they were probably lost.
        if (pr.inflights.size > 0 && pr.match === pr.matchAtLastBeat) pr.stalledBeats++;
        else pr.stalledBeats = 0;
        pr.matchAtLastBeat = pr.match;
      }
      this.sendHeartbeats(this.readOnly.lastContext());
    }
  }

  private quorumActive(): boolean {
    let active = 0;
    for (const id of this.voters) {
      if (id === this.id || this.prs.get(id)?.recentActive === true) active++;
    }
    return active >= quorumSize(this.voters.length);
  }

  private resetRandomizedElectionTimeout(): void {
    const r = Math.min(Math.max(this.cfg.random(), 0), 0.999999);
    this.randomizedElectionTimeout = this.cfg.electionTick + Math.floor(r * this.cfg.electionTick);
  }

  // ---------------------------------------------------------------- message handling

  private stepTermless(m: Message): void {
    if (this.role !== "leader" || !this.prs.has(m.from)) return; // forwarded too late: the sender times out
    switch (m.type) {
      case "prop":
        this.acceptForwardedProposal(m.entries);
        break;
      case "readIndex":
        this.handleReadIndex(m.context, m.from);
        break;
      case "transferLeader":
        this.startTransfer(m.context);
        break;
      default:
        break;
    }
  }

  private handleVoteRequest(m: Message): void {
    const respType = m.type === "vote" ? "voteResp" : "preVoteResp";
    const canVote =
      this.vote === m.from ||
      (this.vote === null && this.lead === null) ||
      (m.type === "preVote" && m.term > this.currentTerm);
    if (canVote && this.log.isUpToDate(m.index, m.logTerm)) {
      // The response carries the candidate's term so a pre-candidate can count it for term+1.
      this.send(makeMessage({ type: respType, from: this.id, to: m.from, term: m.term }), false);
      if (m.type === "vote") {
        this.electionElapsed = 0;
        this.vote = m.from;
      }
    } else {
      this.send(
        makeMessage({ type: respType, from: this.id, to: m.from, term: this.currentTerm, reject: true }),
        false,
      );
    }
  }

  private stepLeader(m: Message): void {
    switch (m.type) {
      case "appResp":
        this.handleAppendResponse(m);
        break;
      case "heartbeatResp":
        this.handleHeartbeatResponse(m);
        break;
      default:
        // Everything else at our term is stale or impossible (two leaders of one term).
        break;
    }
  }

  private stepCandidate(m: Message): void {
    switch (m.type) {
      case "app":
        this.becomeFollower(m.term, m.from);
        this.handleAppend(m);
        break;
      case "heartbeat":
        this.becomeFollower(m.term, m.from);
        this.handleHeartbeat(m);
        break;
      case "snap":
        this.becomeFollower(m.term, m.from);
        this.handleSnapshot(m);
        break;
      case "voteResp":
      case "preVoteResp": {
        if ((m.type === "voteResp") !== (this.role === "candidate")) return;
        if (!this.voterSet.has(m.from) || this.votes.has(m.from)) return;
        this.votes.set(m.from, !m.reject);
        const result = tallyVotes(this.voters, this.votes);
        if (result === "won") {
          if (this.role === "preCandidate") this.campaignReal(false);
          else this.becomeLeader();
        } else if (result === "lost") {
          this.becomeFollower(this.currentTerm, null);
        }
        break;
      }
      default:
        break;
    }
  }

  private stepFollower(m: Message): void {
    switch (m.type) {
      case "app":
        this.electionElapsed = 0;
        this.lead = m.from;
        this.handleAppend(m);
        break;
      case "heartbeat":
        this.electionElapsed = 0;
        this.lead = m.from;
        this.handleHeartbeat(m);
        break;
      case "snap":
        this.electionElapsed = 0;
        this.lead = m.from;
        this.handleSnapshot(m);
        break;
      case "timeoutNow":
        this.hup(true);
        break;
      case "readIndexResp":
        this.readStates.push({ index: m.index, context: m.context });
        break;
      default:
        break;
    }
  }

  private reply(
    m: Message,
    fields: { index: number; reject?: boolean; rejectHint?: number; logTerm?: number },
  ): void {
    this.send(
      makeMessage({ type: "appResp", from: this.id, to: m.from, term: this.currentTerm, ...fields }),
      false,
    );
  }

  private handleAppend(m: Message): void {
    if (m.index < this.log.committed) {
      this.reply(m, { index: this.log.committed });
      return;
    }
    if (!this.log.matchTerm(m.index, m.logTerm)) {
      // Fast backtracking: tell the leader where our log can first disagree with a log holding
      // m.logTerm at m.index, so it skips a whole term per round trip.
      const hint = this.log.findConflictByTerm(Math.min(m.index, this.log.lastIndex()), m.logTerm);
      this.reply(m, { index: m.index, reject: true, rejectHint: hint.index, logTerm: hint.term });
      return;
    }
    if (m.entries.length > 0) this.log.appendAfterMatch(m.entries);
    const lastNew = m.index + m.entries.length;
    this.log.commitTo(Math.min(m.commit, lastNew));
    this.reply(m, { index: lastNew });
  }

  private handleHeartbeat(m: Message): void {
    this.log.commitTo(Math.min(m.commit, this.log.lastIndex()));
    this.send(
      makeMessage({
        type: "heartbeatResp",
        from: this.id,
        to: m.from,
        term: this.currentTerm,
        context: m.context,
      }),
      false,
    );
  }

  private handleSnapshot(m: Message): void {
    const s = m.snapshot!;
    const { index, term, confState } = s.metadata;
    if (index <= this.log.committed) {
      this.reply(m, { index: this.log.committed });
      return;
    }
    if (this.log.matchTerm(index, term)) {
      // We already hold the snapshot's last entry: everything up to it is committed, nothing to install.
      this.log.commitTo(index);
      this.reply(m, { index: this.log.committed });
      return;
    }
    // No membership check: a joiner is typically not in the snapshot's confState yet (e.g. the bootstrap
    // snapshot); the entries after it that add the joiner are applied next.
    this.log.restore(s);
    this.snapshot = s;
    this.pendingSnapshot = s;
    this.setConf(confState);
    this.reply(m, { index: this.log.lastIndex() });
  }

  private handleAppendResponse(m: Message): void {
    const pr = this.prs.get(m.from);
    if (pr === undefined) return;
    // Nobody can hold entries of our term beyond our log: such an ack is bogus, not just stale.
    if (m.index > this.log.lastIndex()) return;
    pr.recentActive = true;
    if (m.reject) {
      if (pr.state === "snapshot") return;
      let hint = Math.min(m.rejectHint, this.log.lastIndex());
      if (m.logTerm > 0) hint = this.log.findConflictByTerm(m.rejectHint, m.logTerm).index;
      const wasReplicating = pr.state === "replicate";
      if (pr.maybeDecrTo(m.index, hint)) {
        if (wasReplicating) {
          const next = pr.next;
          pr.becomeProbe();
          pr.next = next;
        }
        this.appendBroadcastNeeded = true;
      }
      return;
    }
    if (!pr.maybeUpdate(m.index)) return;
    switch (pr.state) {
      case "probe":
        pr.becomeReplicate();
        break;
      case "snapshot":
        // Installed (or the follower caught up otherwise): continue from the log if it reaches back.
        if (pr.match + 1 >= this.log.firstIndex()) pr.becomeReplicate();
        // We compacted past the snapshot it just installed: probing now sends the newer one at once,
        // instead of staying paused until the snapshot backstop fires.
        else if (pr.match >= pr.pendingSnapshot) pr.becomeProbe();
        break;
      case "replicate":
        pr.inflights.freeLE(m.index);
        pr.stalledBeats = 0;
        break;
    }
    this.maybeCommit();
    this.appendBroadcastNeeded = true;
    if (m.from === this.leadTransferee && pr.match === this.log.lastIndex()) this.sendTimeoutNow(m.from);
  }

  private handleHeartbeatResponse(m: Message): void {
    const pr = this.prs.get(m.from);
    if (pr === undefined) return;
    pr.recentActive = true;
    pr.probeSent = false;
    if (pr.state === "replicate" && pr.stalledBeats >= STALL_BEATS) pr.becomeProbe();
    if (pr.match < this.log.lastIndex() || pr.sentCommit < this.log.committed)
      this.appendBroadcastNeeded = true;
    // A lost timeoutNow would otherwise stall the transfer (and all proposals) until it is abandoned.
    if (m.from === this.leadTransferee && pr.match === this.log.lastIndex()) this.sendTimeoutNow(m.from);
    if (m.context !== "" && this.voterSet.has(m.from)) {
      const read = this.readOnly.ack(m.context, m.from);
      if (read !== null && this.readConfirmed(read.acks)) {
        for (const r of this.readOnly.releaseThrough(m.context)) this.answerRead(r.index, r.context, r.from);
      }
    }
  }

  /**
   * A quorum of the *current* voters (us included) acked the read's heartbeat round. Acks from members
   * removed since they answered do not count: with them, the ackers plus us could miss every majority
   * of the new configuration, which a newer leader might have been elected by.
   */
  private readConfirmed(acks: ReadonlySet<NodeId>): boolean {
    let n = this.voterSet.has(this.id) ? 1 : 0;
    for (const id of acks) if (this.voterSet.has(id)) n++;
    return n >= quorumSize(this.voters.length);
  }

  // ---------------------------------------------------------------- leader: replication

  private maybeCommit(): boolean {
    const index = quorumMatched(this.voters, (id) => this.prs.get(id)?.match ?? 0);
    const old = this.log.committed;
    if (index <= old || this.log.term(index) !== this.currentTerm) return false;
    this.log.commitTo(index);
    let freed = 0;
    for (let i = old + 1; i <= index; i++) freed += this.log.entryAt(i)?.data.byteLength ?? 0;
    this.uncommittedSize = Math.max(0, this.uncommittedSize - freed);
    this.appendBroadcastNeeded = true;
    if (this.log.term(old) !== this.currentTerm && this.readsAwaitingCommit.length > 0) {
      const waiting = this.readsAwaitingCommit;
      this.readsAwaitingCommit = [];
      for (const r of waiting) this.serveRead(r.context, r.from);
    }
    return true;
  }

  /** Sends what became sendable since the last Ready: one batched append per follower, read heartbeats. */
  private flush(): void {
    this.flushForward();
    if (this.role !== "leader") return;
    if (this.readBroadcastNeeded) {
      this.readBroadcastNeeded = false;
      this.sendHeartbeats(this.readOnly.lastContext());
    }
    if (this.appendBroadcastNeeded) {
      this.appendBroadcastNeeded = false;
      for (const [id, pr] of this.prs) if (id !== this.id) this.sendAppends(id, pr);
    }
  }

  private sendAppends(to: NodeId, pr: PeerProgress): void {
    for (;;) {
      if (pr.isPaused()) return;
      const last = this.log.lastIndex();
      const prevIndex = pr.next - 1;
      const prevTerm = this.log.term(prevIndex);
      if (prevTerm === null) {
        this.sendSnapshot(to, pr);
        return;
      }
      if (pr.next > last) {
        const needEmpty =
          pr.sentCommit < this.log.committed || (pr.state === "probe" && pr.match < prevIndex);
        if (!needEmpty) return;
      }
      const entries = pr.next <= last ? this.log.slice(pr.next, last + 1, this.cfg.maxSizePerMsg) : [];
      let bytes = 0;
      for (const e of entries) bytes += e.data.byteLength;
      const commit = this.log.committed;
      this.send(
        makeMessage({
          type: "app",
          from: this.id,
          to,
          term: this.currentTerm,
          index: prevIndex,
          logTerm: prevTerm,
          entries,
          commit,
        }),
        true,
      );
      pr.sentCommit = commit;
      pr.sentAppend(prevIndex + entries.length, entries.length, bytes);
      if (pr.state !== "replicate" || entries.length === 0) return;
    }
  }

  private sendSnapshot(to: NodeId, pr: PeerProgress): void {
    // Do not ship a (large) snapshot to a peer that may be down; its next answer brings us back here.
    if (!pr.recentActive) return;
    pr.becomeSnapshot(this.snapshot.metadata.index);
    this.send(
      makeMessage({ type: "snap", from: this.id, to, term: this.currentTerm, snapshot: this.snapshot }),
      true,
    );
  }

  private sendHeartbeats(context: string): void {
    for (const [id, pr] of this.prs) {
      if (id === this.id) continue;
      this.send(
        makeMessage({
          type: "heartbeat",
          from: this.id,
          to: id,
          term: this.currentTerm,
          // Never more than the follower is known to hold: its log beyond match may still differ.
          commit: Math.min(pr.match, this.log.committed),
          context,
        }),
        true,
      );
    }
  }

  private sendTimeoutNow(to: NodeId): void {
    this.send(makeMessage({ type: "timeoutNow", from: this.id, to, term: this.currentTerm }), true);
  }

  // ---------------------------------------------------------------- leader: proposals

  private proposeLocal(type: EntryType, data: Uint8Array): void {
    switch (this.role) {
      case "leader":
        if (this.leadTransferee !== null) {
          throw new RaftError("ProposalDropped", `leader transfer to ${this.leadTransferee} in progress`);
        }
        if (!this.appendProposals([{ type, data }])) {
          throw new RaftError("ProposalDropped", "too many uncommitted entries");
        }
        return;
      case "follower":
        if (this.lead === null) throw new RaftError("ProposalDropped", "no leader known");
        if (this.forwardTo !== this.lead) {
          this.flushForward();
          this.forwardTo = this.lead;
        }
        this.forwardEntries.push({ term: 0, index: 0, type, data });
        return;
      default:
        throw new RaftError("ProposalDropped", "no leader known (election in progress)");
    }
  }

  private flushForward(): void {
    if (this.forwardEntries.length === 0 || this.forwardTo === null) return;
    this.send(
      makeMessage({ type: "prop", from: this.id, to: this.forwardTo, entries: this.forwardEntries }),
      false,
    );
    this.forwardEntries = [];
  }

  /** Appends new entries at our term; false (nothing appended) when over the uncommitted-size limit. */
  private appendProposals(props: readonly { type: EntryType; data: Uint8Array }[]): boolean {
    let size = 0;
    for (const p of props) size += p.data.byteLength;
    const max = this.cfg.maxUncommittedEntriesSize;
    // An oversized entry is still accepted when nothing else is uncommitted, or it could never go in.
    if (max > 0 && this.uncommittedSize > 0 && this.uncommittedSize + size > max) return false;
    let index = this.log.lastIndex();
    for (const p of props)
      this.log.append({ term: this.currentTerm, index: ++index, type: p.type, data: p.data });
    this.uncommittedSize += size;
    this.appendBroadcastNeeded = true;
    return true;
  }

  private acceptForwardedProposal(entries: readonly Entry[]): void {
    if (this.leadTransferee !== null) return;
    const accepted: { type: EntryType; data: Uint8Array }[] = [];
    let confIndex = 0;
    for (const e of entries) {
      if (e.type === "confChange") {
        let cc: ConfChange;
        try {
          cc = decodeConfChange(e.data);
        } catch {
          continue;
        }
        if (confIndex !== 0 || this.confChangeRefusal(cc) !== null) continue;
        confIndex = this.log.lastIndex() + accepted.length + 1;
      }
      accepted.push({ type: e.type, data: e.data });
    }
    if (accepted.length === 0) return;
    if (this.appendProposals(accepted) && confIndex !== 0) this.pendingConfIndex = confIndex;
  }

  private confChangeRefusal(cc: ConfChange): string | null {
    if (this.pendingConfIndex > this.log.applied) {
      return `conf change at index ${this.pendingConfIndex} is not applied yet (applied ${this.log.applied})`;
    }
    if (this.log.term(this.log.committed) !== this.currentTerm) {
      return "the new leader has not committed an entry of its term yet";
    }
    switch (cc.type) {
      case "addVoter":
        return this.voterSet.has(cc.id) ? `${cc.id} is already a voter` : null;
      case "addLearner":
        if (this.voterSet.has(cc.id)) return `${cc.id} is a voter (demotion is not supported)`;
        return this.learnerSet.has(cc.id) ? `${cc.id} is already a learner` : null;
      case "remove":
        if (!this.voterSet.has(cc.id) && !this.learnerSet.has(cc.id)) return `${cc.id} is not a member`;
        if (this.voterSet.has(cc.id) && this.voters.length === 1) return `${cc.id} is the last voter`;
        return null;
    }
  }

  // ---------------------------------------------------------------- leader: reads and transfer

  private handleReadIndex(context: string, from: NodeId): void {
    // Until an entry of our term commits, our commit index may lag what earlier leaders committed.
    if (this.log.term(this.log.committed) !== this.currentTerm) {
      this.readsAwaitingCommit.push({ context, from });
      return;
    }
    this.serveRead(context, from);
  }

  private serveRead(context: string, from: NodeId): void {
    if (quorumSize(this.voters.length) <= 1 && this.voterSet.has(this.id)) {
      this.answerRead(this.log.committed, context, from);
      return;
    }
    if (this.readOnly.add(this.log.committed, context, from)) this.readBroadcastNeeded = true;
  }

  private answerRead(index: number, context: string, from: NodeId): void {
    if (from === this.id) {
      this.readStates.push({ index, context });
      return;
    }
    this.send(
      makeMessage({ type: "readIndexResp", from: this.id, to: from, term: this.currentTerm, index, context }),
      true,
    );
  }

  /** Starts a leader transfer; returns why it cannot, or null. */
  private startTransfer(to: NodeId): string | null {
    if (to === this.id) return null;
    if (!this.voterSet.has(to)) return `transfer target ${to} is not a voter`;
    if (this.leadTransferee === to) return null;
    this.abortLeaderTransfer();
    // The transfer must finish within one election timeout, counted from now.
    this.electionElapsed = 0;
    this.leadTransferee = to;
    const pr = this.prs.get(to);
    if (pr !== undefined && pr.match === this.log.lastIndex()) this.sendTimeoutNow(to);
    else this.appendBroadcastNeeded = true;
    return null;
  }

  private abortLeaderTransfer(): void {
    this.leadTransferee = null;
  }

  // ---------------------------------------------------------------- membership

  private setConf(cs: ConfState): void {
    this.voters = [...cs.voters];
    this.learners = [...cs.learners];
    this.voterSet = new Set(this.voters);
    this.learnerSet = new Set(this.learners);
  }

  private confState(): ConfState {
    return { voters: [...this.voters], learners: [...this.learners] };
  }

  /** Applies a committed change to the membership; lenient, because every member must apply it alike. */
  private applyToConf(cc: ConfChange): void {
    const voters = new Set(this.voterSet);
    const learners = new Set(this.learnerSet);
    switch (cc.type) {
      case "addVoter":
        learners.delete(cc.id);
        voters.add(cc.id);
        this.removed.delete(cc.id);
        break;
      case "addLearner":
        if (!voters.has(cc.id)) learners.add(cc.id);
        this.removed.delete(cc.id);
        break;
      case "remove":
        voters.delete(cc.id);
        learners.delete(cc.id);
        if (cc.id !== this.id) this.removed.add(cc.id);
        break;
    }
    this.setConf({ voters: [...voters], learners: [...learners] });
  }

  private syncProgressWithConf(): void {
    const next = this.log.lastIndex() + 1;
    for (const id of [...this.voters, ...this.learners]) {
      const pr = this.prs.get(id);
      const isLearner = this.learnerSet.has(id);
      if (pr === undefined) {
        // New members count as active so check-quorum does not step down before they answer.
        this.prs.set(
          id,
          new PeerProgress(next, isLearner, this.cfg.maxInflightMsgs, this.cfg.maxInflightBytes, true),
        );
      } else {
        pr.isLearner = isLearner;
      }
    }
    for (const id of [...this.prs.keys()]) {
      if (!this.voterSet.has(id) && !this.learnerSet.has(id)) this.prs.delete(id);
    }
  }

  // ---------------------------------------------------------------- Ready bookkeeping

  private send(m: Message, beforePersist: boolean): void {
    if (beforePersist) this.msgs.push(m);
    else this.msgsAfterPersist.push(m);
  }

  private softChanged(): boolean {
    return this.lastSoft.leader !== this.lead || this.lastSoft.role !== this.role;
  }

  private hardChanged(): boolean {
    const h = this.lastHard;
    return h.term !== this.currentTerm || h.vote !== this.vote || h.commit !== this.log.committed;
  }
}
