import { cpus, loadavg } from "node:os";
import { StoreClient } from "../client/store-client.js";
import {
  type CreateTargets,
  closedCreates,
  closedStoreTxns,
  fillListNamespace,
  steadyCreates,
  steadyInterleaved,
  steadyStoreTxns,
} from "./api-create.js";
import { API_TARGETS, type ApiBenchResult, type ClosedLoopRow, type CpuFigures } from "./api-figures.js";
import { ApiHttpClient } from "./api-http-client.js";
import { timeFullList, timePagedList } from "./api-list.js";
import type { LatencySummary, PhaseResult } from "./api-load.js";
import { loopStatsFrom } from "./api-loop-stats.js";
import { PEER_SOURCES } from "./api-peer.js";
import { JSON_TYPE, PodPlan, podBody, podsPath } from "./api-pods.js";
import { checkTargets, formatApiBench } from "./api-report.js";
import { adminCredentials, startApiSystem } from "./api-system.js";
import { watchPhase } from "./api-watch.js";
import { BenchGuard } from "./bench-guard.js";
import { CpuMeter, RssSampler, readCpuSeconds } from "./proc-stats.js";
import { round2 } from "./stats.js";
import { machineDescription } from "./store-bench.js";

export interface ApiBenchOptions {
  /** Steady phase length (env BENCH_SECONDS, default 20). */
  readonly seconds?: number;
  /** Steady create rate (env BENCH_RATE, default 100). */
  readonly rate?: number;
  /** Each closed-loop level's measured window (env BENCH_LOAD_SECONDS, default 10). */
  readonly loadSeconds?: number;
  /** Warm-up before the first phase and before each closed-loop level (env BENCH_WARMUP_SECONDS, default 1). */
  readonly warmupSeconds?: number;
  /** Closed-loop concurrency levels (env BENCH_CONCURRENCY=8,32,64). */
  readonly concurrency?: readonly number[];
  /** Pods the LIST reads (env BENCH_LIST_PODS, default 10000). */
  readonly listPods?: number;
  /** Runs of each LIST form (env BENCH_LIST_RUNS, default 5). */
  readonly listRuns?: number;
  /** Page size of the paged LIST (env BENCH_PAGE_SIZE, default 500, kubectl's). */
  readonly pageSize?: number;
  /** Concurrent watch streams (env BENCH_WATCHERS, default 100). */
  readonly watchers?: number;
  /** Writes per second during the watch phase (env BENCH_WATCH_RATE, default 50). */
  readonly watchRate?: number;
  /** Watch phase length (env BENCH_WATCH_SECONDS, default 10). */
  readonly watchSeconds?: number;
  /** The `tskube` entry point for the masters (default: the repo's bin/tskube.js, which runs dist/). */
  readonly binPath?: string;
  /** Where the table goes (default stdout). */
  readonly print?: (text: string) => void;
  /** Where one line per phase goes (default stderr). */
  readonly progress?: (text: string) => void;
}

const SIZE = 3;
const LIST_NAMESPACE = "bench";
const OVERFLOW_NAMESPACE = "bench-overflow";
const FILL_CONCURRENCY = 32;
/** Length of one block of the interleaved steady phase. */
const BLOCK_SECONDS = 2;

