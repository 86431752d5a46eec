import type { Rng } from "./rng.js";
import type { NetworkParams } from "./sim-network.js";

/** Everything about one run that the seed decides: cluster tuning, network quality, load, fault rate. */
export interface SimParams {
  readonly nodes: number;
  /** Virtual ms between two ticks of a node. */
  readonly tickMs: number;
  readonly electionTick: number;
  readonly heartbeatTick: number;
  /** Length of the fault phase; then everything heals and progress is required. */
  readonly chaosMs: number;
  /** After the fault phase ends, the cluster must commit and converge within this many virtual ms. */
  readonly progressDeadlineMs: number;
  readonly network: NetworkParams;
  readonly fsyncMinMs: number;
  readonly fsyncMaxMs: number;
  /** Each node's tick interval is off by up to this fraction (clock drift). */
  readonly clockDrift: number;
  /** Probability that one fsync is slow (10–40 ms), so crashes hit more in-flight writes. */
  readonly slowFsyncRate: number;
  readonly clients: number;
  readonly keys: number;
  readonly opTimeoutMs: number;
  readonly thinkMaxMs: number;
  /** A node takes a snapshot after this many applied entries. */
  readonly compactEvery: number;
  readonly snapshotCatchUpEntries: number;
  readonly maxSizePerMsg: number;
  readonly maxInflightMsgs: number;
  /** Mean virtual ms between two scheduled faults during the chaos phase. */
  readonly faultEveryMs: number;
  /** Membership replacements (add a new member, remove an old one) attempted during the chaos phase. */
  readonly replacements: number;
  /** Probability of crashing a node right after it persisted and sent a vote (the moment a lost vote hurts). */
  readonly crashAfterVoteRate: number;
  /** Probability of crashing a node right after it persisted log entries. */
  readonly crashAfterAppendRate: number;
}

export function randomParams(rng: Rng, nodes: number, chaosMs: number): SimParams {
  const minDelayMs = rng.between(0.5, 3);
  return {
    nodes,
    tickMs: 10,
    electionTick: 10,
    heartbeatTick: 1,
    chaosMs,
    progressDeadlineMs: 5000,
    network: {
      minDelayMs,
      maxDelayMs: minDelayMs + rng.between(2, 28),
      dropRate: rng.chance(0.2) ? 0 : rng.between(0, 0.1),
      dupRate: rng.chance(0.3) ? 0 : rng.between(0, 0.03),
      snapExtraDelayMs: rng.between(2, 30),
    },
    clockDrift: rng.chance(0.5) ? 0 : rng.between(0, 0.15),
    fsyncMinMs: rng.between(0.1, 1),
    fsyncMaxMs: rng.between(1, 5),
    slowFsyncRate: rng.chance(0.5) ? 0 : 0.02,
    clients: rng.int(3, 5),
    keys: rng.int(3, 5),
    opTimeoutMs: rng.between(1000, 2000),
    thinkMaxMs: rng.between(5, 40),
    compactEvery: rng.int(10, 60),
    snapshotCatchUpEntries: rng.int(0, 10),
    maxSizePerMsg: rng.pick([256, 1024, 64 * 1024]),
    maxInflightMsgs: rng.pick([1, 4, 16, 256]),
    faultEveryMs: rng.between(250, 900),
    replacements: rng.chance(0.4) ? 0 : rng.chance(0.7) ? 1 : 2,
    crashAfterVoteRate: rng.chance(0.3) ? 0 : rng.between(0.05, 0.3),
    crashAfterAppendRate: rng.chance(0.5) ? 0 : rng.between(0.001, 0.01),
  };
}
