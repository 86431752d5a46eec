import type { Node, Pod } from "kubernetes-types/core/v1.js";
import type { Logger } from "../../logger.js";
import type { ApiObject } from "../api-object.js";
import type { ApiCore } from "../api-types.js";
import type { MetricsSource } from "../core/virtual-resources.js";
import { agentAddress } from "./agent-address.js";
import type { AgentClient } from "./agent-client.js";
import { API_SERVER_USER } from "./pod-target.js";
import { type CpuStats, type MemoryStats, parseSummary, type StatsSummary } from "./stats-summary.js";

export interface AgentMetricsOptions {
  /** Summaries are reused for this long: `kubectl top` runs in bursts, agents should not be polled per call. */
  readonly cacheMs?: number;
  /** A node whose agent does not answer within this is left out. */
  readonly timeoutMs?: number;
  /** When an agent reports only cumulative CPU, a second sample is taken after this long to get a rate. */
  readonly secondSampleMs?: number;
  readonly logger?: Logger;
}

interface Usage {
  readonly nanoCores: number;
  readonly workingSetBytes: number;
  /** Epoch ms of the CPU sample. */
  readonly time: number;
  readonly windowSeconds: number;
}

interface NodeSample {
  readonly node: Node;
  readonly usage: Usage | undefined;
  /** "namespace/name" → container → usage. */
  readonly pods: ReadonlyMap<string, ReadonlyMap<string, Usage>>;
}

interface CpuPoint {
  readonly time: number;
  readonly total: number;
}

/** kubelet computes usageNanoCores over its housekeeping interval, about this long. */
const AGENT_WINDOW_SECONDS = 10;
const API_VERSION = "metrics.k8s.io/v1beta1";

/**
 * The metrics API (what metrics-server serves) computed on demand from the agents' /stats/summary: every
 * Ready node's agent is asked in parallel, slow or dead agents are skipped, and the answers are cached
 * briefly. CPU is usageNanoCores, or a rate from two cumulative samples when an agent reports no rate.
 */
export class AgentMetrics implements MetricsSource {
  private cached: { readonly at: number; readonly samples: Promise<NodeSample[]> } | undefined;
  /** Per node, the last cumulative CPU counters seen (for rates); replaced on every fetch. */
  private readonly previous = new Map<string, Map<string, CpuPoint>>();
  private readonly cacheMs: number;
  private readonly timeoutMs: number;
  private readonly secondSampleMs: number;

  constructor(
    private readonly agents: AgentClient,
    private readonly o: AgentMetricsOptions = {},
  ) {
    this.cacheMs = o.cacheMs ?? 10_000;
    this.timeoutMs = o.timeoutMs ?? 3_000;
    this.secondSampleMs = o.secondSampleMs ?? 1_000;
  }

  async nodeMetrics(core: ApiCore): Promise<ApiObject[]> {
    const samples = await this.samples(core);
    const now = timestamp(Date.now());
    const out: ApiObject[] = [];
    for (const s of samples) {
      if (s.usage === undefined) continue;
      out.push({
        kind: "NodeMetrics",
        apiVersion: API_VERSION,
        metadata: {
          name: s.node.metadata?.name ?? "",
          creationTimestamp: now,
          ...(s.node.metadata?.labels === undefined ? {} : { labels: s.node.metadata.labels }),
        },
        timestamp: timestamp(s.usage.time),
        window: window(s.usage.windowSeconds),
        usage: usage(s.usage),
      } as ApiObject);
    }
    return out;
  }

  async podMetrics(core: ApiCore, namespace: string | undefined): Promise<ApiObject[]> {
    const [samples, pods] = await Promise.all([this.samples(core), listPods(core, namespace)]);
    const now = timestamp(Date.now());
    const out: ApiObject[] = [];
    for (const s of samples) {
      for (const [key, containers] of s.pods) {
        const pod = pods.get(key);
        if (pod === undefined || containers.size === 0) continue;
        const list = [...containers];
        const latest = Math.max(...list.map(([, u]) => u.time));
        const windowSeconds = Math.max(...list.map(([, u]) => u.windowSeconds));
        out.push({
          kind: "PodMetrics",
          apiVersion: API_VERSION,
          metadata: {
            name: pod.metadata?.name ?? "",
            namespace: pod.metadata?.namespace ?? "",
            creationTimestamp: now,
            ...(pod.metadata?.labels === undefined ? {} : { labels: pod.metadata.labels }),
          },
          timestamp: timestamp(latest),
          window: window(windowSeconds),
          containers: list.map(([name, u]) => ({ name, usage: usage(u) })),
        } as ApiObject);
      }
    }
    return out;
  }

  private samples(core: ApiCore): Promise<NodeSample[]> {
    const now = Date.now();
    if (this.cached !== undefined && now - this.cached.at < this.cacheMs) return this.cached.samples;
    const samples = this.fetchAll(core);
    const entry = { at: now, samples };
    this.cached = entry;
    samples.catch(() => {
      if (this.cached === entry) this.cached = undefined;
    });
    return samples;
  }

