import {
  checkOperations,
  HistoryRecorder,
  type KvInput,
  type KvOutput,
  kvModel,
} from "@tskube/linearizability";
import {
  bootstrapState,
  type ConfChange,
  emptyState,
  type Message,
  type NodeId,
  type Ready,
} from "@tskube/raft";
import { encodeAppSnapshot } from "./app-snapshot.js";
import { EventQueue } from "./event-queue.js";
import { FaultInjector } from "./fault-injector.js";
import { Invariants } from "./invariants.js";
import { KvStateMachine } from "./kv-state-machine.js";
import { MembershipDriver } from "./membership-driver.js";
import { MvccReplica } from "./mvcc-replica.js";
import { Rng } from "./rng.js";
import { SimClient } from "./sim-client.js";
import type { HarnessFaults, SimContext } from "./sim-context.js";
import { SimNetwork } from "./sim-network.js";
import { SimHost } from "./sim-node.js";
import { randomParams, type SimParams } from "./sim-params.js";
import { emptyStats, type SimStats } from "./sim-stats.js";

export interface SimOptions {
  readonly seed: number;
  /** Founding voters: 3 or 5. */
  readonly nodes: number;
  /** Length of the fault phase in virtual ms (default 6000). */
  readonly chaosMs?: number;
  readonly faults?: HarnessFaults;
  /** Receives a line per event of interest (slow: only for replaying one seed). */
  readonly trace?: (line: string) => void;
  /** Wall-clock budget of the linearizability check (default 10 s). */
  readonly checkTimeoutMs?: number;
}

export interface SeedResult {
  readonly seed: number;
  readonly nodes: number;
  /** Empty when the run was safe, made progress, and its history is linearizable. */
  readonly violations: string[];
  readonly stats: SimStats;
}

const PROBE_KEY = "_probe";
/** A normal run takes 5–20 thousand events; far more means messages multiply without end. */
const MAX_EVENTS = 100_000;

/** One whole cluster, its clients and its faults, run in virtual time from one seed. */
export class Simulation implements SimContext {
  readonly queue = new EventQueue();
  readonly rng: Rng;
  readonly network: SimNetwork;
  readonly invariants: Invariants;
  readonly params: SimParams;
  readonly stats: SimStats = emptyStats();
  readonly faults: HarnessFaults;
  readonly recorder = new HistoryRecorder<KvInput, KvOutput>();
  readonly tracing: boolean;
  private readonly violations: string[] = [];
  private readonly hosts = new Map<NodeId, SimHost>();
  private readonly clients: SimClient[] = [];
  private readonly membership: MembershipDriver;
  private readonly unreachableRng: Rng;
  private readonly crashPointRng: Rng;
  private readonly confIndexes = new Set<number>();
  private lastId: number;
  private stopped = false;
  healing = false;
  private healStart = 0;
  private probeIndex: number | null = null;
  private probes = 0;
  private lastProbe = Number.NEGATIVE_INFINITY;
  private progressMade = false;

  constructor(private readonly options: SimOptions) {
    this.rng = new Rng(options.seed);
    this.params = randomParams(this.rng, options.nodes, options.chaosMs ?? 6000);
    this.faults = options.faults ?? {};
    this.tracing = options.trace !== undefined;
    this.invariants = new Invariants((v) => this.violation(v));
    this.network = new SimNetwork(this.queue, this.rng.fork(), this.params.network, (msg) =>
      this.deliver(msg),
    );
    this.membership = new MembershipDriver(this, this.rng.fork(), {
      leader: () => this.leader(),
      newJoiner: () => this.newJoiner(),
      retire: (id) => this.retire(id),
    });
    this.unreachableRng = this.rng.fork();
    this.crashPointRng = this.rng.fork();
    this.lastId = options.nodes;
  }

  trace(line: () => string): void {
    if (this.options.trace !== undefined)
      this.options.trace(`[${this.queue.now.toFixed(2).padStart(9)}] ${line()}`);
  }

  violation(text: string): void {
    if (this.stopped && this.violations.length > 0) return;
    const line = `t=${this.queue.now.toFixed(1)}ms ${text}`;
    this.violations.push(line);
    this.trace(() => `VIOLATION ${text}`);
    this.stopped = true;
  }

  commandApplied(_by: NodeId, id: string, index: number): void {
    if (this.probeIndex === null && id.startsWith("probe.")) this.probeIndex = index;
  }

  confChangeApplied(_by: NodeId, _cc: ConfChange, index: number): void {
    this.confIndexes.add(index);
  }

