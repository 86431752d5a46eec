// The pods the API benchmark writes: what a Deployment's pod template typically holds (labels, one
// container with an image, a named port, requests and limits, an env var), so the server defaults,
// validates, serializes and stores a realistic object.

export const JSON_TYPE = "application/json";
export const MERGE_PATCH_TYPE = "application/merge-patch+json";

export function podBody(namespace: string, name: string, seq: number): string {
  return JSON.stringify({
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace,
      labels: { app: "bench-web", tier: "frontend", "bench.tskube.io/shard": String(seq % 16) },
    },
    spec: {
      containers: [
        {
          name: "web",
          image: "nginx:1.25",
          ports: [{ name: "http", containerPort: 80, protocol: "TCP" }],
          env: [{ name: "BENCH_SEQ", value: String(seq) }],
          resources: {
            requests: { cpu: "100m", memory: "64Mi" },
            limits: { cpu: "500m", memory: "128Mi" },
          },
        },
      ],
      restartPolicy: "Always",
    },
  });
}

/** The update the watch phase makes: a label change (MODIFIED event, new resourceVersion). */
export function labelPatch(seq: number): string {
  return JSON.stringify({ metadata: { labels: { "bench.tskube.io/touched": String(seq) } } });
}

export function podsPath(namespace: string, name?: string): string {
  const base = `/api/v1/namespaces/${namespace}/pods`;
  return name === undefined ? base : `${base}/${name}`;
}

/**
 * Names for the create phases. The first `listPods` creates of the run go to the LIST namespace (so the
 * LIST phase reuses them and only tops up what is missing); later ones go to an overflow namespace, so
 * the LIST always reads exactly `listPods` pods whatever the create phases achieved.
 */
export class PodPlan {
  private next = 0;
  private readonly failed: number[] = [];

  constructor(
    readonly listNamespace: string,
    readonly overflowNamespace: string,
    readonly listPods: number,
  ) {}

  take(): { readonly namespace: string; readonly name: string; readonly seq: number } {
    const seq = this.next++;
    return seq < this.listPods
      ? { namespace: this.listNamespace, name: podName(seq), seq }
      : { namespace: this.overflowNamespace, name: `pod-${seq}`, seq };
  }

  /** A create that did not land: if it was one of the LIST namespace's, the top-up makes it again. */
  failedCreate(seq: number): void {
    if (seq < this.listPods) this.failed.push(seq);
  }

  /** What the LIST namespace still lacks: never-taken names and failed ones (each returned once). */
  missing(): number[] {
    const rest = [...this.failed];
    this.failed.length = 0;
    while (this.next < this.listPods) rest.push(this.next++);
    return rest;
  }
}

/** Zero-padded, so the store's key order (and so the LIST's order) follows creation order. */
export function podName(seq: number): string {
  return `pod-${String(seq).padStart(6, "0")}`;
}
