import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

// Per-stage timestamps of the write path, for profiling only: off unless TSKUBE_PERF_TRACE names a directory.
// Each mark is (wall-clock ms with µs precision, stage, Raft index); the process writes its marks to
// DIR/trace-PID.json when it exits, and analyze-trace.ts lines the members' files up by entry index.
// When off, a mark is one boolean test at the call site.

const dir = process.env.TSKUBE_PERF_TRACE ?? "";
const MAX_MARKS = 2_000_000;

export const traceEnabled: boolean = dir !== "";

const times: number[] = [];
const stages: string[] = [];
const indexes: number[] = [];

export function traceMark(stage: string, index = 0): void {
  if (times.length >= MAX_MARKS) return;
  times.push(performance.timeOrigin + performance.now());
  stages.push(stage);
  indexes.push(index);
}

if (traceEnabled) {
  process.once("exit", () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, `trace-${process.pid}.json`),
      JSON.stringify({ pid: process.pid, argv: process.argv.slice(2), times, stages, indexes }),
    );
  });
}