  persisted(host: SimHost, rd: Ready): void {
    if (this.healing) return;
    const p = this.params;
    const voted = rd.messagesAfterPersist.some((m) => m.type === "voteResp" && !m.reject);
    const rng = this.crashPointRng;
    const hit =
      (voted && p.crashAfterVoteRate > 0 && rng.chance(p.crashAfterVoteRate)) ||
      (rd.snapshot !== null && p.crashAfterVoteRate > 0 && rng.chance(0.3)) ||
      (rd.entries.length > 0 && p.crashAfterAppendRate > 0 && rng.chance(p.crashAfterAppendRate));
    if (!hit) return;
    // Mostly a process crash with an immediate restart: back before the other candidates' requests arrive.
    const down = rng.chance(0.7) ? rng.between(0, 5) : rng.between(5, 100);
    const what = voted ? "voting" : rd.snapshot !== null ? "installing a snapshot" : "appending";
    this.queue.after(0, () => {
      if (!host.alive || this.healing) return;
      this.trace(() => `FAULT crash point: ${host.id} right after ${what}, down ${down.toFixed(0)} ms`);
      host.crash();
      this.stats.crashes++;
      this.queue.after(down, () => {
        if (host.alive || host.retired) return;
        host.start();
        this.stats.restarts++;
      });
    });
  }

  run(): SeedResult {
    const p = this.params;
    const founders = Array.from({ length: p.nodes }, (_, i) => `n${i + 1}`);
    const genesis = encodeAppSnapshot({
      kv: KvStateMachine.genesisData(),
      mvcc: MvccReplica.empty().encode(),
    });
    const initial = bootstrapState(founders, genesis);
    for (const id of founders) this.hosts.set(id, new SimHost(id, this, this.rng.fork(), initial));
    this.trace(() => `seed ${this.options.seed}: ${JSON.stringify(p)}`);
    for (const h of this.hosts.values()) h.start();
    for (let i = 0; i < p.clients; i++) {
      const client = new SimClient(i, this, this.rng.fork(), (rng) => this.pickHost(rng));
      this.clients.push(client);
      client.start();
    }
    const sim = this;
    new FaultInjector(this, this.rng.fork(), {
      hosts: () => this.liveMembers(),
      leader: () => this.leader(),
      replaceMember: () => this.membership.replace(),
      get healing() {
        return sim.healing;
      },
    }).plan();
    this.queue.after(p.chaosMs, () => this.beginHealing());
    const hardEnd = p.chaosMs + p.progressDeadlineMs + p.opTimeoutMs + 1000;
    try {
      while (!this.stopped && this.queue.step(hardEnd)) {
        if (this.queue.processed > MAX_EVENTS) {
          this.violation(
            `runaway: more than ${MAX_EVENTS} events (a message storm?); ${this.network.stats.sent} messages sent`,
          );
        }
      }
    } catch (e) {
      this.violation(
        `uncaught exception (core, or a broken Ready contract): ${e instanceof Error ? (e.stack ?? e.message).split("\n").slice(0, 4).join(" | ") : String(e)}`,
      );
    }
    if (this.violations.length === 0 && !this.progressMade) {
      this.violation("progress: the run ended without the final phase converging");
    }
    if (this.violations.length === 0) this.checkHistory();
    return {
      seed: this.options.seed,
      nodes: this.options.nodes,
      violations: this.violations,
      stats: this.finalStats(),
    };
  }

  private checkHistory(): void {
    const ops = this.recorder.operations();
    const result = checkOperations(kvModel, ops, { timeoutMs: this.options.checkTimeoutMs ?? 10_000 });
    if (result.outcome === "illegal") this.violations.push(`linearizability: ${result.message}`);
    else if (result.outcome === "timeout")
      this.violations.push(`linearizability check timed out (counts as a failure): ${result.message}`);
  }

  private finalStats(): SimStats {
    const s = this.stats;
    s.commits = this.invariants.committedCount;
    s.elections = this.invariants.elections;
    s.maxTerm = this.invariants.maxTerm;
    s.mvccComparisons = this.invariants.mvccComparisons;
    s.confChanges = this.confIndexes.size;
    s.messagesSent = this.network.stats.sent;
    s.messagesDropped = this.network.stats.dropped;
    s.virtualMs = Math.round(this.queue.now);
    s.events = this.queue.processed;
    let dups = 0;
    for (const h of this.hosts.values()) dups += h.sm?.duplicates ?? 0;
    s.duplicateApplies = dups;
    return s;
  }

