// The simulation CLI: `npm run sim -- --seeds N [--nodes 5]`, or replay one seed with `--seed S [--trace]`.
// Its last stdout line is always `seeds=N violations=V` (V = seeds that failed); exit code 1 when V > 0.
import { type CliArgs, parseArgs } from "./cli-args.js";
import { runSeed } from "./run-seed.js";
import { runSeeds } from "./seed-pool.js";
import { failLine, type SeedSummary } from "./seed-summary.js";

const PROGRESS_EVERY_MS = 3000;

async function main(): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  return args.single ? replay(args) : soak(args);
}

function replay(args: CliArgs): number {
  const seed = args.seeds[0] as number;
  const t0 = performance.now();
  const r = runSeed({
    seed,
    nodes: args.nodes,
    chaosMs: args.chaosMs,
    faults: args.faults,
    trace: args.trace ? (line) => process.stdout.write(`${line}\n`) : undefined,
  });
  const ms = performance.now() - t0;
  process.stderr.write(
    `seed ${seed} (${args.nodes} nodes): ${ms.toFixed(0)} ms, stats ${JSON.stringify(r.stats)}\n`,
  );
  for (const v of r.violations) process.stdout.write(`violation: ${v}\n`);
  if (r.violations.length > 0) {
    process.stdout.write(`${failLine({ ...r, ms }, args)}\n`);
    if (!args.trace) process.stderr.write(`(add --trace for the full event trace)\n`);
  }
  const failed = r.violations.length > 0 ? 1 : 0;
  process.stdout.write(`seeds=1 violations=${failed}\n`);
  return failed;
}

async function soak(args: CliArgs): Promise<number> {
  const started = performance.now();
  let done = 0;
  let failed = 0;
  let cpuMs = 0;
  let commits = 0;
  let minCommits = Number.POSITIVE_INFINITY;
  const progress = setInterval(() => {
    const secs = (performance.now() - started) / 1000;
    process.stderr.write(
      `progress: ${done}/${args.seeds.length} seeds, ${(done / secs).toFixed(1)} seeds/s, violations so far ${failed}\n`,
    );
  }, PROGRESS_EVERY_MS);
  try {
    await runSeeds({
      seeds: args.seeds,
      nodes: args.nodes,
      workers: args.workers,
      chaosMs: args.chaosMs,
      faults: args.faults,
      onResult: (s: SeedSummary) => {
        done++;
        cpuMs += s.ms;
        commits += s.stats.commits;
        minCommits = Math.min(minCommits, s.stats.commits);
        if (s.violations.length > 0) {
          failed++;
          process.stdout.write(`${failLine(s, args)}\n`);
        }
      },
    });
  } finally {
    clearInterval(progress);
  }
  const wall = (performance.now() - started) / 1000;
  process.stderr.write(
    `done: ${done} seeds (${args.nodes} nodes) in ${wall.toFixed(1)} s wall, ${(cpuMs / Math.max(1, done)).toFixed(1)} ms per seed, ` +
      `${(commits / Math.max(1, done)).toFixed(0)} commits per seed (min ${minCommits})\n`,
  );
  process.stdout.write(`seeds=${done} violations=${failed}\n`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`sim: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 2;
  },
);
