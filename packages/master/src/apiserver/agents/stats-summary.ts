// The subset of the kubelet's Summary API (GET /stats/summary) node agents serve (agent contract).

export interface CpuStats {
  readonly time?: string;
  readonly usageNanoCores?: number;
  readonly usageCoreNanoSeconds?: number;
}

export interface MemoryStats {
  readonly time?: string;
  readonly workingSetBytes?: number;
  readonly usageBytes?: number;
}

export interface ContainerStats {
  readonly name: string;
  readonly startTime?: string;
  readonly cpu?: CpuStats;
  readonly memory?: MemoryStats;
}

export interface PodStats {
  readonly podRef: { readonly name: string; readonly namespace: string; readonly uid?: string };
  readonly startTime?: string;
  readonly containers?: readonly ContainerStats[];
}

export interface StatsSummary {
  readonly node: {
    readonly nodeName?: string;
    readonly startTime?: string;
    readonly cpu?: CpuStats;
    readonly memory?: MemoryStats;
  };
  readonly pods?: readonly PodStats[];
}

/** Parses an agent's answer, rejecting what is not a summary (a proxy's error page, a truncated body). */
export function parseSummary(text: string): StatsSummary {
  const parsed = JSON.parse(text) as unknown;
  if (
    typeof parsed !== "object" ||
    parsed === null ||
    typeof (parsed as { node?: unknown }).node !== "object"
  ) {
    throw new Error("not a stats summary (no node)");
  }
  return parsed as StatsSummary;
}