  private deliver(msg: Message): boolean {
    const host = this.hosts.get(msg.to);
    if (host?.receive(msg)) return true;
    // The real transport notices a dead peer when its stream breaks, and tells the leader.
    if (msg.type === "app" && this.unreachableRng.chance(0.5)) {
      const sender = this.hosts.get(msg.from);
      if (sender?.raft && !sender.paused) {
        sender.raft.reportUnreachable(msg.to);
        sender.pump();
      }
    }
    return false;
  }

  /** Hosts not retired (alive or down). */
  private liveMembers(): SimHost[] {
    const out: SimHost[] = [];
    for (const h of this.hosts.values()) if (!h.retired) out.push(h);
    return out;
  }

  /** The live host leading the highest term, by its own status. */
  private leader(): SimHost | null {
    let best: SimHost | null = null;
    let bestTerm = -1;
    for (const h of this.hosts.values()) {
      const raft = h.raft;
      if (raft === null || h.paused) continue;
      const st = raft.status();
      if (st.role === "leader" && st.term > bestTerm) {
        best = h;
        bestTerm = st.term;
      }
    }
    return best;
  }

  /** Where a client sends its next request: often the node it believes leads, else any live node. */
  private pickHost(rng: Rng): SimHost | null {
    const live: SimHost[] = [];
    let leader: SimHost | null = null;
    for (const h of this.hosts.values()) {
      if (!h.alive || h.paused) continue;
      live.push(h);
      if (h.role === "leader" && (leader === null || h.term > leader.term)) leader = h;
    }
    if (leader !== null && rng.chance(0.6)) return leader;
    return live.length === 0 ? null : rng.pick(live);
  }

  private newJoiner(): SimHost {
    const id = `n${++this.lastId}`;
    const host = new SimHost(id, this, this.rng.fork(), emptyState());
    this.hosts.set(id, host);
    host.start();
    return host;
  }

  private retire(id: NodeId): void {
    const host = this.hosts.get(id);
    if (host === undefined || host.retired) return;
    this.trace(() => `${id} retired (removed from the cluster)`);
    host.retire();
  }

  /** The final phase: heal, restart, stop the load, and demand a new commit that every member applies. */
  private beginHealing(): void {
    this.healing = true;
    this.healStart = this.queue.now;
    this.network.healAll();
    for (const c of this.clients) c.stop();
    for (const h of this.hosts.values()) {
      if (!h.alive && !h.retired) {
        h.start();
        this.stats.restarts++;
      }
    }
    this.trace(() => "FINAL PHASE: healed, all members restarted, clients stopping");
    this.queue.after(0, () => this.probe());
  }

  private probe(): void {
    if (this.stopped) return;
    const now = this.queue.now;
    if (now - this.healStart > this.params.progressDeadlineMs) {
      this.violation(`progress: ${this.progressReport()} ${this.params.progressDeadlineMs} ms after healing`);
      return;
    }
    this.queue.after(50, () => this.probe());
    const leader = this.leader();
    if (leader === null) return;
    if (this.probeIndex === null) {
      if (now - this.lastProbe < 300) return;
      this.lastProbe = now;
      const id = `probe.${this.probes++}`;
      leader.propose({ id, op: { kind: "put", key: PROBE_KEY, value: id } }, () => {});
      return;
    }
    if (this.lagging(leader).length > 0) return;
    if (this.clients.some((c) => c.busy)) return;
    this.progressMade = true;
    this.stopped = true;
    this.trace(() => `FINAL PHASE: converged at index ≥ ${this.probeIndex}`);
  }

  /** Members (by the leader's configuration) that are down or have not applied the probe write. */
  private lagging(leader: SimHost): string[] {
    const raft = leader.raft;
    const probe = this.probeIndex;
    if (raft === null || probe === null) return ["leader"];
    const conf = raft.status().confState;
    const out: string[] = [];
    for (const id of [...conf.voters, ...conf.learners]) {
      const h = this.hosts.get(id);
      const applied = h?.sm?.applied;
      if (applied === undefined || applied < probe) out.push(`${id}(applied ${applied ?? "down"})`);
    }
    return out;
  }

  private progressReport(): string {
    const leader = this.leader();
    if (leader === null) return "no leader";
    if (this.probeIndex === null) return `leader ${leader.id} did not commit a new write`;
    const lag = this.lagging(leader);
    if (lag.length > 0) return `members did not apply the new write at ${this.probeIndex}: ${lag.join(", ")}`;
    return "client requests still outstanding";
  }
}
