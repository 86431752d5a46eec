// A tiny in-memory cluster for scenario tests: it persists, applies and routes every Ready until the
// cluster is quiet, and can isolate nodes, cut links or drop messages by predicate.
import {
  bootstrapState,
  decodeConfChange,
  defaultRaftConfig,
  type Entry,
  type HardState,
  type InitialState,
  type Message,
  type RaftConfig,
  RaftNode,
  type ReadState,
  type Ready,
  type Snapshot,
  seededRandom,
} from "@tskube/raft";

export interface Disk {
  hardState: HardState;
  snapshot: Snapshot;
  entries: Entry[];
  applied: number;
}

export interface ClusterOptions {
  /** Config overrides for every node. */
  readonly config?: Partial<Omit<RaftConfig, "id" | "random">>;
  /** Initial state per node (default: bootstrap of all ids). */
  readonly state?: (id: string) => InitialState;
  readonly seed?: number;
}

const enc = new TextEncoder();
const dec = new TextDecoder();
export const bytes = (s: string): Uint8Array => enc.encode(s);
export const text = (b: Uint8Array): string => dec.decode(b);

export class Cluster {
  readonly nodes = new Map<string, RaftNode>();
  readonly disks = new Map<string, Disk>();
  /** Data of applied normal entries per node, in order (empty entries skipped). */
  readonly applied = new Map<string, string[]>();
  readonly readStates = new Map<string, ReadState[]>();
  /** Every message delivered or dropped, in order, for assertions. */
  readonly sent: Message[] = [];
  readonly isolated = new Set<string>();
  readonly cut = new Set<string>();
  /** Called for every committed entry a node applies (after its snapshot, if any). */
  onApply: (id: string, e: Entry) => void = () => {};
  /** Return false to drop a message. */
  filter: (m: Message) => boolean = () => true;
  /** Messages in flight (delivered by deliver()). */
  queue: Message[] = [];
  private readonly configs = new Map<string, RaftConfig>();

  constructor(
    ids: readonly string[],
    private readonly opts: ClusterOptions = {},
  ) {
    let seed = opts.seed ?? 1;
    for (const id of ids) {
      const cfg: RaftConfig = { ...defaultRaftConfig(id, seededRandom(seed++)), ...opts.config };
      this.configs.set(id, cfg);
      const state = opts.state?.(id) ?? bootstrapState(ids, bytes(""));
      this.start(id, state);
    }
  }

  /** Adds a node (e.g. a joiner) with its own initial state. */
  add(id: string, state: InitialState): RaftNode {
    const cfg: RaftConfig = {
      ...defaultRaftConfig(id, seededRandom(1000 + this.configs.size)),
      ...this.opts.config,
    };
    this.configs.set(id, cfg);
    return this.start(id, state);
  }

  private start(id: string, state: InitialState): RaftNode {
    this.disks.set(id, {
      hardState: state.hardState,
      snapshot: state.snapshot,
      entries: [...state.entries],
      applied: state.applied,
    });
    if (!this.applied.has(id)) this.applied.set(id, []);
    if (!this.readStates.has(id)) this.readStates.set(id, []);
    const node = new RaftNode(this.configs.get(id)!, state);
    this.nodes.set(id, node);
    return node;
  }

  /** Simulates a crash and restart: the node comes back from what it persisted. */
  restart(id: string): RaftNode {
    const d = this.disks.get(id)!;
    return this.start(id, {
      hardState: d.hardState,
      snapshot: d.snapshot,
      entries: [...d.entries],
      applied: d.applied,
    });
  }

  node(id: string): RaftNode {
    const n = this.nodes.get(id);
    if (n === undefined) throw new Error(`no node ${id}`);
    return n;
  }

  leader(): string | null {
    const leaders = [...this.nodes.entries()].filter(([, n]) => n.status().role === "leader");
    if (leaders.length === 0) return null;
    // With partitions two nodes may believe they lead (different terms): the highest term wins.
    leaders.sort(([, a], [, b]) => b.status().term - a.status().term);
    return leaders[0]![0];
  }

  isolate(id: string): void {
    this.isolated.add(id);
  }

  heal(): void {
    this.isolated.clear();
    this.cut.clear();
    this.filter = () => true;
  }

  cutLink(a: string, b: string): void {
    this.cut.add(`${a}>${b}`);
    this.cut.add(`${b}>${a}`);
  }

  private allowed(m: Message): boolean {
    return (
      !this.isolated.has(m.from) &&
      !this.isolated.has(m.to) &&
      !this.cut.has(`${m.from}>${m.to}`) &&
      this.nodes.has(m.to) &&
      this.filter(m)
    );
  }

  /** Runs one Ready cycle on `id`: persist, apply, queue its messages, advance. */
  process(id: string): boolean {
    const node = this.node(id);
    if (!node.hasReady()) return false;
    this.finish(id, this.begin(id));
    return true;
  }

  /** Takes a Ready and sends the messages that may leave before persisting (the driver's first half). */
  begin(id: string): Ready {
    const rd = this.node(id).ready();
    const persistedTerm = this.disks.get(id)!.hardState.term;
    for (const m of rd.messages) {
      // Messages that leave before persisting may only speak for a term already on disk.
      if (m.term > persistedTerm)
        throw new Error(`${id} sends ${m.type}@${m.term} before persisting the term`);
      if (!["app", "heartbeat", "snap", "timeoutNow", "readIndexResp"].includes(m.type))
        throw new Error(`${id} sends ${m.type} before persisting`);
    }
    this.queue.push(...rd.messages);
    return rd;
  }

