import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { LabPlan } from "./lab-plan.js";

/** What a lab has started, by pid, so that every later command (and `down`) can find it again. */
export interface LabState {
  readonly plan: LabPlan;
  /** Pids of each host's tskube process (master or agent), by host name. */
  readonly pids: Record<string, number>;
  readonly dockerds: Record<string, number>;
  registry?: number;
  /** The bootstrap token the agents join with (id.secret). */
  token?: string;
  /** Hosts cut off the lab network. */
  partitioned: string[];
  readonly createdAt: string;
}

export function statePath(dir: string): string {
  return join(dir, "state.json");
}

export function readLabState(dir: string): LabState | undefined {
  const file = statePath(dir);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, "utf8")) as LabState;
}

/** Written before anything is created and after every change: a half-started lab is still found by `down`. */
export function writeLabState(state: LabState): void {
  mkdirSync(state.plan.dir, { recursive: true });
  const file = statePath(state.plan.dir);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

export function newLabState(plan: LabPlan): LabState {
  return { plan, pids: {}, dockerds: {}, partitioned: [], createdAt: new Date().toISOString() };
}
