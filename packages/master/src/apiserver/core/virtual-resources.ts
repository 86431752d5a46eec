import { ApiError, notFound } from "@tskube/api";
import type { SelfSubjectAccessReviewSpec } from "kubernetes-types/authorization/v1.js";
import { selfSubjectAccessReview, selfSubjectReview } from "../../auth/index.js";
import type { ApiObject } from "../api-object.js";
import type { ApiCore, RequestScope } from "../api-types.js";
import type { Resolved } from "./resolve.js";

/** Where metrics.k8s.io's objects come from (the node agents' stats, see agents/node-metrics.ts). */
export interface MetricsSource {
  nodeMetrics(core: ApiCore): Promise<ApiObject[]>;
  /** undefined: every namespace. */
  podMetrics(core: ApiCore, namespace: string | undefined): Promise<ApiObject[]>;
}

const METRICS_GROUP = "metrics.k8s.io";

/**
 * Resources computed per request and never stored: access reviews (`kubectl auth can-i`, `auth whoami`)
 * and the metrics API (NodeMetrics, PodMetrics from the node agents; none without a metrics source).
 */
export class VirtualResources {
  constructor(private readonly metrics?: MetricsSource) {}

  async get(core: ApiCore, scope: RequestScope, r: Resolved): Promise<ApiObject> {
    const name = scope.name ?? "";
    if (r.info.group === METRICS_GROUP) {
      const found = (await this.list(core, scope, r)).find((o) => o.metadata?.name === name);
      if (found !== undefined) return found;
      // metrics-server's texts: the kind in lower case, and namespace/name for pods.
      if (r.info.kind === "PodMetrics") {
        throw new ApiError("NotFound", `podmetrics.metrics.k8s.io "${r.namespace ?? ""}/${name}" not found`, {
          name,
          group: METRICS_GROUP,
          kind: "pods",
        });
      }
      throw new ApiError("NotFound", `nodemetrics.metrics.k8s.io "${name}" not found`, {
        name,
        group: METRICS_GROUP,
        kind: "nodes",
      });
    }
    throw notFound({ resource: r.info.resource, group: r.info.group }, name);
  }

  /** Items of a virtual list, before selectors (the core filters them like stored objects). */
  async list(core: ApiCore, _scope: RequestScope, r: Resolved): Promise<ApiObject[]> {
    if (this.metrics === undefined || r.info.group !== METRICS_GROUP) return [];
    if (r.info.kind === "NodeMetrics") return this.metrics.nodeMetrics(core);
    if (r.info.kind === "PodMetrics") return this.metrics.podMetrics(core, r.namespace);
    return [];
  }

  create(scope: RequestScope, r: Resolved, body: ApiObject): ApiObject {
    if (r.info.kind === "SelfSubjectAccessReview") {
      return selfSubjectAccessReview(
        scope.user,
        (body.spec ?? {}) as SelfSubjectAccessReviewSpec,
      ) as unknown as ApiObject;
    }
    if (r.info.kind === "SelfSubjectReview") return selfSubjectReview(scope.user) as unknown as ApiObject;
    throw new ApiError("MethodNotAllowed", "the server does not allow this method on the requested resource");
  }
}