  /** Durability promises a message makes, checked against what the sender has on disk right now. */
  private checkPromises(id: string, m: Message): void {
    const disk = this.disks.get(id)!;
    if (m.type === "voteResp" && !m.reject) {
      // Either the vote is on disk, or a later term is (then no other vote in m.term can follow).
      const kept = disk.hardState.term === m.term && disk.hardState.vote === m.to;
      if (!kept && disk.hardState.term <= m.term)
        throw new Error(`${id} grants a vote to ${m.to}@${m.term} that is not on disk`);
    }
    const h = disk.hardState;
    if (m.type === "vote" && (h.term < m.term || (h.term === m.term && h.vote !== id)))
      throw new Error(`${id} asks for votes before persisting its own`);
    if (m.type === "appResp" && !m.reject) {
      const onDisk = m.index <= disk.snapshot.metadata.index || disk.entries.some((e) => e.index === m.index);
      if (!onDisk) throw new Error(`${id} acks ${m.index}, which is not on disk`);
    }
  }

  /** Persists, sends the rest, applies and advances (the second half). */
  finish(id: string, rd: Ready): void {
    const node = this.node(id);
    const disk = this.disks.get(id)!;
    if (rd.snapshot !== null) {
      disk.snapshot = rd.snapshot;
      disk.entries = [];
      disk.applied = rd.snapshot.metadata.index;
    }
    if (rd.entries.length > 0) {
      const first = rd.entries[0]!.index;
      // Committed entries are never replaced (they may be rewritten unchanged).
      for (const e of rd.entries) {
        if (e.index > disk.hardState.commit) break;
        const old = disk.entries.find((d) => d.index === e.index);
        if (old !== undefined && old.term !== e.term)
          throw new Error(`${id} overwrites committed entry ${e.index}`);
      }
      disk.entries = disk.entries.filter((e) => e.index < first).concat(rd.entries);
    }
    if (rd.hardState !== null) {
      const h = disk.hardState;
      if (rd.hardState.term < h.term) throw new Error(`${id}: term goes back`);
      if (rd.hardState.term === h.term && h.vote !== null && rd.hardState.vote !== h.vote)
        throw new Error(`${id}: votes twice in term ${h.term}`);
      if (rd.hardState.commit < h.commit) throw new Error(`${id}: commit goes back`);
      disk.hardState = rd.hardState;
    }
    for (const m of rd.messagesAfterPersist) this.checkPromises(id, m);
    this.queue.push(...rd.messagesAfterPersist);
    for (const e of rd.committedEntries) {
      this.onApply(id, e);
      if (e.type === "confChange") node.applyConfChange(decodeConfChange(e.data));
      else if (e.data.byteLength > 0) this.applied.get(id)!.push(text(e.data));
      disk.applied = e.index;
    }
    this.readStates.get(id)!.push(...rd.readStates);
    node.advance(rd);
  }

  /** Delivers queued messages once (dropping what the partition forbids); returns how many were delivered. */
  deliver(): number {
    const batch = this.queue;
    this.queue = [];
    let n = 0;
    for (const m of batch) {
      this.sent.push(m);
      if (!this.allowed(m)) continue;
      this.node(m.to).step(m);
      n++;
    }
    return n;
  }

  /** Processes Readies and delivers messages until nothing moves. */
  stabilize(maxRounds = 1000): void {
    for (let i = 0; i < maxRounds; i++) {
      let moved = false;
      for (const id of this.nodes.keys()) while (this.process(id)) moved = true;
      if (this.queue.length > 0) {
        this.deliver();
        moved = true;
      }
      if (!moved) return;
    }
    throw new Error("cluster did not stabilize");
  }

  /** Like stabilize, but stops as soon as `done()` holds (checked after every step). */
  stabilizeUntil(done: () => boolean, maxRounds = 1000): void {
    for (let i = 0; i < maxRounds; i++) {
      if (done()) return;
      let moved = false;
      for (const id of this.nodes.keys()) {
        while (this.process(id)) {
          moved = true;
          if (done()) return;
        }
      }
      const batch = this.queue;
      this.queue = [];
      for (const [k, m] of batch.entries()) {
        this.queue = batch.slice(k + 1);
        this.sent.push(m);
        if (this.allowed(m)) this.node(m.to).step(m);
        moved = true;
        if (done()) return;
      }
      this.queue = [];
      if (!moved) return;
    }
    throw new Error("condition not reached");
  }

  /** Ticks every (non-isolated unless `all`) node once and stabilizes, `n` times. */
  tick(n = 1, ids: readonly string[] = [...this.nodes.keys()]): void {
    for (let i = 0; i < n; i++) {
      for (const id of ids) this.node(id).tick();
      this.stabilize();
    }
  }

  /** Ticks until some node leads, at most `max` ticks. */
  electLeader(max = 200): string {
    for (let i = 0; i < max; i++) {
      const l = this.leader();
      if (l !== null) return l;
      this.tick();
    }
    throw new Error("no leader elected");
  }
}
