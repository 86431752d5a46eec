import type { ListRuns } from "./api-list.js";
import type { LatencySummary } from "./api-load.js";
import type { LoopStats } from "./api-loop-stats.js";
import type { PeerSource } from "./api-peer.js";
import type { WatchFigures } from "./api-watch.js";

/** Issue 4's performance targets. */
export const API_TARGETS = {
  createP99Ms: 50,
  createRatePerSec: 100,
  listPods: 10_000,
  listMs: 1000,
  watchers: 100,
  watchP99Ms: 100,
} as const;

export interface ClosedLoopRow {
  readonly concurrency: number;
  readonly creates_per_s: number;
  readonly p50_ms: number;
  readonly p99_ms: number;
  readonly max_ms: number;
  readonly failed: number;
}

export interface CpuFigures {
  /** % of one core over the phase's window: the bench process, and the three masters together. */
  readonly client: number;
  readonly servers: number;
}

/**
 * bench-results/api.json. Headline keys are flat (snake_case, like store.json); the details sit beside them.
 * Every latency is milliseconds, measured by the client on loopback.
 */
export interface ApiBenchResult {
  readonly system: "tskube";
  readonly machine: string;
  readonly cpu_model: string;
  readonly cores: number;
  readonly node_version: string;
  readonly loadavg_1m_before: number;
  readonly masters: readonly string[];
  /** The Raft leader when the create phases started. */
  readonly leader: string;
  /** How requests were spread over the masters. */
  readonly spread: string;
  readonly config: {
    readonly steady_seconds: number;
    readonly steady_rate_per_s: number;
    readonly closed_loop_seconds: number;
    readonly warmup_seconds: number;
    readonly concurrency: readonly number[];
    readonly list_pods: number;
    readonly list_runs: number;
    readonly list_page_size: number;
    readonly watchers: number;
    readonly watch_writes_per_s: number;
    readonly watch_seconds: number;
  };

  // Steady creates (open loop) and the store's guarded transaction at the same rate.
  readonly create_p50_ms: number;
  readonly create_p90_ms: number;
  readonly create_p99_ms: number;
  readonly create_max_ms: number;
  readonly create_failed: number;
  readonly create_achieved_per_s: number;
  /** How late the client started creates against the schedule (p99): large = the client was starved. */
  readonly create_send_lag_p99_ms: number;
  readonly create_by_master: Readonly<Record<string, LatencySummary & { readonly role: string }>>;
  readonly store_txn_p50_ms: number;
  readonly store_txn_p99_ms: number;
  readonly store_txn_max_ms: number;
  readonly store_txn_failed: number;
  readonly store_txn_by_master: Readonly<Record<string, LatencySummary>>;
  /** CPU of the three masters together per create, and per store txn alone, in ms (steady phase). */
  readonly create_cpu_ms: number;
  readonly store_txn_cpu_ms: number;
  /** create − store txn at the same percentile: what the API layer adds. */
  readonly api_overhead_p50_ms: number;
  readonly api_overhead_p99_ms: number;

  // Closed loop.
  readonly closed_loop: readonly ClosedLoopRow[];
  /** The best creates/s of a closed-loop level without a failed create (NaN if every level had failures). */
  readonly max_sustained_creates_per_s: number;
  readonly max_sustained_concurrency: number;
  readonly max_sustained_p99_ms: number;
  /** The store's guarded txn, closed loop at the highest concurrency, for the throughput overhead. */
  readonly store_txn_closed: ClosedLoopRow;

  // LIST.
  readonly list_pods: number;
  readonly list_full: ListRuns;
  readonly list_paged: ListRuns;
  readonly list_full_median_ms: number;
  readonly list_full_max_ms: number;
  readonly list_paged_median_ms: number;
  readonly list_bytes: number;
  /** Pods the top-up had to create after the create phases. */
  readonly list_fill_created: number;

  // Watch.
  readonly watch: WatchFigures;
  readonly watch_p50_ms: number;
  readonly watch_p99_ms: number;
  readonly watch_max_ms: number;

  readonly cpu_pct: Readonly<Record<"steady" | "max" | "watch", CpuFigures>>;
  /** Each master's event-loop delay and GC time over the steady and the watch phases (its /metrics). */
  readonly loop: Readonly<Record<"steady" | "watch", Readonly<Record<string, LoopStats>>>>;
  /** Max VmRSS of each master over the run. */
  readonly rss_max_mb: Readonly<Record<string, number>>;
  /** Failures by phase and kind. */
  readonly errors: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** New HTTPS connections (TLS handshakes) the client opened per phase: keep-alive should keep these few. */
  readonly connections_opened: Readonly<Record<string, number>>;
  readonly targets: readonly TargetCheck[];
  readonly peer_sources: readonly PeerSource[];
}

export interface TargetCheck {
  readonly figure: string;
  readonly ours: number;
  readonly target: string;
  readonly met: boolean;
}

/** Keys the smoke test checks are positive finite numbers. */
export const API_BENCH_REQUIRED_KEYS = [
  "create_p50_ms",
  "create_p99_ms",
  "store_txn_p99_ms",
  "max_sustained_creates_per_s",
  "list_full_median_ms",
  "list_paged_median_ms",
  "list_bytes",
  "watch_p50_ms",
  "watch_p99_ms",
] as const satisfies readonly (keyof ApiBenchResult)[];
