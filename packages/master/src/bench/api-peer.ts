// The peer of the API benchmark: Kubernetes' published SLOs and figures. There is no kube-apiserver to run
// on this machine, so its own published numbers stand beside ours, each with where it was published.

export interface PeerSource {
  readonly id: string;
  readonly what: string;
  readonly url: string;
}

export const PEER_SOURCES: readonly PeerSource[] = [
  {
    id: "slo-api",
    what:
      "Kubernetes SIG Scalability, API call latency SLOs (official): mutating single-object calls p99 <= 1 s; " +
      "non-streaming reads p99 <= 1 s (one object), <= 5 s (a namespace), <= 30 s (the whole cluster)",
    url: "https://github.com/kubernetes/community/blob/master/sig-scalability/slos/api_call_latency.md",
  },
  {
    id: "slo-churn",
    what:
      "Kubernetes SIG Scalability, SLO prerequisites: the SLOs are promised while cluster churn " +
      "(pod creations/updates/deletions + user requests) is <= 20 per second",
    url: "https://github.com/kubernetes/community/blob/master/sig-scalability/slos/slos.md",
  },
  {
    id: "sli-watch",
    what:
      "Kubernetes SIG Scalability, watch latency: an SLI only (work in progress), no SLO; measured from the " +
      "object stored to ready to send to all watchers",
    url: "https://github.com/kubernetes/community/blob/master/sig-scalability/slos/watch_latency.md",
  },
  {
    id: "k8s-1.2",
    what:
      "Kubernetes 1.2 scalability post (2016), 1000-node clusters: p99 of most API calls tens of ms; LIST " +
      "hundreds of ms in very large clusters",
    url: "https://kubernetes.io/blog/2016/03/1000-nodes-and-beyond-updates-to-kubernetes-performance-and-scalability-in-12/",
  },
];

/** The numbers of those sources the table checks against. */
export const KUBERNETES = {
  mutatingP99Ms: 1000,
  listNamespaceP99Ms: 5000,
  listClusterP99Ms: 30_000,
  steadyChurnPerSec: 20,
} as const;
