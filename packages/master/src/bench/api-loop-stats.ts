import type { LocalCluster } from "../process/local-cluster.js";
import { round2 } from "./stats.js";

// Event-loop delay and GC time of each master over a phase, from its own /metrics (prom-client's default
// process metrics): a tail latency in a Node server is mostly time a request waited for the event loop.

export interface LoopStats {
  /** Event-loop delay over the phase: p99 and max, ms. */
  readonly lag_p99_ms: number;
  readonly lag_max_ms: number;
  /** Time spent in garbage collection over the phase, ms. */
  readonly gc_ms: number;
}

interface Scrape {
  readonly lagP99: number;
  readonly lagMax: number;
  readonly gcSeconds: number;
}

function value(text: string, name: string): number {
  let sum = 0;
  let found = false;
  for (const line of text.split("\n")) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    if (rest[0] !== " " && rest[0] !== "{") continue;
    const v = Number(line.slice(line.lastIndexOf(" ") + 1));
    if (Number.isFinite(v)) {
      sum += v;
      found = true;
    }
  }
  return found ? sum : Number.NaN;
}

async function scrape(cluster: LocalCluster, name: string): Promise<Scrape> {
  const text = await cluster.metrics(name);
  return {
    lagP99: value(text, "nodejs_eventloop_lag_p99_seconds"),
    lagMax: value(text, "nodejs_eventloop_lag_max_seconds"),
    gcSeconds: value(text, "nodejs_gc_duration_seconds_sum"),
  };
}

/**
 * Starts a phase: one scrape per master now (prom-client restarts its event-loop histogram at every
 * scrape, so the next one covers just the phase); the returned function scrapes again and reports.
 */
export async function loopStatsFrom(
  cluster: LocalCluster,
  names: readonly string[],
): Promise<() => Promise<Record<string, LoopStats>>> {
  const before = new Map(
    await Promise.all(names.map(async (n) => [n, await scrape(cluster, n).catch(() => null)] as const)),
  );
  return async () => {
    const out: Record<string, LoopStats> = {};
    for (const n of names) {
      const a = await scrape(cluster, n).catch(() => null);
      const b = before.get(n);
      out[n] = {
        lag_p99_ms: round2((a?.lagP99 ?? Number.NaN) * 1000),
        lag_max_ms: round2((a?.lagMax ?? Number.NaN) * 1000),
        gc_ms: round2(((a?.gcSeconds ?? Number.NaN) - (b?.gcSeconds ?? Number.NaN)) * 1000),
      };
    }
    return out;
  };
}
