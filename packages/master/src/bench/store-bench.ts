import { cpus, loadavg, release, totalmem } from "node:os";
import { BenchGuard } from "./bench-guard.js";
import { type BenchSystem, type SystemName, startEtcdSystem, startTskubeSystem } from "./bench-system.js";
import { CpuMeter, RssSampler } from "./proc-stats.js";
import { median, round2 } from "./stats.js";
import { storeFailoverRound } from "./store-failover.js";
import { LEVELS, type Level, type StoreBenchResult, type SystemFigures } from "./store-figures.js";
import { findLeader } from "./store-leader.js";
import { type LoadResult, measurePuts, StoreLoadClient } from "./store-load.js";
import { formatStoreBench } from "./store-report.js";

export interface StoreBenchOptions {
  /** Which systems to run, in this order (env BENCH_SYSTEMS=etcd,tskube). */
  readonly systems?: readonly SystemName[];
  /** Sequential phase length (env BENCH_SEQ_SECONDS, default 5). */
  readonly seqSeconds?: number;
  /** Length of each throughput phase (env BENCH_SECONDS, default 10). */
  readonly seconds?: number;
  /** Warm-up before every load phase, not measured (env BENCH_WARMUP_SECONDS, default 1). */
  readonly warmupSeconds?: number;
  /** Leader kills per system (env BENCH_FAILOVER_ROUNDS, default 5). */
  readonly failoverRounds?: number;
  /** The `tskube` entry point for the masters (default: the repo's bin/tskube.js, which runs dist/). */
  readonly binPath?: string;
  /** Where the table goes (default stdout). */
  readonly print?: (text: string) => void;
  /** Where one line per phase goes (default stderr). */
  readonly progress?: (text: string) => void;
}

const SIZE = 3;
const SYSTEMS: readonly SystemName[] = ["etcd", "tskube"];

