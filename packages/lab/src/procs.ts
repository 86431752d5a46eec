import { readdirSync, readFileSync } from "node:fs";

// Process bookkeeping from /proc: the lab stops only processes it can name by pid.

interface ProcEntry {
  readonly pid: number;
  readonly ppid: number;
  readonly state: string;
}

function readStat(pid: number): ProcEntry | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may itself contain spaces or parentheses.
    const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { pid, state: rest[0] ?? "", ppid: Number(rest[1]) };
  } catch {
    return undefined;
  }
}

/** Running (not zombie, not gone). */
export function isAlive(pid: number): boolean {
  const entry = readStat(pid);
  return entry !== undefined && entry.state !== "Z" && entry.state !== "X";
}

export function cmdline(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8")
      .split("\0")
      .filter((s) => s !== "");
  } catch {
    return [];
  }
}

function allPids(): number[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/** Processes whose command line names a path inside `dir` (a daemon's own, unique directory). */
export function pidsReferencing(dir: string): number[] {
  const prefix = dir.endsWith("/") ? dir : `${dir}/`;
  return allPids().filter((pid) => cmdline(pid).some((arg) => arg === dir || arg.includes(prefix)));
}

/** The given pids and all their descendants, from one snapshot of the process table. */
export function withDescendants(roots: readonly number[]): number[] {
  const children = new Map<number, number[]>();
  for (const pid of allPids()) {
    const entry = readStat(pid);
    if (!entry) continue;
    const list = children.get(entry.ppid) ?? [];
    list.push(pid);
    children.set(entry.ppid, list);
  }
  const seen = new Set<number>();
  const queue = [...roots];
  while (queue.length > 0) {
    const pid = queue.pop() as number;
    if (seen.has(pid)) continue;
    seen.add(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return [...seen];
}

export function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // Already gone.
  }
}

/** Waits until none of the pids is alive; returns those still alive at the deadline. */
export async function waitGone(pids: readonly number[], timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let alive = pids.filter(isAlive);
  while (alive.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    alive = alive.filter(isAlive);
  }
  return alive;
}
