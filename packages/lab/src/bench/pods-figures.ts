// What `npm run bench -- pods` measures and writes to bench-results/pods.json, its targets (issue 5) and the
// peer figures it stands beside.

export const PODS_TARGETS = {
  latencyP99Ms: 1500,
  burstRatio: 1.3,
  agentRssMb: 60,
} as const;

export const PEER_SOURCES = {
  k8s_pod_startup_slo:
    "Kubernetes SIG Scalability SLO 'pod startup latency': p99 ≤ 5 s for stateless pods, image pull " +
    "excluded (github.com/kubernetes/community/blob/master/sig-scalability/slos/pod_startup_latency.md)",
  k3s_agent_rss:
    "k3s agent 275 MB: published figure, not measured here (docs.k3s.io/reference/resource-profiling: " +
    "'K3s agent' minimum RAM, K3s v1.26.5 on an Intel 8375C, 95th percentile at steady state; it counts " +
    "the k3s agent with its kubelet and containerd, while ours is the agent process alone beside a dockerd)",
  plain_docker: "measured in the same run on the same three dockerds: pause + app container per pod, no CNI",
} as const;

export const K8S_STARTUP_SLO_MS = 5000;
export const K3S_AGENT_RSS_MB = 275;

export interface LatencyFigures {
  readonly pods: number;
  readonly interval_ms: number;
  readonly p50_ms: number;
  readonly p99_ms: number;
  readonly max_ms: number;
  readonly min_ms: number;
  /** The create request alone (send → answer). */
  readonly create_p50_ms: number;
  readonly create_p99_ms: number;
  /** Create sent → Running+ready event, in creation order. */
  readonly samples_ms: readonly number[];
  /** The same pace straight through dockerd (pause + app, no CNI, no API): the physical limit. */
  readonly docker_p50_ms: number;
  readonly docker_p99_ms: number;
}

export interface BurstFigures {
  readonly pods: number;
  /** First create sent → last pod seen Running+ready. */
  readonly tskube_ms: number;
  /** How many were Running+ready within `limit_ms` (all of them unless tskube_ms is NaN → null in JSON). */
  readonly ready_in_limit: number;
  readonly limit_ms: number;
  /** All creates answered (the API's share of the burst). */
  readonly tskube_created_ms: number;
  /** First docker create sent → last app container's start answered. */
  readonly docker_ms: number;
  readonly ratio: number;
}

export interface RssFigures {
  /** Each agent with no pod, right after the nodes became Ready. */
  readonly idle_mb: Record<string, number>;
  /** Each agent with 10 pods (after the latency phase). */
  readonly ten_pods_mb: Record<string, number>;
  /** w1's agent with 30 pods on its node. */
  readonly thirty_pods_mb: number;
  /** The private part of that (RssAnon): the rest are the node binary's file pages, shared by every node process. */
  readonly thirty_pods_anon_mb: number;
  /** Highest reading of any agent during the whole run (sampled every 250 ms). */
  readonly max_mb: number;
}

export interface TargetCheck {
  readonly what: string;
  readonly target: string;
  readonly ours: string;
  readonly met: boolean;
}

export interface PodsBenchResult {
  readonly system: "tskube";
  readonly machine: string;
  readonly cpu_model: string;
  readonly cores: number;
  readonly node_version: string;
  readonly loadavg_before: readonly number[];
  readonly loadavg_after: readonly number[];
  readonly lab: {
    readonly subnet: string;
    readonly masters: number;
    readonly workers: number;
    /** The agents' CNI plugin: tskube (ours, a Node process per call) or bridge (Debian's reference plugins). */
    readonly cni: string;
    readonly up_s: number;
  };
  readonly image: string;
  readonly latency: LatencyFigures;
  readonly burst: BurstFigures;
  readonly agent_rss: RssFigures;
  readonly total_s: number;
  readonly targets: readonly TargetCheck[];
  readonly peer_sources: typeof PEER_SOURCES;
}
