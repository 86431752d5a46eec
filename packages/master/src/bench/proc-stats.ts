import { readFileSync } from "node:fs";

// Linux /proc readings of the processes a benchmark started (by pid). A process that is gone reads as undefined.

/** Clock ticks per second of /proc/PID/stat times; 100 on every Linux build this runs on (USER_HZ). */
const CLOCK_TICKS = 100;

/** Resident set size in MB (VmRSS of /proc/PID/status). */
export function readRssMb(pid: number): number | undefined {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m === null ? undefined : Number(m[1]) / 1024;
  } catch {
    return undefined;
  }
}

/** User + system CPU seconds the process used so far (/proc/PID/stat utime + stime). */
export function readCpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: count fields after its closing ')'.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return Number.isFinite(utime) && Number.isFinite(stime) ? (utime + stime) / CLOCK_TICKS : undefined;
  } catch {
    return undefined;
  }
}

/** Samples VmRSS of some processes every `intervalMs` and keeps each one's maximum. */
export class RssSampler {
  readonly maxMb = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pids: ReadonlyMap<string, number>,
    intervalMs = 250,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  stop(): ReadonlyMap<string, number> {
    clearInterval(this.timer);
    this.sample();
    return this.maxMb;
  }

  private sample(): void {
    for (const [name, pid] of this.pids) {
      const mb = readRssMb(pid);
      if (mb !== undefined) this.maxMb.set(name, Math.max(mb, this.maxMb.get(name) ?? 0));
    }
  }
}

/** CPU used by a set of processes between two calls, as a percentage of one core. */
export class CpuMeter {
  private readonly startedAt = performance.now();
  private readonly before: ReadonlyMap<number, number>;

  constructor(pids: readonly number[]) {
    this.before = new Map(
      pids.flatMap((p) => {
        const s = readCpuSeconds(p);
        return s === undefined ? [] : [[p, s] as const];
      }),
    );
  }

  percent(): number {
    const seconds = (performance.now() - this.startedAt) / 1000;
    let used = 0;
    for (const [pid, before] of this.before) {
      const now = readCpuSeconds(pid);
      if (now !== undefined) used += now - before;
    }
    return seconds > 0 ? (100 * used) / seconds : 0;
  }
}
