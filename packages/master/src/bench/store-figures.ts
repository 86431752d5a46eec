import type { SystemName } from "./bench-system.js";

/** In-flight levels of the throughput phases (issue 3 item 5). */
export const LEVELS = [16, 64, 256] as const;
export type Level = (typeof LEVELS)[number];

/**
 * One system's row of bench-results/store.json. Key names are the (snake_case, as written to JSON);
 * the required ones are seq_p50_ms, seq_p99_ms, tput_16, tput_64, tput_256, p99_256_ms and failover_ms.
 */
export interface SystemFigures {
  readonly system: SystemName;
  /** The server's version as Maintenance.Status reports it. */
  readonly version: string;
  readonly machine: string;
  readonly loadavg_1m_before: number;
  readonly seq_p50_ms: number;
  readonly seq_p99_ms: number;
  readonly seq_writes_per_s: number;
  readonly tput_16: number;
  readonly p50_16_ms: number;
  readonly p99_16_ms: number;
  readonly tput_64: number;
  readonly p50_64_ms: number;
  readonly p99_64_ms: number;
  readonly tput_256: number;
  readonly p50_256_ms: number;
  readonly p99_256_ms: number;
  /** Median write gap after SIGKILL of the leader. */
  readonly failover_ms: number;
  readonly failover_gaps_ms: readonly number[];
  /** Median of kill → first acknowledged write (the gap minus the time since the last write before the kill). */
  readonly failover_kill_to_first_ms: number;
  /** Max VmRSS of the leader during the 256-in-flight run. */
  readonly rss_mb: number;
  readonly rss_members_mb: Readonly<Record<string, number>>;
  /** CPU over the 256-in-flight window, % of one core: the load client, and all members together. */
  readonly cpu_client_pct_256: number;
  readonly cpu_servers_pct_256: number;
  /** Puts that failed in the measured windows (the load client never retries). */
  readonly failed_puts: number;
}

export type StoreBenchResult = Partial<Record<SystemName, SystemFigures>>;

/** The keys the issue requires in store.json (the smoke test checks each is a positive finite number). */
export const STORE_BENCH_REQUIRED_KEYS = [
  "seq_p50_ms",
  "seq_p99_ms",
  "tput_16",
  "tput_64",
  "tput_256",
  "p99_256_ms",
  "failover_ms",
] as const satisfies readonly (keyof SystemFigures)[];
