import type { BenchSystem } from "./bench-system.js";
import { ContinuousWriter } from "./continuous-writer.js";
import { findLeader, waitCaughtUp } from "./store-leader.js";
import type { StoreLoadClient } from "./store-load.js";

/** Per-attempt deadline of the failover client (research/raft.md A.1, the 1,174 ms etcd row). */
export const FAILOVER_DEADLINE_MS = 100;

export interface StoreFailoverRound {
  readonly killed: string;
  /** The surviving member the client wrote to. */
  readonly writeTarget: string;
  readonly newLeader: string;
  /** Last acknowledged write before the kill → first acknowledged write started after it. */
  readonly gapMs: number;
  /** The kill itself → that first acknowledged write. */
  readonly killToFirstMs: number;
  readonly failedAttempts: number;
}

/**
 * One round: a single client writes continuously to a surviving member (100 ms deadline per attempt,
 * immediate retry), the leader is SIGKILLed, and the gap runs from the last write acknowledged before the
 * kill to the first write acknowledged after it. Then the killed member restarts on its data dir and the
 * round ends once it follows a leader and applied all the leader had committed.
 */
export async function storeFailoverRound(
  system: BenchSystem,
  client: StoreLoadClient,
  round: number,
): Promise<StoreFailoverRound> {
  const leader = await findLeader(client, system.members());
  const target = system.members().find((m) => m.name !== leader.name);
  if (target === undefined) throw new Error("failover needs at least 2 members");
  const writer = new ContinuousWriter(() => [target.endpoint], {
    deadlineMs: FAILOVER_DEADLINE_MS,
    prefix: `failover/${round}`,
  });
  writer.start();
  let killedAt: number;
  let first: { ackedAt: number };
  try {
    // Writes flow before the kill, so the gap measures the failover and nothing else.
    await writer.waitForAckAfter(performance.now(), 10_000);
    await writer.waitForAckAfter(performance.now() + 100, 10_000);
    killedAt = performance.now();
    await system.kill(leader.name);
    first = await writer.waitForAckAfter(killedAt, 30_000);
  } finally {
    await writer.stop();
  }
  const last = writer.lastAckBefore(killedAt);
  if (last === undefined) throw new Error("no write acknowledged before the kill");
  client.forget(leader.endpoint);
  const survivors = system.members().filter((m) => m.name !== leader.name);
  const newLeader = await findLeader(client, survivors);
  await system.restart(leader.name);
  await waitCaughtUp(client, leader, newLeader);
  return {
    killed: leader.name,
    writeTarget: target.name,
    newLeader: newLeader.name,
    gapMs: Math.round(first.ackedAt - last.ackedAt),
    killToFirstMs: Math.round(first.ackedAt - killedAt),
    failedAttempts: writer.failedAttempts,
  };
}
