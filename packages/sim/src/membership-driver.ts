import { type ConfChange, type ConfState, type NodeId, RaftError } from "@tskube/raft";
import type { Rng } from "./rng.js";
import type { SimContext } from "./sim-context.js";
import type { SimHost } from "./sim-node.js";

/** What the driver needs from the world: the current leader, new members, and shutting old ones down. */
export interface MembershipWorld {
  /** The live host that leads the highest term (by its own status), if any. */
  leader(): SimHost | null;
  /** A fresh member with a never-used id, started from an empty state. */
  newJoiner(): SimHost;
  /** Shut a removed member down for good. */
  retire(id: NodeId): void;
}

type Step =
  | { readonly kind: "addLearner"; readonly id: NodeId }
  | { readonly kind: "catchUp"; readonly id: NodeId }
  | { readonly kind: "addVoter"; readonly id: NodeId }
  | { readonly kind: "remove"; readonly id: NodeId | null };

const POLL_MS = 50;
const REPROPOSE_MS = 400;

/**
 * Replaces a member the way an operator would: add a learner with a new id, wait until it has caught
 * up, promote it, remove the old member (or remove first, on clusters big enough to keep ≥ 3 voters),
 * then shut the old one down. Each step is re-proposed to whoever leads until the leader's applied
 * configuration shows it, since proposals can be lost with a leader.
 */
export class MembershipDriver {
  private steps: Step[] = [];
  private lastProposal = Number.NEGATIVE_INFINITY;
  private changes = 0;
  private polling = false;

  constructor(
    private readonly ctx: SimContext,
    private readonly rng: Rng,
    private readonly world: MembershipWorld,
  ) {}

  get busy(): boolean {
    return this.steps.length > 0;
  }

  /** Start one replacement; the victim is picked when its removal is proposed (sometimes the leader). */
  replace(): void {
    if (this.busy) return;
    const joiner = this.world.newJoiner();
    // Usually the learner catches up before its promotion (for availability); sometimes an impatient
    // operator promotes it at once, which must be just as safe.
    const add: Step[] = [{ kind: "addLearner", id: joiner.id }];
    if (this.rng.chance(0.75)) add.push({ kind: "catchUp", id: joiner.id });
    add.push({ kind: "addVoter", id: joiner.id });
    const removeFirst = this.ctx.params.nodes >= 5 && this.rng.chance(0.5);
    const remove: Step = { kind: "remove", id: null };
    this.steps = removeFirst ? [remove, ...add] : [...add, remove];
    this.ctx.trace(
      () =>
        `membership: replacing a member with ${joiner.id} (${removeFirst ? "remove first" : "add first"})`,
    );
    if (!this.polling) {
      this.polling = true;
      this.ctx.queue.after(POLL_MS, () => this.poll());
    }
  }

  private poll(): void {
    const step = this.steps[0];
    if (step === undefined) {
      this.polling = false;
      return;
    }
    this.ctx.queue.after(POLL_MS, () => this.poll());
    const leader = this.world.leader();
    const raft = leader?.raft;
    if (leader === null || raft === null || raft === undefined) return;
    const status = raft.status();
    const conf = status.confState;
    switch (step.kind) {
      case "addLearner":
        if (isMember(conf, step.id)) this.advance();
        else this.propose(leader, { type: "addLearner", id: step.id, context: this.context() });
        return;
      case "catchUp": {
        const progress = status.progress[step.id];
        if (progress !== undefined && progress.match >= status.commit) this.advance();
        return;
      }
      case "addVoter":
        if (conf.voters.includes(step.id)) this.advance();
        else this.propose(leader, { type: "addVoter", id: step.id, context: this.context() });
        return;
      case "remove": {
        if (step.id === null) {
          if (conf.voters.length <= 3) return;
          // Sometimes the leader itself: it must step down once the change is applied.
          const victim = this.rng.chance(0.4) ? leader.id : this.rng.pick(conf.voters);
          this.steps[0] = { kind: "remove", id: victim };
          this.lastProposal = Number.NEGATIVE_INFINITY;
          return;
        }
        if (!isMember(conf, step.id)) {
          const gone = step.id;
          this.advance();
          // Shut down a little later: it may still have to learn of its removal, like a real operator's delay.
          this.ctx.queue.after(this.rng.between(0, 300), () => this.world.retire(gone));
        } else {
          this.propose(leader, { type: "remove", id: step.id, context: this.context() });
        }
        return;
      }
    }
  }

  private advance(): void {
    const done = this.steps.shift();
    this.lastProposal = Number.NEGATIVE_INFINITY;
    this.ctx.trace(() => `membership: step done ${done?.kind} ${done?.id}`);
  }

  private propose(leader: SimHost, cc: ConfChange): void {
    const raft = leader.raft;
    const now = this.ctx.queue.now;
    if (raft === null || now - this.lastProposal < REPROPOSE_MS) return;
    this.lastProposal = now;
    try {
      raft.proposeConfChange(cc);
    } catch (e) {
      if (e instanceof RaftError && (e.code === "ProposalDropped" || e.code === "ConfChangeRejected")) {
        this.ctx.trace(() => `membership: ${leader.id} refused ${cc.type} ${cc.id}: ${e.code}`);
        return;
      }
      throw e;
    }
    this.ctx.trace(() => `membership: proposed ${cc.type} ${cc.id} to ${leader.id}`);
    leader.pump();
  }

  private context(): string {
    return `chg${++this.changes}`;
  }
}

function isMember(conf: ConfState, id: NodeId): boolean {
  return conf.voters.includes(id) || conf.learners.includes(id);
}
