import * as grpc from "@grpc/grpc-js";
import { ObjectClient as Client, type ObjectClient, type ObjectWatch } from "@tskube/api";
import type { Pod } from "kubernetes-types/core/v1.js";
import type { AdminPems } from "./bench-lab.js";

// The bench's view of its pods through one watch opened before the first create: when each pod was first
// seen Running with every container ready (what kubectl shows as Running 1/1), and which pods still exist.

export const BENCH_NAMESPACE = "default";
export const BENCH_LABEL = "tskube-bench";

export function adminObjectClient(endpoints: readonly string[], pems: AdminPems): ObjectClient {
  return new Client(endpoints, {
    credentials: grpc.credentials.createSsl(
      Buffer.from(pems.caPem),
      Buffer.from(pems.keyPem),
      Buffer.from(pems.certPem),
    ),
    deadlineMs: 20_000,
    retryBudgetMs: 20_000,
  });
}

/** A plain pod of one container bound straight to a node (no scheduler yet); a short grace keeps deletes quick. */
export function benchPod(name: string, nodeName: string, image: string, run: string): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: BENCH_NAMESPACE, labels: { [BENCH_LABEL]: run } },
    spec: {
      nodeName,
      terminationGracePeriodSeconds: 1,
      containers: [{ name: "web", image }],
    },
  };
}

export function runningAndReady(pod: Pod): boolean {
  const statuses = pod.status?.containerStatuses ?? [];
  return pod.status?.phase === "Running" && statuses.length > 0 && statuses.every((c) => c.ready);
}

interface Waiter {
  readonly done: () => boolean;
  readonly resolve: () => void;
}

export class PodTracker {
  /** performance.now() of each pod's first Running+ready event, by name. */
  readonly readyAt = new Map<string, number>();
  private readonly present = new Set<string>();
  private waiters: Waiter[] = [];
  private failure: unknown;
  private loop: Promise<void> | undefined;

  private constructor(private readonly watch: ObjectWatch<Pod>) {}

  /** Opens the watch (resolves once the server accepted it) and starts reading events. */
  static async open(client: ObjectClient, run: string): Promise<PodTracker> {
    // No resourceVersion: the watch lists first (nothing of this run exists yet), then streams every change.
    const watch = await client.watch("pods", {
      namespace: BENCH_NAMESPACE,
      labelSelector: `${BENCH_LABEL}=${run}`,
    });
    const t = new PodTracker(watch);
    t.loop = t.read();
    return t;
  }

  private async read(): Promise<void> {
    try {
      for await (const e of this.watch) {
        const at = performance.now();
        if (e.type === "BOOKMARK") continue;
        const name = e.object.metadata?.name ?? "";
        if (e.type === "DELETED") {
          this.present.delete(name);
        } else {
          this.present.add(name);
          if (!this.readyAt.has(name) && runningAndReady(e.object)) this.readyAt.set(name, at);
        }
        this.settle();
      }
    } catch (err) {
      this.failure = err;
    }
  }

  private settle(): void {
    const left: Waiter[] = [];
    for (const w of this.waiters) {
      if (w.done()) w.resolve();
      else left.push(w);
    }
    this.waiters = left;
  }

  private until(done: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        const cause = this.failure === undefined ? "" : ` (watch ended: ${(this.failure as Error).message})`;
        reject(new Error(`pods bench: ${what()} after ${timeoutMs / 1000} s${cause}`));
      }, timeoutMs);
      const waiter: Waiter = {
        done,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.waiters.push(waiter);
    });
  }

  readyCount(names: readonly string[]): number {
    return names.filter((n) => this.readyAt.has(n)).length;
  }

  waitReady(names: readonly string[], timeoutMs: number): Promise<void> {
    return this.until(
      () => this.readyCount(names) === names.length,
      timeoutMs,
      () => `only ${this.readyCount(names)}/${names.length} pods Running and ready`,
    );
  }

  presentCount(names: readonly string[]): number {
    return names.filter((n) => this.present.has(n)).length;
  }

  waitGone(names: readonly string[], timeoutMs: number): Promise<void> {
    return this.until(
      () => this.presentCount(names) === 0,
      timeoutMs,
      () => `${this.presentCount(names)}/${names.length} pods still not deleted`,
    );
  }

  async close(): Promise<void> {
    this.watch.close();
    await this.loop;
  }
}
