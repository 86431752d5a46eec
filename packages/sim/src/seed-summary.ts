import type { HarnessFaults } from "./sim-context.js";
import type { SimStats } from "./sim-stats.js";

/** What a worker reports for one seed (plain data: it crosses the worker_threads boundary). */
export interface SeedSummary {
  readonly seed: number;
  readonly nodes: number;
  readonly violations: string[];
  readonly stats: SimStats;
  /** Wall-clock ms this seed took (CPU time, near enough: one seed per worker thread at a time). */
  readonly ms: number;
}

/** Options that change a run besides its seed: a replay must repeat them. */
export interface RunVariant {
  readonly chaosMs?: number | undefined;
  readonly faults?: HarnessFaults | undefined;
}

export function replayCommand(seed: number, nodes: number, variant: RunVariant = {}): string {
  let cmd = `npm run sim -- --seed ${seed} --nodes ${nodes}`;
  if (variant.chaosMs !== undefined) cmd += ` --chaos-ms ${variant.chaosMs}`;
  for (const [fault, on] of Object.entries(variant.faults ?? {})) if (on === true) cmd += ` --fault ${fault}`;
  return cmd;
}

/** The one line main.ts prints per failing seed. */
export function failLine(s: SeedSummary, variant: RunVariant = {}): string {
  // Only the first line: a linearizability report goes on for pages; the replay prints it whole.
  const first = (s.violations[0] ?? "?").split("\n")[0];
  return `FAIL seed=${s.seed} nodes=${s.nodes} ${first} — replay: ${replayCommand(s.seed, s.nodes, variant)}`;
}
