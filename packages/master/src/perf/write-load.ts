// Profiling aid for the write path (not the official benchmark, which is `npm run bench -- store`):
// starts a 3-member tskube or etcd cluster, finds the leader through Maintenance.Status, drives leader-only
// puts (256-byte values, random keys in 100k) at each requested in-flight level and prints one JSON line per
// level with the leader's RSS and CPU. Run after `npx tsc -b`:
//   node packages/master/dist/perf/write-load.js --target tskube --in-flight 1,64,256 [--seconds 10]
//     [--warmup 1] [--cpu-prof DIR] [--trace DIR]
// --cpu-prof runs the masters through profiled-master.js (profiles land in DIR when they exit); --trace sets
// TSKUBE_PERF_TRACE=DIR so the masters record per-stage timestamps (see stage-trace.ts); set it for this
// process too (TSKUBE_PERF_TRACE=DIR node …) to add client-side marks from 300 sequential puts first.
import { mkdirSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { CpuMeter, RssSampler, readRssMb } from "../bench/proc-stats.js";
import { findLeader, type MemberEndpoint } from "../bench/store-leader.js";
import { KEY_SPACE, measurePuts, StoreLoadClient, VALUE_BYTES } from "../bench/store-load.js";
import { LocalEtcdCluster } from "../process/etcd-cluster.js";
import { LocalCluster } from "../process/local-cluster.js";
import { traceEnabled, traceMark } from "./stage-trace.js";

interface Args {
  readonly target: "tskube" | "etcd";
  readonly inFlight: number[];
  readonly seconds: number;
  readonly warmup: number;
  readonly cpuProf: string | null;
  readonly trace: string | null;
}

function parseArgs(argv: readonly string[]): Args {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const target = get("--target") ?? "tskube";
  if (target !== "tskube" && target !== "etcd")
    throw new Error(`--target must be tskube or etcd, not ${target}`);
  return {
    target,
    inFlight: (get("--in-flight") ?? "1,64,256").split(",").map(Number),
    seconds: Number(get("--seconds") ?? 10),
    warmup: Number(get("--warmup") ?? 1),
    cpuProf: get("--cpu-prof") ?? null,
    trace: get("--trace") ?? null,
  };
}

interface Target {
  readonly members: MemberEndpoint[];
  pid(name: string): number | undefined;
  /** Memory figures from the member's /metrics (tskube only). */
  memory?(name: string): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

const MEMORY_METRICS = [
  "process_resident_memory_bytes",
  "nodejs_heap_size_used_bytes",
  "nodejs_heap_size_total_bytes",
  "nodejs_external_memory_bytes",
];

async function startTarget(args: Args): Promise<Target> {
  if (args.target === "etcd") {
    const etcd = await LocalEtcdCluster.start({ size: 3, heartbeatIntervalMs: 100, electionTimeoutMs: 1000 });
    return {
      members: etcd.names().map((name) => ({ name, endpoint: etcd.clientEndpoint(name) })),
      pid: (name) => etcd.pid(name),
      stop: () => etcd.stop(),
    };
  }
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (args.cpuProf !== null) {
    mkdirSync(args.cpuProf, { recursive: true });
    env.TSKUBE_CPU_PROF_DIR = args.cpuProf;
  }
  if (args.trace !== null) env.TSKUBE_PERF_TRACE = args.trace;
  // The masters inherit this process's environment (spawn-master.ts passes process.env by default).
  const saved = { ...process.env };
  Object.assign(process.env, env);
  const cluster = await LocalCluster.start({
    size: 3,
    heartbeatIntervalMs: 100,
    electionTimeoutMs: 1000,
    logLevel: "warn",
    ...(args.cpuProf !== null && {
      binPath: fileURLToPath(new URL("./profiled-master.js", import.meta.url)),
    }),
  });
  process.env = saved;
  return {
    members: cluster.names().map((name) => ({ name, endpoint: cluster.clientEndpoint(name) })),
    pid: (name) => cluster.slot(name).process?.pid,
    memory: async (name) => {
      const text = await cluster.metrics(name);
      const out: Record<string, number> = {};
      for (const metric of MEMORY_METRICS) {
        const m = new RegExp(`^${metric} (\\S+)`, "m").exec(text);
        if (m?.[1] !== undefined) out[metric.replace(/_bytes$/, "Mb")] = Math.round(Number(m[1]) / 2 ** 20);
      }
      return out;
    },
    stop: () => cluster.destroy(),
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const target = await startTarget(args);
  const client = new StoreLoadClient();
  try {
    const leader = await findLeader(client, target.members);
    const leaderPid = target.pid(leader.name);
    const pids = target.members.map((m) => target.pid(m.name)).filter((p) => p !== undefined);
    if (traceEnabled) await tracedSequentialPuts(client, leader.endpoint, 300);
    for (const inFlight of args.inFlight) {
      const rss = new RssSampler(leaderPid === undefined ? new Map() : new Map([[leader.name, leaderPid]]));
      let cpu: CpuMeter | null = null;
      let leaderCpu: CpuMeter | null = null;
      let clusterCpuPct: number | undefined;
      let leaderCpuPct: number | undefined;
      // The load client shares the 2 cores: its own CPU and event-loop delay tell whether it is the limit.
      let clientCpuStart = process.cpuUsage();
      let clientWallStart = performance.now();
      let clientCpuPct: number | undefined;
      const loopDelay = monitorEventLoopDelay({ resolution: 10 });
      const r = await measurePuts(client, leader.endpoint, {
        inFlight,
        warmupMs: args.warmup * 1000,
        durationMs: args.seconds * 1000,
        onWindow: {
          start: () => {
            clientCpuStart = process.cpuUsage();
            clientWallStart = performance.now();
            loopDelay.enable();
            cpu = new CpuMeter(pids);
            leaderCpu = new CpuMeter(leaderPid === undefined ? [] : [leaderPid]);
          },
          end: () => {
            const used = process.cpuUsage(clientCpuStart);
            clientCpuPct = (100 * (used.user + used.system)) / 1000 / (performance.now() - clientWallStart);
            loopDelay.disable();
            clusterCpuPct = cpu?.percent();
            leaderCpuPct = leaderCpu?.percent();
          },
        },
      });
      const peaks = rss.stop();
      const line = {
        target: args.target,
        ...r,
        leaderRssPeakMb: peaks.get(leader.name),
        leaderRssNowMb: leaderPid === undefined ? undefined : readRssMb(leaderPid),
        clusterCpuPct,
        leaderCpuPct,
        clientCpuPct,
        clientLoopDelayP99Ms: loopDelay.percentile(99) / 1e6,
        // CPU per write is what the 2 shared cores run out of; it is also steadier than latency on a busy box.
        leaderCpuMsPerWrite: leaderCpuPct === undefined ? undefined : (leaderCpuPct * 10) / r.writesPerSec,
      };
      const memory = await target.memory?.(leader.name).catch(() => undefined);
      console.log(JSON.stringify({ ...line, ...memory }));
    }
  } finally {
    client.close();
    await target.stop();
  }
}

/** Sequential puts with client-side marks (client.send / client.done) for analyze-trace.ts. */
async function tracedSequentialPuts(client: StoreLoadClient, endpoint: string, count: number): Promise<void> {
  const value = Buffer.alloc(VALUE_BYTES, 0x61);
  for (let i = 0; i < count; i++) {
    const key = Buffer.from(`bench/${Math.floor(Math.random() * KEY_SPACE)}`);
    traceMark("client.send");
    await client.put(endpoint, key, value, 10_000);
    traceMark("client.done");
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
