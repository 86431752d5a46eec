import { loadavg } from "node:os";
import { KvClient } from "../client/kv-client.js";
import { LocalCluster } from "../process/local-cluster.js";

/** etcd 3.4, 3 members on this machine, leader-only puts of 256 B to random keys in 100k (research/raft.md A.1). */
export const ETCD_WRITE_FIGURES: readonly EtcdWriteFigure[] = [
  { inFlight: 1, writesPerSec: 590, p50Ms: 1.57, p99Ms: 4.6 },
  { inFlight: 16, writesPerSec: 2595, p50Ms: 5.56, p99Ms: 16.4 },
  { inFlight: 64, writesPerSec: 4055, p50Ms: 14.7, p99Ms: 36.2 },
  { inFlight: 256, writesPerSec: 4852, p50Ms: 49.7, p99Ms: 96.3 },
];

export interface EtcdWriteFigure {
  readonly inFlight: number;
  readonly writesPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export interface WriteBenchRow {
  readonly inFlight: number;
  readonly writes: number;
  readonly failed: number;
  readonly seconds: number;
  readonly writesPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export interface WriteBenchResult {
  readonly leader: string;
  readonly valueBytes: number;
  readonly keySpace: number;
  /** 1-minute load average before and after the run: other work on the box skews the figures. */
  readonly loadAverage: { readonly before: number; readonly after: number };
  readonly rows: readonly WriteBenchRow[];
  readonly etcd: readonly EtcdWriteFigure[];
}

export interface WriteBenchOptions {
  /** Measured time per row (default 5000 ms), after a warm-up of a fifth of it. */
  readonly durationMs?: number;
  /** In-flight levels after the sequential row (default 16, 64, 256). */
  readonly concurrency?: readonly number[];
  readonly print?: (text: string) => void;
  readonly binPath?: string;
}

const VALUE_BYTES = 256;
const KEY_SPACE = 100_000;

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/**
 * `inFlight` workers, each issuing one put at a time to the leader, for `durationMs` after `warmupMs`
 * (whose writes are not counted). Keys are random in the 100k key space, values 256 B.
 */
async function measure(
  client: KvClient,
  inFlight: number,
  warmupMs: number,
  durationMs: number,
): Promise<WriteBenchRow> {
  const value = "v".repeat(VALUE_BYTES);
  const start = performance.now();
  const measureFrom = start + warmupMs;
  const end = measureFrom + durationMs;
  const latencies: number[] = [];
  let failed = 0;
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      const key = `bench/${Math.floor(Math.random() * KEY_SPACE)}`;
      const t0 = performance.now();
      try {
        await client.put(key, value);
        const t1 = performance.now();
        if (t0 >= measureFrom && t1 <= end) latencies.push(t1 - t0);
      } catch {
        if (t0 >= measureFrom) failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  latencies.sort((a, b) => a - b);
  const seconds = durationMs / 1000;
  return {
    inFlight,
    writes: latencies.length,
    failed,
    seconds,
    writesPerSec: Math.round(latencies.length / seconds),
    p50Ms: round2(percentile(latencies, 50)),
    p99Ms: round2(percentile(latencies, 99)),
    maxMs: round2(latencies[latencies.length - 1] ?? Number.NaN),
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

export function formatWriteBenchResult(r: WriteBenchResult): string {
  const pad = (s: string, n: number): string => s.padStart(n);
  const header = `  ${pad("in flight", 9)} │ ${pad("writes/s", 8)} ${pad("p50 ms", 7)} ${pad("p99 ms", 7)} │ ${pad("writes/s", 8)} ${pad("p50 ms", 7)} ${pad("p99 ms", 7)}`;
  const lines = [
    `write: 3 masters on loopback, puts to the leader (${r.leader}), ${r.valueBytes} B values, random keys in ${r.keySpace / 1000}k`,
    `  ${pad("", 9)} │ ${"tskube".padEnd(24)} │ etcd 3.4 measured on this machine type (research/raft.md)`,
    header,
  ];
  for (const row of r.rows) {
    const etcd = r.etcd.find((e) => e.inFlight === row.inFlight);
    const theirs =
      etcd === undefined
        ? ""
        : `${pad(String(etcd.writesPerSec), 8)} ${pad(etcd.p50Ms.toFixed(2), 7)} ${pad(etcd.p99Ms.toFixed(2), 7)}`;
    const fails = row.failed > 0 ? `  (${row.failed} failed)` : "";
    lines.push(
      `  ${pad(String(row.inFlight), 9)} │ ${pad(String(row.writesPerSec), 8)} ${pad(row.p50Ms.toFixed(2), 7)} ${pad(row.p99Ms.toFixed(2), 7)} │ ${theirs}${fails}`,
    );
  }
  lines.push(
    `  load average (1 min) before ${r.loadAverage.before.toFixed(2)}, after ${r.loadAverage.after.toFixed(2)} (2 cores shared with other work)`,
  );
  return lines.join("\n");
}

/** Starts 3 masters, measures sequential and concurrent puts to the leader, prints and returns the table. */
export async function runWriteBench(options: WriteBenchOptions = {}): Promise<WriteBenchResult> {
  const durationMs = options.durationMs ?? 5000;
  const warmupMs = Math.round(durationMs / 5);
  const levels = [1, ...(options.concurrency ?? [16, 64, 256])];
  const before = loadavg()[0] ?? 0;
  const cluster = await LocalCluster.start({
    size: 3,
    logLevel: "warn",
    ...(options.binPath !== undefined && { binPath: options.binPath }),
  });
  let client: KvClient | null = null;
  try {
    const leader = await cluster.waitForLeader();
    client = new KvClient([cluster.clientEndpoint(leader)], { deadlineMs: 10_000 });
    const rows: WriteBenchRow[] = [];
    for (const n of levels) rows.push(await measure(client, n, warmupMs, durationMs));
    const result: WriteBenchResult = {
      leader,
      valueBytes: VALUE_BYTES,
      keySpace: KEY_SPACE,
      loadAverage: { before, after: loadavg()[0] ?? 0 },
      rows,
      etcd: ETCD_WRITE_FIGURES,
    };
    (options.print ?? ((t: string) => process.stdout.write(`${t}\n`)))(formatWriteBenchResult(result));
    return result;
  } finally {
    client?.close();
    await cluster.destroy();
  }
}
