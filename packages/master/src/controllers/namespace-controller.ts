import { ApiError, RESOURCES } from "@tskube/api";
import type { ApiCore, RequestScope, UserInfo, WatchEvent } from "../apiserver/api-types.js";
import type { Logger } from "../logger.js";
import { WatchQueueController } from "./watch-queue-controller.js";

const SYSTEM_USER: UserInfo = {
  name: "system:serviceaccount:kube-system:namespace-controller",
  groups: ["system:masters"],
};

/**
 * Empties namespaces being deleted, then lets them go (Kubernetes' namespace controller): every object
 * in a Terminating namespace is deleted; once none is left the "kubernetes" finalizer is removed, which
 * completes the namespace's deletion. Level-triggered: it watches namespaces and re-checks each
 * Terminating one until it is gone, so a restart or a lost race only delays the cleanup.
 */
export class NamespaceController extends WatchQueueController {
  constructor(core: ApiCore, logger: Logger) {
    super(core, logger, { user: SYSTEM_USER, group: "", version: "v1", resource: "namespaces" });
  }

  protected keyOf(e: WatchEvent): string | undefined {
    if (e.type === "DELETED" || e.type === "BOOKMARK" || e.type === "ERROR") return undefined;
    const ns = e.object;
    return ns.metadata?.deletionTimestamp !== undefined ? ns.metadata.name : undefined;
  }

  protected step(name: string): Promise<boolean> {
    return this.reconcile(name);
  }

  /** One step toward "gone"; true when there is nothing left to do. */
  private async reconcile(name: string): Promise<boolean> {
    const nsScope: RequestScope = {
      user: SYSTEM_USER,
      group: "",
      version: "v1",
      resource: "namespaces",
      name,
    };
    let ns: Awaited<ReturnType<ApiCore["get"]>>;
    try {
      ns = await this.core.get(nsScope);
    } catch (err) {
      if (err instanceof ApiError && err.reason === "NotFound") return true;
      throw err;
    }
    if (ns.metadata?.deletionTimestamp === undefined) return true;
    let left = 0;
    for (const info of RESOURCES) {
      if (!info.namespaced || info.storage !== "store" || !info.verbs.includes("delete")) continue;
      const scope: RequestScope = {
        user: SYSTEM_USER,
        group: info.group,
        version: info.versions[0] ?? "v1",
        resource: info.resource,
        namespace: name,
      };
      const list = await this.core.list(scope, { resourceVersion: "0" });
      for (const item of list.items) {
        left++;
        if (item.metadata?.deletionTimestamp !== undefined) continue;
        await this.core
          .delete({ ...scope, name: item.metadata?.name ?? "" }, { propagationPolicy: "Background" })
          .catch((err: unknown) => {
            if (!(err instanceof ApiError) || err.reason !== "NotFound") throw err;
          });
      }
    }
    if (left > 0) return false;
    // Empty: drop our finalizer; with no finalizers left the update completes the deletion.
    await this.core
      .patch(nsScope, "merge", { spec: { finalizers: null }, metadata: { finalizers: null } })
      .catch((err: unknown) => {
        if (!(err instanceof ApiError) || err.reason !== "NotFound") throw err;
      });
    return true;
  }
}