function envNumber(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name}=${raw}: expected a positive number`);
  return n;
}

/** The options `npm run bench -- store` takes from the environment. */
export function storeBenchOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): StoreBenchOptions {
  const systems = env.BENCH_SYSTEMS?.split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  for (const s of systems ?? []) {
    if (!SYSTEMS.includes(s as SystemName)) throw new Error(`BENCH_SYSTEMS: unknown system ${s}`);
  }
  const seqSeconds = envNumber(env, "BENCH_SEQ_SECONDS");
  const seconds = envNumber(env, "BENCH_SECONDS");
  const warmupSeconds = envNumber(env, "BENCH_WARMUP_SECONDS");
  const failoverRounds = envNumber(env, "BENCH_FAILOVER_ROUNDS");
  return {
    ...(systems !== undefined && systems.length > 0 && { systems: systems as SystemName[] }),
    ...(seqSeconds !== undefined && { seqSeconds }),
    ...(seconds !== undefined && { seconds }),
    ...(warmupSeconds !== undefined && { warmupSeconds }),
    ...(failoverRounds !== undefined && { failoverRounds: Math.round(failoverRounds) }),
  };
}

export function machineDescription(): string {
  const list = cpus();
  const gib = totalmem() / 2 ** 30;
  return `${list.length} x ${list[0]?.model.trim() ?? "unknown CPU"}, ${gib.toFixed(1)} GiB RAM, Linux ${release()}`;
}

/**
 * `npm run bench -- store`: a 3-member etcd 3.4 and then a 3-master tskube on loopback (never both at once:
 * 2 cores), each driven by the same load client; prints them side by side with issue 3's targets and
 * returns `{ etcd, tskube }` for bench-results/store.json. Explicit options win over the environment.
 */
export async function runStoreBench(options: StoreBenchOptions = {}): Promise<StoreBenchResult> {
  const o = { ...storeBenchOptionsFromEnv(), ...options };
  const progress = o.progress ?? ((t: string) => process.stderr.write(`store bench: ${t}\n`));
  const guard = new BenchGuard();
  guard.install();
  const result: StoreBenchResult = {};
  try {
    for (const name of o.systems ?? SYSTEMS) result[name] = await benchSystem(name, o, guard, progress);
  } finally {
    guard.uninstall();
  }
  (o.print ?? ((t: string) => process.stdout.write(`${t}\n`)))(formatStoreBench(result));
  return result;
}

async function benchSystem(
  name: SystemName,
  o: StoreBenchOptions,
  guard: BenchGuard,
  progress: (text: string) => void,
): Promise<SystemFigures> {
  const warmupMs = (o.warmupSeconds ?? 1) * 1000;
  const seqMs = (o.seqSeconds ?? 5) * 1000;
  const levelMs = (o.seconds ?? 10) * 1000;
  const rounds = o.failoverRounds ?? 5;
  const loadavgBefore = loadavg()[0] ?? 0;
  progress(`${name}: starting ${SIZE} members`);
  const system = await guard.start(() =>
    name === "etcd" ? startEtcdSystem(SIZE) : startTskubeSystem(SIZE, o.binPath),
  );
  const client = new StoreLoadClient();
  try {
    const first = await findLeader(client, system.members());
    progress(`${name}: leader ${first.name}; sequential puts, 1 in flight, ${seqMs / 1000} s`);
    const seq = await measurePuts(client, first.endpoint, { inFlight: 1, warmupMs, durationMs: seqMs });
    progress(`${name}:   ${describe(seq)}`);

    const levels = new Map<Level, LoadResult>();
    let rss: { leader: string; maxMb: ReadonlyMap<string, number> } | undefined;
    let cpu = { client: Number.NaN, servers: Number.NaN };
    for (const inFlight of LEVELS) {
      const leader = await findLeader(client, system.members());
      progress(`${name}: ${inFlight} in flight to leader ${leader.name}, ${levelMs / 1000} s`);
      const pids = new Map(system.members().flatMap((m) => pidEntry(system, m.name)));
      const sampler = inFlight === 256 ? new RssSampler(pids) : null;
      let meters: { client: CpuMeter; servers: CpuMeter } | null = null;
      const row = await measurePuts(client, leader.endpoint, {
        inFlight,
        warmupMs,
        durationMs: levelMs,
        onWindow: {
          start: () => {
            meters = { client: new CpuMeter([process.pid]), servers: new CpuMeter([...pids.values()]) };
          },
          end: () => {
            if (meters !== null) cpu = { client: meters.client.percent(), servers: meters.servers.percent() };
          },
        },
      });
      if (sampler !== null) rss = { leader: leader.name, maxMb: sampler.stop() };
      levels.set(inFlight, row);
      progress(`${name}:   ${describe(row)}`);
    }

    const gaps: number[] = [];
    const killToFirst: number[] = [];
    for (let i = 0; i < rounds; i++) {
      progress(`${name}: failover round ${i + 1}/${rounds}`);
      const r = await storeFailoverRound(system, client, i);
      gaps.push(r.gapMs);
      killToFirst.push(r.killToFirstMs);
      progress(
        `${name}:   killed ${r.killed}, wrote to ${r.writeTarget}, new leader ${r.newLeader}: gap ${r.gapMs} ms ` +
          `(${r.failedAttempts} failed attempts); ${r.killed} restarted and caught up`,
      );
    }

    const at = (level: Level): LoadResult => levels.get(level) as LoadResult;
    const rssMembers = Object.fromEntries([...(rss?.maxMb ?? [])].map(([n, mb]) => [n, round2(mb)]));
    return {
      system: name,
      version: first.status.version,
      machine: machineDescription(),
      loadavg_1m_before: round2(loadavgBefore),
      seq_p50_ms: seq.p50Ms,
      seq_p99_ms: seq.p99Ms,
      seq_writes_per_s: seq.writesPerSec,
      tput_16: at(16).writesPerSec,
      p50_16_ms: at(16).p50Ms,
      p99_16_ms: at(16).p99Ms,
      tput_64: at(64).writesPerSec,
      p50_64_ms: at(64).p50Ms,
      p99_64_ms: at(64).p99Ms,
      tput_256: at(256).writesPerSec,
      p50_256_ms: at(256).p50Ms,
      p99_256_ms: at(256).p99Ms,
      failover_ms: median(gaps),
      failover_gaps_ms: gaps,
      failover_kill_to_first_ms: median(killToFirst),
      rss_mb: rss === undefined ? Number.NaN : round2(rss.maxMb.get(rss.leader) ?? Number.NaN),
      rss_members_mb: rssMembers,
      cpu_client_pct_256: Math.round(cpu.client),
      cpu_servers_pct_256: Math.round(cpu.servers),
      failed_puts: seq.failed + [...levels.values()].reduce((n, r) => n + r.failed, 0),
    };
  } finally {
    client.close();
    progress(`${name}: stopping`);
    await guard.stop(system);
  }
}

function pidEntry(system: BenchSystem, name: string): [string, number][] {
  const pid = system.pid(name);
  return pid === undefined ? [] : [[name, pid]];
}

function describe(r: LoadResult): string {
  const failed = r.failed > 0 ? `, ${r.failed} failed` : "";
  return `${r.writesPerSec} writes/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, max ${r.maxMs} ms${failed}`;
}
