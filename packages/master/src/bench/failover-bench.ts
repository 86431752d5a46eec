import { LocalCluster, sleep } from "../process/local-cluster.js";
import { ContinuousWriter } from "./continuous-writer.js";

/** etcd 3.4, 3 members on this machine, 100 ms client deadline + immediate retry (research/raft.md A.1). */
export const ETCD_FAILOVER_MEDIAN_MS = 1174;

export interface FailoverRound {
  readonly killed: string;
  /** Kill → first acknowledged write that started after the kill. */
  readonly gapMs: number;
  readonly newLeader: string;
}

export interface FailoverBenchResult {
  readonly rounds: readonly FailoverRound[];
  readonly gapsMs: readonly number[];
  readonly medianMs: number;
  readonly etcdMedianMs: number;
  readonly ackedWrites: number;
  readonly failedAttempts: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * One failover: SIGKILL the current leader while `writer` writes, measure the gap to the first write
 * acknowledged after the kill, restart the killed member and wait until it caught up.
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

export function formatFailoverResult(r: FailoverBenchResult): string {
  const lines = [
    "failover: SIGKILL the leader of 3 masters; gap = kill → first acknowledged write (100 ms deadline, immediate retry)",
    ...r.rounds.map(
      (x, i) => `  round ${i + 1}: killed ${x.killed}, new leader ${x.newLeader}, gap ${x.gapMs} ms`,
    ),
    `  tskube median ${r.medianMs} ms (min ${Math.min(...r.gapsMs)}, max ${Math.max(...r.gapsMs)})`,
    `  etcd 3.4 median ${r.etcdMedianMs} ms (same machine, same client behaviour; research/raft.md)`,
    `  ${r.ackedWrites} writes acknowledged, ${r.failedAttempts} failed attempts`,
  ];
  return lines.join("\n");
}

/** Starts 3 masters, measures `rounds` (≥ 5) kill→first-commit gaps, prints and returns them. */
export async function runFailoverBench(
  options: { rounds?: number; print?: (text: string) => void; binPath?: string } = {},
): Promise<FailoverBenchResult> {
  const rounds = Math.max(5, options.rounds ?? 5);
  const cluster = await LocalCluster.start({
    size: 3,
    logLevel: "warn",
    ...(options.binPath !== undefined && { binPath: options.binPath }),
  });
  const writer = new ContinuousWriter(() => cluster.clientEndpoints(), { deadlineMs: 100, prefix: "bench" });
  try {
    writer.start();
    const done: FailoverRound[] = [];
    for (let i = 0; i < rounds; i++) {
      done.push(await failoverRound(cluster, writer));
      await sleep(200);
    }
    await writer.stop();
    const gapsMs = done.map((r) => r.gapMs);
    const result: FailoverBenchResult = {
      rounds: done,
      gapsMs,
      medianMs: median(gapsMs),
      etcdMedianMs: ETCD_FAILOVER_MEDIAN_MS,
      ackedWrites: writer.acked.length,
      failedAttempts: writer.failedAttempts,
    };
    (options.print ?? ((t: string) => process.stdout.write(`${t}\n`)))(formatFailoverResult(result));
    return result;
  } finally {
    await writer.stop();
    await cluster.destroy();
  }
}