function envNumber(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name}=${raw}: expected a positive number`);
  return n;
}

/** The options `npm run bench -- api` takes from the environment. */
export function apiBenchOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ApiBenchOptions {
  const ints: Array<[keyof ApiBenchOptions, string]> = [
    ["listPods", "BENCH_LIST_PODS"],
    ["listRuns", "BENCH_LIST_RUNS"],
    ["pageSize", "BENCH_PAGE_SIZE"],
    ["watchers", "BENCH_WATCHERS"],
  ];
  const reals: Array<[keyof ApiBenchOptions, string]> = [
    ["seconds", "BENCH_SECONDS"],
    ["rate", "BENCH_RATE"],
    ["loadSeconds", "BENCH_LOAD_SECONDS"],
    ["warmupSeconds", "BENCH_WARMUP_SECONDS"],
    ["watchRate", "BENCH_WATCH_RATE"],
    ["watchSeconds", "BENCH_WATCH_SECONDS"],
  ];
  const o: Record<string, unknown> = {};
  for (const [key, name] of ints) {
    const n = envNumber(env, name);
    if (n !== undefined) o[key] = Math.round(n);
  }
  for (const [key, name] of reals) {
    const n = envNumber(env, name);
    if (n !== undefined) o[key] = n;
  }
  const levels = env.BENCH_CONCURRENCY?.split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (levels !== undefined && levels.length > 0) {
    o.concurrency = levels.map((s) => {
      const n = Number(s);
      if (!Number.isInteger(n) || n <= 0)
        throw new Error(`BENCH_CONCURRENCY: ${s} is not a positive integer`);
      return n;
    });
  }
  return o as ApiBenchOptions;
}

/**
 * `npm run bench -- api`: 3 masters with API servers on loopback, driven over HTTPS by one Node client:
 * steady creates (open loop) beside the store's own guarded transaction at the same rate, closed-loop
 * creates at several concurrencies, a LIST of `listPods` pods whole and paged, and watch delivery to
 * `watchers` streams. Prints the figures beside issue 4's targets and Kubernetes' SLOs and published
 * figures; returns what goes to bench-results/api.json. Explicit options win over the environment.
 */
export async function runApiBench(options: ApiBenchOptions = {}): Promise<ApiBenchResult> {
  const o = { ...apiBenchOptionsFromEnv(), ...options };
  const cfg = {
    seconds: o.seconds ?? 20,
    rate: o.rate ?? API_TARGETS.createRatePerSec,
    loadSeconds: o.loadSeconds ?? 10,
    warmupSeconds: o.warmupSeconds ?? 1,
    concurrency: o.concurrency ?? [8, 32, 64],
    listPods: o.listPods ?? API_TARGETS.listPods,
    listRuns: o.listRuns ?? 5,
    pageSize: o.pageSize ?? 500,
    watchers: o.watchers ?? API_TARGETS.watchers,
    watchRate: o.watchRate ?? 50,
    watchSeconds: o.watchSeconds ?? 10,
  };
  const progress = o.progress ?? ((t: string) => process.stderr.write(`api bench: ${t}\n`));
  const loadavgBefore = loadavg()[0] ?? 0;
  const guard = new BenchGuard();
  guard.install();
  try {
    progress(`starting ${SIZE} masters with API servers`);
    let cluster: Awaited<ReturnType<typeof startApiSystem>>["cluster"] | undefined;
    const system = await guard.start(async () => {
      const s = await startApiSystem(SIZE, o.binPath);
      cluster = s.cluster;
      return s;
    });
    if (cluster === undefined) throw new Error("the cluster did not start");
    const c = cluster;
    const names = c.names();
    const pids = new Map(
      names.flatMap((n): [string, number][] => {
        const pid = system.pid(n);
        return pid === undefined ? [] : [[n, pid]];
      }),
    );
    const rss = new RssSampler(pids);
    const stores = names.map((n) => new StoreClient([c.clientEndpoint(n)], { deadlineMs: 10_000 }));
    let http: ApiHttpClient | undefined;
    try {
      const api = new ApiHttpClient(await adminCredentials(c.clientEndpoints()));
      http = api;
      const leader = await c.waitForLeader();
      const servers = names.map((n) => c.apiUrl(n));
      const plan = new PodPlan(LIST_NAMESPACE, OVERFLOW_NAMESPACE, cfg.listPods);
      const t: CreateTargets = { http: api, names, servers, stores, plan };
      const meter = (): (() => CpuFigures) => {
        const client = new CpuMeter([process.pid]);
        const masters = new CpuMeter([...pids.values()]);
        return () => ({ client: Math.round(client.percent()), servers: Math.round(masters.percent()) });
      };
      const errors: Record<string, Record<string, number>> = {};
      const keepErrors = (phase: string, r: PhaseResult): void => {
        if (r.errors.size > 0) errors[phase] = Object.fromEntries(r.errors);
      };
      const connections: Record<string, number> = {};
      const counted = async <T>(phase: string, run: () => Promise<T>): Promise<T> => {
        const before = api.connectionsOpened;
        try {
          return await run();
        } finally {
          connections[phase] = api.connectionsOpened - before;
        }
      };

      progress(`namespaces ${LIST_NAMESPACE}, ${OVERFLOW_NAMESPACE}; warm-up ${cfg.warmupSeconds} s`);
      await createNamespaces(api, servers, [LIST_NAMESPACE, OVERFLOW_NAMESPACE]);
      const storedPod = await sampleStoredPod(api, servers[0] as string);
      await steadyCreates(t, cfg.rate, cfg.warmupSeconds * 1000);
      await steadyStoreTxns(t, "/bench-raw/warmup/", storedPod, cfg.rate, cfg.warmupSeconds * 1000);

      progress(
        `steady: ${cfg.rate}/s open loop for ${cfg.seconds} s each of creates (round-robin over ` +
          `${names.join(",")}) and of store txns of a ${storedPod.length} B pod, in alternating ${BLOCK_SECONDS} s blocks`,
      );
      const steadyCpu = meter();
      const steadyLoop = await loopStatsFrom(c, names);
      const pair = await counted("steady", () =>
        steadyInterleaved(
          t,
          cfg.rate,
          cfg.seconds * 1000,
          BLOCK_SECONDS * 1000,
          "/bench-raw/steady/",
          storedPod,
          () => [...pids.values()].reduce((sum, pid) => sum + (readCpuSeconds(pid) ?? 0), 0),
        ),
      );
      const cpuSteady = steadyCpu();
      const loopSteady = await steadyLoop();
      const steady = pair.api.result;
      const raw = pair.store.result;
      keepErrors("steady creates", steady);
      keepErrors("store txn steady", raw);
      progress(`  creates: ${describe(steady)}; send lag p99 ${steady.sendLagP99Ms} ms`);
      progress(`  store txns: ${describe(raw)}`);

      const levels: Array<ClosedLoopRow & { cpu: CpuFigures }> = [];
      for (const concurrency of cfg.concurrency) {
        progress(`creates: closed loop, ${concurrency} in flight, ${cfg.loadSeconds} s`);
        const m = meter();
        const r = await counted(`closed loop C=${concurrency}`, () =>
          closedCreates(t, concurrency, cfg.warmupSeconds * 1000, cfg.loadSeconds * 1000),
        );
        levels.push({ ...closedRow(concurrency, r), cpu: m() });
        keepErrors(`closed loop C=${concurrency}`, r);
        progress(`  ${describe(r)}`);
      }
      const top = Math.max(...cfg.concurrency);
      progress(`store: guarded txns, closed loop, ${top} in flight, ${cfg.loadSeconds} s`);
      const rawClosed = await closedStoreTxns(
        t,
        "/bench-raw/closed/",
        storedPod,
        top,
        cfg.warmupSeconds * 1000,
        cfg.loadSeconds * 1000,
      );
      keepErrors("store txn closed loop", rawClosed);
      progress(`  ${describe(rawClosed)}`);

      progress(`LIST: topping ${LIST_NAMESPACE} up to ${cfg.listPods} pods`);
      const filled = await fillListNamespace(t, FILL_CONCURRENCY);
      progress(
        `  created ${filled}; ${cfg.listRuns} full LISTs, ${cfg.listRuns} paged (limit ${cfg.pageSize})`,
      );
      const full = await timeFullList(api, servers, LIST_NAMESPACE, cfg.listRuns);
      const paged = await timePagedList(api, servers, LIST_NAMESPACE, cfg.listRuns, cfg.pageSize);
      progress(
        `  full: median ${full.median_ms} ms, max ${full.max_ms} ms, ${full.items} pods, ${full.bytes} B; ` +
          `paged: median ${paged.median_ms} ms, ${paged.pages} pages`,
      );
      if (full.items !== cfg.listPods || paged.items !== cfg.listPods) {
        throw new Error(`LIST read ${full.items} (paged ${paged.items}) pods, expected ${cfg.listPods}`);
      }

      progress(`watch: ${cfg.watchers} watchers, ${cfg.watchRate} writes/s for ${cfg.watchSeconds} s`);
      let watchCpu: () => CpuFigures = () => ({ client: Number.NaN, servers: Number.NaN });
      let cpuWatch: CpuFigures = { client: Number.NaN, servers: Number.NaN };
      const watchLoop = await loopStatsFrom(c, names);
      const watch = await watchPhase({
        http: api,
        names,
        servers,
        namespace: LIST_NAMESPACE,
        existingPods: cfg.listPods,
        watchers: cfg.watchers,
        writesPerSec: cfg.watchRate,
        durationMs: cfg.watchSeconds * 1000,
        onWindow: {
          start: () => {
            watchCpu = meter();
          },
          end: () => {
            cpuWatch = watchCpu();
          },
        },
      });
      const loopWatch = await watchLoop();
      progress(
        `  delivery p50 ${watch.delivery.p50_ms} ms, p99 ${watch.delivery.p99_ms} ms, max ${watch.delivery.max_ms} ms; ` +
          `${watch.events_matched}/${watch.events_expected} events`,
      );

      const sustained = levels.filter((l) => l.failed === 0);
      const best = sustained.reduce<(typeof levels)[number] | undefined>(
        (b, l) => (b === undefined || l.creates_per_s > b.creates_per_s ? l : b),
        undefined,
      );
      const rssMax = rss.stop();
      const list = cpus();
      const partial: Omit<ApiBenchResult, "targets"> = {
        system: "tskube",
        machine: machineDescription(),
        cpu_model: list[0]?.model.trim() ?? "unknown",
        cores: list.length,
        node_version: process.version,
        loadavg_1m_before: round2(loadavgBefore),
        masters: names,
        leader,
        spread:
          "spread: creates, LIST runs and watch writes round-robin over the 3 masters by sequence number " +
          "(2 of 3 on followers, forwarded to the leader by the store); watcher w on master w mod 3",
        config: {
          steady_seconds: cfg.seconds,
          steady_rate_per_s: cfg.rate,
          closed_loop_seconds: cfg.loadSeconds,
          warmup_seconds: cfg.warmupSeconds,
          concurrency: cfg.concurrency,
          list_pods: cfg.listPods,
          list_runs: cfg.listRuns,
          list_page_size: cfg.pageSize,
          watchers: cfg.watchers,
          watch_writes_per_s: cfg.watchRate,
          watch_seconds: cfg.watchSeconds,
        },
        create_p50_ms: steady.summary.p50_ms,
        create_p90_ms: steady.summary.p90_ms,
        create_p99_ms: steady.summary.p99_ms,
        create_max_ms: steady.summary.max_ms,
        create_failed: steady.summary.failed,
        create_achieved_per_s: steady.perSec,
        create_send_lag_p99_ms: steady.sendLagP99Ms ?? Number.NaN,
        create_by_master: Object.fromEntries(
          [...steady.byTag].map(([n, s]) => [n, { role: n === leader ? "leader" : "follower", ...s }]),
        ),
        store_txn_p50_ms: raw.summary.p50_ms,
        store_txn_p99_ms: raw.summary.p99_ms,
        store_txn_max_ms: raw.summary.max_ms,
        store_txn_failed: raw.summary.failed,
        store_txn_by_master: Object.fromEntries(raw.byTag) as Record<string, LatencySummary>,
        create_cpu_ms: round2(pair.api.cpuMsPerOp),
        store_txn_cpu_ms: round2(pair.store.cpuMsPerOp),
        api_overhead_p50_ms: round2(steady.summary.p50_ms - raw.summary.p50_ms),
        api_overhead_p99_ms: round2(steady.summary.p99_ms - raw.summary.p99_ms),
        closed_loop: levels.map(({ cpu: _cpu, ...row }) => row),
        max_sustained_creates_per_s: best?.creates_per_s ?? Number.NaN,
        max_sustained_concurrency: best?.concurrency ?? Number.NaN,
        max_sustained_p99_ms: best?.p99_ms ?? Number.NaN,
        store_txn_closed: closedRow(top, rawClosed),
        list_pods: cfg.listPods,
        list_full: full,
        list_paged: paged,
        list_full_median_ms: full.median_ms,
        list_full_max_ms: full.max_ms,
        list_paged_median_ms: paged.median_ms,
        list_bytes: full.bytes,
        list_fill_created: filled,
        watch,
        watch_p50_ms: watch.delivery.p50_ms,
        watch_p99_ms: watch.delivery.p99_ms,
        watch_max_ms: watch.delivery.max_ms,
        cpu_pct: {
          steady: cpuSteady,
          max: best?.cpu ?? { client: Number.NaN, servers: Number.NaN },
          watch: cpuWatch,
        },
        loop: { steady: loopSteady, watch: loopWatch },
        rss_max_mb: Object.fromEntries([...rssMax].map(([n, mb]) => [n, round2(mb)])),
        errors,
        connections_opened: connections,
        peer_sources: PEER_SOURCES,
      };
      const result: ApiBenchResult = { ...partial, targets: checkTargets(partial) };
      (o.print ?? ((text: string) => process.stdout.write(`${text}\n`)))(formatApiBench(result));
      return result;
    } finally {
      rss.stop();
      http?.close();
      for (const s of stores) s.close();
      progress("stopping");
      await guard.stop(system);
    }
  } finally {
    guard.uninstall();
  }
}

async function createNamespaces(
  http: ApiHttpClient,
  servers: readonly string[],
  namespaces: readonly string[],
): Promise<void> {
  for (const ns of namespaces) {
    const r = await http.send(servers[0] as string, "POST", "/api/v1/namespaces", {
      text: JSON.stringify({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } }),
      contentType: JSON_TYPE,
    });
    if (r.status !== 201 && r.status !== 409) throw new Error(`create namespace ${ns}: ${r.status}`);
  }
  // Each master admits a pod only once its own watch cache holds the namespace.
  const deadline = Date.now() + 10_000;
  for (const server of servers) {
    for (const ns of namespaces) {
      while ((await http.send(server, "GET", `/api/v1/namespaces/${ns}`)).status !== 200) {
        if (Date.now() > deadline) throw new Error(`namespace ${ns} not visible at ${server}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }
}

/** A pod as the API server stores it (defaulted, with uid and managedFields): the raw txns' value. */
async function sampleStoredPod(http: ApiHttpClient, server: string): Promise<string> {
  const body = await http.expect(201, server, "POST", podsPath(OVERFLOW_NAMESPACE), {
    text: podBody(OVERFLOW_NAMESPACE, "sample", 0),
    contentType: JSON_TYPE,
  });
  const pod = JSON.parse(body.toString("utf8")) as { metadata?: Record<string, unknown> };
  if (pod.metadata !== undefined) delete pod.metadata.resourceVersion;
  return JSON.stringify(pod);
}

function closedRow(concurrency: number, r: PhaseResult): ClosedLoopRow {
  return {
    concurrency,
    creates_per_s: r.perSec,
    p50_ms: r.summary.p50_ms,
    p99_ms: r.summary.p99_ms,
    max_ms: r.summary.max_ms,
    failed: r.summary.failed,
  };
}

function describe(r: PhaseResult): string {
  const s = r.summary;
  const failed = s.failed > 0 ? `, ${s.failed} failed` : "";
  return `${r.perSec}/s, p50 ${s.p50_ms} ms, p99 ${s.p99_ms} ms, max ${s.max_ms} ms${failed}`;
}
