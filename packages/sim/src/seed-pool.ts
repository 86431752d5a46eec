import { Worker } from "node:worker_threads";
import { runSeed } from "./run-seed.js";
import type { SeedSummary } from "./seed-summary.js";
import type { HarnessFaults } from "./sim-context.js";

export interface WorkerRequest {
  readonly seeds: number[];
  readonly nodes: number;
  readonly chaosMs: number | undefined;
  readonly faults: HarnessFaults | undefined;
}

export interface PoolOptions {
  readonly seeds: readonly number[];
  readonly nodes: number;
  /** 1 runs in this thread; more spreads the seeds over worker threads (dist/worker.js). */
  readonly workers: number;
  readonly chaosMs?: number;
  readonly faults?: HarnessFaults;
  readonly onResult: (s: SeedSummary) => void;
}

const BATCH = 8;

/** Runs every seed once, spread over worker threads; resolves when all are done. */
export async function runSeeds(opts: PoolOptions): Promise<void> {
  if (opts.workers <= 1 || opts.seeds.length <= 1) {
    for (const seed of opts.seeds) {
      const t0 = performance.now();
      const r = runSeed({ seed, nodes: opts.nodes, chaosMs: opts.chaosMs, faults: opts.faults });
      opts.onResult({
        seed,
        nodes: opts.nodes,
        violations: r.violations,
        stats: r.stats,
        ms: performance.now() - t0,
      });
      // Let timers (the progress line) run between seeds.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return;
  }
  let next = 0;
  const take = (): number[] => {
    const batch = opts.seeds.slice(next, next + BATCH);
    next += batch.length;
    return batch;
  };
  const workerUrl = new URL("./worker.js", import.meta.url);
  const count = Math.min(opts.workers, Math.ceil(opts.seeds.length / BATCH));
  await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(workerUrl);
          const feed = (): void => {
            const seeds = take();
            if (seeds.length === 0) {
              void worker.terminate().then(() => resolve());
              return;
            }
            const req: WorkerRequest = {
              seeds,
              nodes: opts.nodes,
              chaosMs: opts.chaosMs,
              faults: opts.faults,
            };
            worker.postMessage(req);
          };
          worker.on("message", (msg: SeedSummary | "done") => {
            if (msg === "done") feed();
            else opts.onResult(msg);
          });
          worker.on("error", reject);
          feed();
        }),
    ),
  );
}
