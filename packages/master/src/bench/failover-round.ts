import type { LocalCluster } from "../process/local-cluster.js";
import type { ContinuousWriter } from "./continuous-writer.js";

export interface FailoverRound {
  readonly killed: string;
  /** Kill → first acknowledged write that started after the kill. */
  readonly gapMs: number;
  readonly newLeader: string;
}

/**
 * One failover of a LocalCluster of masters (the integration test's; the benchmark uses store-failover.ts):
 * SIGKILL the current leader while `writer` writes, measure the gap to the first write acknowledged after
 * the kill, restart the killed member and wait until it caught up.
 */
export async function failoverRound(cluster: LocalCluster, writer: ContinuousWriter): Promise<FailoverRound> {
  const leader = await cluster.waitForLeader();
  // Make sure writes are flowing before the kill, so the gap measures the failover and nothing else.
  await writer.waitForAckAfter(performance.now(), 10_000);
  const killedAt = performance.now();
  cluster.running(leader).kill("SIGKILL");
  await cluster.running(leader).exited.catch(() => undefined);
  const first = await writer.waitForAckAfter(killedAt, 30_000);
  const gapMs = Math.round(first.ackedAt - killedAt);
  const newLeader = await cluster.waitForLeader();
  cluster.spawn(leader);
  await cluster.running(leader).waitReady();
  await cluster.waitCaughtUp(leader, newLeader);
  return { killed: leader, gapMs, newLeader };
}
