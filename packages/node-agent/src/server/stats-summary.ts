// kubelet's /stats/summary (the part metrics.k8s.io uses): per-container CPU and working-set memory from the
// runtime, node totals from /proc. CPU rates (usageNanoCores) come from two samples of cumulative CPU time.
import { readFileSync } from "node:fs";
import type { PodStats } from "../runtime/runtime-types.js";

interface Sample {
  at: number;
  ns: bigint;
}

const CLOCK_TICKS_PER_SECOND = 100n;

function nodeCpuNs(): bigint {
  const line = readFileSync("/proc/stat", "utf8").split("\n", 1)[0] ?? "";
  // cpu user nice system idle iowait irq softirq steal …: busy = everything but idle and iowait.
  const f = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map((x) => BigInt(x));
  const busy = (f[0] ?? 0n) + (f[1] ?? 0n) + (f[2] ?? 0n) + (f[5] ?? 0n) + (f[6] ?? 0n) + (f[7] ?? 0n);
  return (busy * 1_000_000_000n) / CLOCK_TICKS_PER_SECOND;
}

function nodeMemory(): { workingSetBytes: number; usageBytes: number } {
  const text = readFileSync("/proc/meminfo", "utf8");
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, "m").exec(text)?.[1] ?? 0) * 1024;
  const used = kb("MemTotal") - kb("MemAvailable");
  return { workingSetBytes: used, usageBytes: kb("MemTotal") - kb("MemFree") };
}

export class StatsSummary {
  private readonly samples = new Map<string, Sample>();

  constructor(
    private readonly nodeName: string,
    private readonly startTime: Date,
  ) {}

  /** usageNanoCores since the previous sample of `key` (undefined on the first). */
  private rate(key: string, ns: bigint, at: number): number | undefined {
    const prev = this.samples.get(key);
    this.samples.set(key, { at, ns });
    if (prev === undefined || at <= prev.at || ns < prev.ns) return undefined;
    return Number(((ns - prev.ns) * 1000n) / BigInt(at - prev.at));
  }

  summary(pods: readonly PodStats[], now = new Date()): object {
    const at = now.getTime();
    const time = now.toISOString();
    const nodeNs = nodeCpuNs();
    const live = new Set<string>(["node"]);
    const podEntries = pods.map((p) => ({
      podRef: { name: p.name, namespace: p.namespace, uid: p.uid },
      startTime: (p.containers[0]?.startTime ?? now).toISOString(),
      containers: p.containers.map((c) => {
        const key = `${p.uid}/${c.name}`;
        live.add(key);
        const rate = this.rate(key, c.usageCoreNanoSeconds, at);
        return {
          name: c.name,
          startTime: c.startTime.toISOString(),
          cpu: {
            time,
            usageCoreNanoSeconds: Number(c.usageCoreNanoSeconds),
            ...(rate === undefined ? {} : { usageNanoCores: rate }),
          },
          memory: { time, workingSetBytes: c.workingSetBytes, usageBytes: c.usageBytes },
        };
      }),
    }));
    const nodeRate = this.rate("node", nodeNs, at);
    for (const key of this.samples.keys()) if (!live.has(key)) this.samples.delete(key);
    return {
      node: {
        nodeName: this.nodeName,
        startTime: this.startTime.toISOString(),
        cpu: {
          time,
          usageCoreNanoSeconds: Number(nodeNs),
          ...(nodeRate === undefined ? {} : { usageNanoCores: nodeRate }),
        },
        memory: { time, ...nodeMemory() },
      },
      pods: podEntries,
    };
  }
}
