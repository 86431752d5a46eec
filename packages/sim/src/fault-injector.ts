import { type NodeId, RaftError } from "@tskube/raft";
import type { Rng } from "./rng.js";
import type { SimContext } from "./sim-context.js";
import type { SimHost } from "./sim-node.js";

/** What faults act on. */
export interface FaultWorld {
  /** Hosts not retired (alive or crashed). */
  hosts(): SimHost[];
  leader(): SimHost | null;
  /** Start a member replacement (add a new id, remove an old one) unless one is running. */
  replaceMember(): void;
  /** True once the final phase began: pending restarts happen at once there, heals are moot. */
  readonly healing: boolean;
}

type FaultKind =
  | "crash"
  | "crashTwo"
  | "quickRestart"
  | "split"
  | "oneWay"
  | "isolate"
  | "lossBurst"
  | "transfer"
  | "pause"
  | "diskStall";

const WEIGHTS: readonly [FaultKind, number][] = [
  ["crash", 22],
  ["crashTwo", 6],
  ["quickRestart", 8],
  ["split", 12],
  ["oneWay", 10],
  ["isolate", 12],
  ["lossBurst", 8],
  ["transfer", 12],
  ["pause", 10],
  ["diskStall", 5],
];

/**
 * The chaos phase: at random times (from the seed), crash and restart nodes (often the leader, sometimes
 * two at once), partition the network (split, one-way, isolate one node), burst the loss rate, move
 * leadership, and replace members. Targets are picked when a fault fires, from the state at that time.
 */
export class FaultInjector {
  constructor(
    private readonly ctx: SimContext,
    private readonly rng: Rng,
    private readonly world: FaultWorld,
  ) {}

  plan(): void {
    const p = this.ctx.params;
    let t = 200;
    for (;;) {
      t += -Math.log(1 - this.rng.float()) * p.faultEveryMs;
      if (t >= p.chaosMs) break;
      const kind = this.pickKind();
      this.ctx.queue.after(t, () => this.fire(kind));
    }
    for (let i = 0; i < p.replacements; i++) {
      this.ctx.queue.after(this.rng.between(100, p.chaosMs * 0.7), () => this.world.replaceMember());
    }
  }

  private pickKind(): FaultKind {
    let total = 0;
    for (const [, w] of WEIGHTS) total += w;
    let r = this.rng.float() * total;
    for (const [kind, w] of WEIGHTS) {
      r -= w;
      if (r < 0) return kind;
    }
    return "crash";
  }

  private fire(kind: FaultKind): void {
    if (this.world.healing) return;
    const live = this.world.hosts().filter((h) => h.alive);
    if (live.length === 0) return;
    const rng = this.rng;
    const target = (): SimHost => {
      const leader = this.world.leader();
      return leader !== null && rng.chance(0.5) ? leader : rng.pick(live);
    };
    switch (kind) {
      case "crash":
        this.crash(target(), this.downtime());
        return;
      case "crashTwo": {
        const a = target();
        const others = live.filter((h) => h !== a);
        this.crash(a, this.downtime());
        if (others.length > 0) this.crash(rng.pick(others), this.downtime());
        return;
      }
      case "quickRestart":
        this.crash(target(), rng.between(0, 20));
        return;
      case "split": {
        const ids = this.world.hosts().map((h) => h.id);
        const side = new Set(ids.filter(() => rng.chance(0.5)));
        const links: [NodeId, NodeId][] = [];
        for (const a of ids) for (const b of ids) if (side.has(a) !== side.has(b)) links.push([a, b]);
        this.partition(links, `split {${[...side].join(",")}} | rest`);
        return;
      }
      case "oneWay": {
        const ids = this.world.hosts().map((h) => h.id);
        const from = rng.pick(ids);
        const to = rng.pick(ids.filter((id) => id !== from).concat(from));
        if (from === to) return;
        this.partition([[from, to]], `one-way ${from}->${to} cut`);
        return;
      }
      case "isolate": {
        const victim = target().id;
        const links: [NodeId, NodeId][] = [];
        for (const h of this.world.hosts()) {
          if (h.id === victim) continue;
          links.push([victim, h.id], [h.id, victim]);
        }
        this.partition(links, `isolate ${victim}`);
        return;
      }
      case "lossBurst": {
        const rate = rng.between(0.2, 0.6);
        const until = this.ctx.queue.now + rng.between(100, 1000);
        this.ctx.network.lossBurst(rate, until);
        this.ctx.stats.lossBursts++;
        this.ctx.trace(() => `FAULT loss burst ${(rate * 100).toFixed(0)}% until ${until.toFixed(1)}`);
        return;
      }
      case "pause": {
        // A stop-the-world pause, often of the leader: it wakes up deposed, with a backlog of messages.
        const victim = target();
        const ms = rng.chance(0.7) ? rng.between(20, 300) : rng.between(300, 1200);
        victim.pause(this.ctx.queue.now + ms);
        this.ctx.stats.pauses++;
        this.ctx.trace(() => `FAULT pause ${victim.id} for ${ms.toFixed(0)} ms`);
        return;
      }
      case "diskStall": {
        const victim = target();
        const ms = rng.between(100, 1000);
        victim.stallDisk(this.ctx.queue.now + ms);
        this.ctx.trace(() => `FAULT disk stall on ${victim.id} for ${ms.toFixed(0)} ms`);
        return;
      }
      case "transfer": {
        const leader = this.world.leader();
        const raft = leader?.raft;
        if (leader === null || raft === null || raft === undefined) return;
        const voters = raft.status().confState.voters.filter((id) => id !== leader.id);
        if (voters.length === 0) return;
        const to = rng.pick(voters);
        try {
          raft.transferLeadership(to);
        } catch (e) {
          if (e instanceof RaftError && e.code === "ProposalDropped") return;
          throw e;
        }
        this.ctx.stats.transfers++;
        this.ctx.trace(() => `FAULT leader transfer ${leader.id} -> ${to}`);
        leader.pump();
        return;
      }
    }
  }

  /** Mostly short outages, sometimes long ones. */
  private downtime(): number {
    return this.rng.chance(0.7) ? this.rng.between(20, 400) : this.rng.between(400, 1500);
  }

  private crash(host: SimHost, downMs: number): void {
    if (!host.alive) return;
    host.crash();
    this.ctx.stats.crashes++;
    this.ctx.queue.after(downMs, () => {
      if (host.alive || host.retired) return;
      host.start();
      this.ctx.stats.restarts++;
    });
  }

  private partition(links: [NodeId, NodeId][], what: string): void {
    if (links.length === 0) return;
    const undo = links.map(([a, b]) => this.ctx.network.cut(a, b));
    const ms = this.rng.chance(0.7) ? this.rng.between(50, 500) : this.rng.between(500, 1500);
    this.ctx.stats.partitions++;
    this.ctx.trace(() => `FAULT partition: ${what} for ${ms.toFixed(0)} ms`);
    this.ctx.queue.after(ms, () => {
      for (const u of undo) u();
      this.ctx.trace(() => `FAULT healed: ${what}`);
    });
  }
}
