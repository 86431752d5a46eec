import { availableParallelism } from "node:os";
import { SimError } from "./errors.js";
import type { HarnessFaults } from "./sim-context.js";

export interface CliArgs {
  /** The seeds to run, in order. */
  readonly seeds: number[];
  readonly nodes: number;
  readonly workers: number;
  /** One seed replayed: print its stats and violations, and the trace with --trace. */
  readonly single: boolean;
  readonly trace: boolean;
  readonly chaosMs: number | undefined;
  readonly faults: HarnessFaults;
}

const USAGE =
  "usage: npm run sim -- --seeds N [--from K] [--nodes 3|5] [--workers W] [--chaos-ms MS] [--fault forgetVotes|skipFsync|localReads|skipMvccApply]\n" +
  "       npm run sim -- --seed S [--nodes 3|5] [--trace]";

export function parseArgs(argv: readonly string[]): CliArgs {
  let count: number | undefined;
  let from = 1;
  let seed: number | undefined;
  let nodes = 3;
  let workers = availableParallelism();
  let trace = false;
  let chaosMs: number | undefined;
  const faults: {
    forgetVotes?: boolean;
    skipFsync?: boolean;
    localReads?: boolean;
    skipMvccApply?: boolean;
  } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new SimError("InvalidArgument", `${arg} needs a value\n${USAGE}`);
      return v;
    };
    const int = (min: number): number => {
      const v = value();
      const n = Number(v);
      if (!Number.isInteger(n) || n < min)
        throw new SimError("InvalidArgument", `${arg}: "${v}" is not an integer ≥ ${min}\n${USAGE}`);
      return n;
    };
    switch (arg) {
      case "--seeds":
        count = int(1);
        break;
      case "--from":
        from = int(0);
        break;
      case "--seed":
        seed = int(0);
        break;
      case "--nodes":
        nodes = int(1);
        if (nodes !== 3 && nodes !== 5)
          throw new SimError("InvalidArgument", `--nodes must be 3 or 5\n${USAGE}`);
        break;
      case "--workers":
        workers = int(1);
        break;
      case "--chaos-ms":
        chaosMs = int(0);
        break;
      case "--trace":
        trace = true;
        break;
      case "--fault": {
        const f = value();
        if (f !== "forgetVotes" && f !== "skipFsync" && f !== "localReads" && f !== "skipMvccApply") {
          throw new SimError("InvalidArgument", `--fault: unknown fault "${f}"\n${USAGE}`);
        }
        faults[f] = true;
        break;
      }
      default:
        throw new SimError("InvalidArgument", `unknown argument "${arg}"\n${USAGE}`);
    }
  }
  if (seed !== undefined && count !== undefined)
    throw new SimError("InvalidArgument", `--seed and --seeds exclude each other\n${USAGE}`);
  if (seed === undefined && count === undefined) throw new SimError("InvalidArgument", USAGE);
  const seeds = seed !== undefined ? [seed] : Array.from({ length: count ?? 0 }, (_, i) => from + i);
  return { seeds, nodes, workers, single: seed !== undefined, trace, chaosMs, faults };
}
