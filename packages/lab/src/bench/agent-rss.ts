import { readFileSync } from "node:fs";

// Resident memory of the agents (VmRSS of /proc/PID/status), read on demand and sampled for the run's peak.

/** VmRSS (all resident pages), or RssAnon (the private part: without the node binary's shared file pages). */
export function readRssMb(pid: number, field: "VmRSS" | "RssAnon" = "VmRSS"): number | undefined {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m === null ? undefined : Math.round((Number(m[1]) / 1024) * 10) / 10;
  } catch {
    return undefined;
  }
}

/** Every agent's RSS now, by host; an agent that is gone is an error (the figure would be meaningless). */
export function agentsRss(pids: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [host, pid] of Object.entries(pids)) {
    const mb = readRssMb(pid);
    if (mb === undefined) throw new Error(`pods bench: the agent of ${host} (pid ${pid}) is gone`);
    out[host] = mb;
  }
  return out;
}

export class RssPeak {
  private peak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pids: readonly number[],
    intervalMs = 250,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak;
  }

  private sample(): void {
    for (const pid of this.pids) this.peak = Math.max(this.peak, readRssMb(pid) ?? 0);
  }
}
