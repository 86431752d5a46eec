// The pods bound to this node, kept current by list + watch (spec.nodeName=NAME). A watch that ends or
// fails is re-established; a relist reports pods that vanished meanwhile as deleted.
import type { ObjectClient } from "@tskube/api";
import type { Pod } from "kubernetes-types/core/v1.js";
import type { AgentLogger } from "./logger.js";

export interface PodHandlers {
  upsert(pod: Pod): void;
  deleted(pod: Pod): void;
  /** After the first complete list: the agent may now tell orphans from pods it has not seen yet. */
  synced(): void;
}

export class PodInformer {
  private readonly pods = new Map<string, Pod>();
  private stopped = false;
  private closeWatch: (() => void) | undefined;
  private hasSynced = false;

  constructor(
    private readonly client: ObjectClient,
    private readonly nodeName: string,
    private readonly handlers: PodHandlers,
    private readonly log: AgentLogger,
  ) {}

  get(uid: string): Pod | undefined {
    return this.pods.get(uid);
  }

  all(): Pod[] {
    return [...this.pods.values()];
  }

  get synced(): boolean {
    return this.hasSynced;
  }

  start(): void {
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    this.closeWatch?.();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.listAndWatch();
      } catch (err) {
        if (!this.stopped) this.log.warn({ err: (err as Error).message }, "pod watch failed; listing again");
      }
      if (!this.stopped) await new Promise((r) => setTimeout(r, 1000));
    }
  }

  private async listAndWatch(): Promise<void> {
    const fieldSelector = `spec.nodeName=${this.nodeName}`;
    const list = await this.client.list("pods", { fieldSelector });
    const seen = new Set<string>();
    for (const pod of list.items) {
      const uid = pod.metadata?.uid ?? "";
      seen.add(uid);
      this.pods.set(uid, pod);
      this.handlers.upsert(pod);
    }
    // Pods known before this list but absent from it were deleted while the watch was down.
    for (const [uid, pod] of this.pods) {
      if (!seen.has(uid)) {
        this.pods.delete(uid);
        this.handlers.deleted(pod);
      }
    }
    if (!this.hasSynced) {
      this.hasSynced = true;
      this.handlers.synced();
    }
    const watch = await this.client.watch("pods", {
      fieldSelector,
      resourceVersion: list.metadata.resourceVersion ?? "",
      retryBudgetMs: 30_000,
    });
    this.closeWatch = () => watch.close();
    try {
      for await (const ev of watch) {
        if (ev.type === "BOOKMARK") continue;
        const pod = ev.object as Pod;
        const uid = pod.metadata?.uid ?? "";
        if (ev.type === "DELETED") {
          this.pods.delete(uid);
          this.handlers.deleted(pod);
        } else {
          this.pods.set(uid, pod);
          this.handlers.upsert(pod);
        }
      }
    } finally {
      this.closeWatch = undefined;
      watch.close();
    }
  }
}
