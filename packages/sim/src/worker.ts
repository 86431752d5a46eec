// A worker thread of the seed pool: runs the seeds it is handed and posts one summary per seed.
import { parentPort } from "node:worker_threads";
import { runSeed } from "./run-seed.js";
import type { WorkerRequest } from "./seed-pool.js";
import type { SeedSummary } from "./seed-summary.js";

const port = parentPort;
if (port === null) throw new Error("worker.js must run as a worker thread");

port.on("message", (req: WorkerRequest) => {
  for (const seed of req.seeds) {
    const t0 = performance.now();
    const r = runSeed({ seed, nodes: req.nodes, chaosMs: req.chaosMs, faults: req.faults });
    const summary: SeedSummary = {
      seed,
      nodes: req.nodes,
      violations: r.violations,
      stats: r.stats,
      ms: performance.now() - t0,
    };
    port.postMessage(summary);
  }
  port.postMessage("done");
});
