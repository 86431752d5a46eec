// The data model of the consensus core. Everything here is plain data: the core never does I/O, the
// caller (the master's driver, or the simulation) persists, sends and applies what `ready()` hands out.

/** A member's identity. The master uses its `--name` (m1, m2, …); IDs are never reused after removal. */
export type NodeId = string;

export type EntryType = "normal" | "confChange";

export interface Entry {
  readonly term: number;
  readonly index: number;
  readonly type: EntryType;
  /** Opaque application bytes for "normal"; an encoded ConfChange (see conf-change.ts) for "confChange". */
  readonly data: Uint8Array;
}

/** What must survive a crash besides the log: the current term, the vote cast in it, the commit index. */
export interface HardState {
  readonly term: number;
  readonly vote: NodeId | null;
  readonly commit: number;
}

/**
 * Membership. Changes are single-server (one voter added or removed per committed change, learners in
 * between), so any majority of the old config overlaps any majority of the new one.
 */
export interface ConfState {
  readonly voters: readonly NodeId[];
  readonly learners: readonly NodeId[];
}

export type ConfChangeType = "addLearner" | "addVoter" | "remove";

export interface ConfChange {
  readonly type: ConfChangeType;
  readonly id: NodeId;
  /** Opaque to the core; the driver puts the member's peer address here. */
  readonly context: string;
}

export interface SnapshotMetadata {
  readonly index: number;
  readonly term: number;
  readonly confState: ConfState;
}

export interface Snapshot {
  readonly metadata: SnapshotMetadata;
  readonly data: Uint8Array;
}

export type MessageType =
  // elections
  | "preVote"
  | "preVoteResp"
  | "vote"
  | "voteResp"
  // replication
  | "app"
  | "appResp"
  | "heartbeat"
  | "heartbeatResp"
  | "snap"
  // leader transfer
  | "timeoutNow"
  | "transferLeader"
  // reads and forwarded proposals
  | "readIndex"
  | "readIndexResp"
  | "prop";

/**
 * One peer message. Fields not used by a type are left at their zero value (0, [], false, "").
 * The gRPC transport maps this 1:1 onto proto/raft/v1/raft.proto `Message`.
 */
export interface Message {
  readonly type: MessageType;
  readonly from: NodeId;
  readonly to: NodeId;
  /** Sender's term; 0 for term-less messages (prop, readIndex forwarded by a follower, transferLeader). */
  readonly term: number;
  /** app: prevLogTerm. vote/preVote: candidate's last log term. appResp (reject): term of hint entry. */
  readonly logTerm: number;
  /** app: prevLogIndex. vote/preVote: candidate's last index. appResp: last matching index (or rejected index). readIndexResp: the read index. */
  readonly index: number;
  readonly entries: readonly Entry[];
  /** Leader's commit index (app, heartbeat). */
  readonly commit: number;
  /** appResp/voteResp/preVoteResp: true when refused. */
  readonly reject: boolean;
  /** appResp reject: follower's suggested index to back up to (fast backtracking). */
  readonly rejectHint: number;
  /** snap: the snapshot to install (the transport streams its data in chunks). */
  readonly snapshot: Snapshot | null;
  /** heartbeat/heartbeatResp/readIndex/readIndexResp: the read request context; vote: "transfer" when forced by leader transfer. */
  readonly context: string;
}

/** A linearizable read point: once the applied index reaches `index`, reads for `context` are safe. */
export interface ReadState {
  readonly index: number;
  readonly context: string;
}

export type Role = "follower" | "preCandidate" | "candidate" | "leader";

export interface SoftState {
  readonly leader: NodeId | null;
  readonly role: Role;
}

/**
 * A batch of work for the caller. Contract (etcd raft's, with the leader optimisation of thesis §10.2.1):
 *  1. `messages` may be sent at once, in parallel with persisting.
 *  2. Persist `snapshot` (if any), then `entries` (an entry at index i replaces i and everything after it),
 *     then `hardState` (if any) — synced to disk when `mustSync`.
 *  3. Only then send `messagesAfterPersist` (responses and votes that promise persisted state).
 *  4. Restore the state machine from `snapshot` (if any), apply `committedEntries` in order (calling
 *     `applyConfChange` for confChange entries), serve `readStates` once applied ≥ their index.
 *  5. Call `advance(ready)`.
 */
export interface Ready {
  readonly softState: SoftState | null;
  readonly hardState: HardState | null;
  readonly entries: readonly Entry[];
  readonly snapshot: Snapshot | null;
  readonly committedEntries: readonly Entry[];
  readonly messages: readonly Message[];
  readonly messagesAfterPersist: readonly Message[];
  readonly readStates: readonly ReadState[];
  readonly mustSync: boolean;
}

export interface RaftConfig {
  readonly id: NodeId;
  /** Ticks without hearing from a leader before campaigning; the actual timeout is random in [e, 2e). */
  readonly electionTick: number;
  /** Ticks between leader heartbeats. Must be < electionTick. */
  readonly heartbeatTick: number;
  readonly preVote: boolean;
  readonly checkQuorum: boolean;
  /** Soft byte limit of the entries in one app message (at least one entry is always sent). */
  readonly maxSizePerMsg: number;
  /** Max app messages in flight to one follower before waiting for acks (pipelining window). */
  readonly maxInflightMsgs: number;
  /** Max bytes of entries in flight to one follower (0 = unlimited). */
  readonly maxInflightBytes: number;
  /** Bytes of proposed-but-uncommitted entries after which proposals are dropped (0 = unlimited). */
  readonly maxUncommittedEntriesSize: number;
  /** Entries kept in the log behind a compaction point, so slightly lagging followers avoid a snapshot. */
  readonly snapshotCatchUpEntries: number;
  /** Injected randomness in [0, 1): the only source of nondeterminism. */
  readonly random: () => number;
}

/** What a node starts from: the state the driver read back from disk (or a bootstrap). */
export interface InitialState {
  readonly hardState: HardState;
  /** The last snapshot; its confState is the membership as of its index. */
  readonly snapshot: Snapshot;
  /** Log entries after snapshot.metadata.index, contiguous. */
  readonly entries: readonly Entry[];
  /** Highest index the state machine has applied (≥ snapshot index); committed entries after it are re-delivered. */
  readonly applied: number;
}

export interface Progress {
  readonly match: number;
  readonly next: number;
  readonly state: "probe" | "replicate" | "snapshot";
  readonly recentActive: boolean;
  readonly inflight: number;
  readonly isLearner: boolean;
}

export interface RaftStatus {
  readonly id: NodeId;
  readonly term: number;
  readonly vote: NodeId | null;
  readonly commit: number;
  readonly applied: number;
  readonly lastIndex: number;
  readonly firstIndex: number;
  readonly role: Role;
  readonly leader: NodeId | null;
  readonly confState: ConfState;
  readonly leadTransferee: NodeId | null;
  /** Only on the leader. */
  readonly progress: Readonly<Record<NodeId, Progress>>;
}