  private async fetchAll(core: ApiCore): Promise<NodeSample[]> {
    const nodes = await core.list(
      { user: API_SERVER_USER, group: "", version: "v1", resource: "nodes" },
      { resourceVersion: "0" },
    );
    const ready = (nodes.items as Node[]).filter(isReady);
    const results = await Promise.all(
      ready.map((node) =>
        this.fetchNode(node).catch((err: unknown) => {
          this.o.logger?.debug(
            { node: node.metadata?.name, err: (err as Error).message },
            "metrics: node agent skipped",
          );
          return undefined;
        }),
      ),
    );
    return results.filter((r): r is NodeSample => r !== undefined);
  }

  private async fetchNode(node: Node): Promise<NodeSample> {
    const first = this.convert(node, await this.summary(node));
    if (!first.incomplete) return first.sample;
    await new Promise((r) => setTimeout(r, this.secondSampleMs));
    return this.convert(node, await this.summary(node)).sample;
  }

  private async summary(node: Node): Promise<StatsSummary> {
    const address = agentAddress(node);
    const res = await this.agents.get(address, "/stats/summary", {
      pooled: true,
      timeoutMs: this.timeoutMs,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const chunks: Buffer[] = [];
    for await (const chunk of res) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    if (res.statusCode !== 200)
      throw new Error(`/stats/summary answered ${res.statusCode}: ${text.slice(0, 200)}`);
    return parseSummary(text);
  }

  /** Usage per node and container; `incomplete` when some CPU rate needs a second sample. */
  private convert(node: Node, s: StatsSummary): { sample: NodeSample; incomplete: boolean } {
    const nodeName = node.metadata?.name ?? "";
    const before = this.previous.get(nodeName);
    const points = new Map<string, CpuPoint>();
    this.previous.set(nodeName, points);
    let incomplete = false;
    const fetchedAt = Date.now();
    const read = (
      key: string,
      cpu: CpuStats | undefined,
      memory: MemoryStats | undefined,
    ): Usage | undefined => {
      const rate = cpuRate(key, cpu, fetchedAt, before, points);
      if (rate === undefined && cpu?.usageCoreNanoSeconds !== undefined) incomplete = true;
      const workingSet = memory?.workingSetBytes;
      if (rate === undefined || typeof workingSet !== "number") return undefined;
      return { ...rate, workingSetBytes: workingSet };
    };
    const usage = read("", s.node.cpu, s.node.memory);
    const pods = new Map<string, Map<string, Usage>>();
    for (const p of s.pods ?? []) {
      const key = `${p.podRef.namespace}/${p.podRef.name}`;
      const containers = new Map<string, Usage>();
      for (const c of p.containers ?? []) {
        const u = read(`${key}/${c.name}`, c.cpu, c.memory);
        if (u !== undefined) containers.set(c.name, u);
      }
      pods.set(key, containers);
    }
    return { sample: { node, usage, pods }, incomplete };
  }
}

function cpuRate(
  key: string,
  cpu: CpuStats | undefined,
  fetchedAt: number,
  before: ReadonlyMap<string, CpuPoint> | undefined,
  points: Map<string, CpuPoint>,
): { nanoCores: number; time: number; windowSeconds: number } | undefined {
  if (cpu === undefined) return undefined;
  const parsed = cpu.time === undefined ? Number.NaN : Date.parse(cpu.time);
  const time = Number.isNaN(parsed) ? fetchedAt : parsed;
  const total = cpu.usageCoreNanoSeconds;
  if (typeof total === "number") points.set(key, { time, total });
  if (typeof cpu.usageNanoCores === "number") {
    return { nanoCores: cpu.usageNanoCores, time, windowSeconds: AGENT_WINDOW_SECONDS };
  }
  const prev = before?.get(key);
  if (typeof total !== "number" || prev === undefined || time <= prev.time || total < prev.total) {
    return undefined;
  }
  const seconds = (time - prev.time) / 1000;
  return { nanoCores: (total - prev.total) / seconds, time, windowSeconds: seconds };
}

async function listPods(core: ApiCore, namespace: string | undefined): Promise<Map<string, Pod>> {
  const list = await core.list(
    {
      user: API_SERVER_USER,
      group: "",
      version: "v1",
      resource: "pods",
      ...(namespace === undefined ? {} : { namespace }),
    },
    { resourceVersion: "0" },
  );
  const pods = new Map<string, Pod>();
  for (const p of list.items as Pod[]) pods.set(`${p.metadata?.namespace}/${p.metadata?.name}`, p);
  return pods;
}

function isReady(node: Node): boolean {
  return (node.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
}

function usage(u: Usage): { cpu: string; memory: string } {
  return { cpu: `${Math.round(u.nanoCores)}n`, memory: `${Math.floor(u.workingSetBytes / 1024)}Ki` };
}

/** metav1.Time: RFC 3339 to the second. */
function timestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function window(seconds: number): string {
  return `${Number(seconds.toFixed(3))}s`;
}
