import { ApiError } from "@tskube/api";
import type { ApiObject } from "./api-object.js";
import type { ApiCore, UserInfo } from "./api-types.js";

const SYSTEM: UserInfo = { name: "system:apiserver", groups: ["system:masters"] };

/** The namespaces every cluster has. */
export const SYSTEM_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease"];

/**
 * Creates what a fresh cluster must have, as the real API server's bootstrap controller does: the system
 * namespaces and the `kubernetes` service on the first service IP. Every master runs it at start; an
 * object that exists is left alone.
 */
export async function ensureBootstrapObjects(core: ApiCore, apiPort: number): Promise<void> {
  for (const name of SYSTEM_NAMESPACES) {
    await createIfAbsent(core, "namespaces", undefined, {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name },
    });
  }
  await createIfAbsent(core, "services", "default", {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "kubernetes", labels: { component: "apiserver", provider: "kubernetes" } },
    spec: {
      type: "ClusterIP",
      clusterIP: "10.96.0.1",
      ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: apiPort }],
      sessionAffinity: "None",
    },
  });
}

async function createIfAbsent(
  core: ApiCore,
  resource: string,
  namespace: string | undefined,
  obj: ApiObject,
): Promise<void> {
  try {
    await core.create(
      { user: SYSTEM, group: "", version: "v1", resource, ...(namespace === undefined ? {} : { namespace }) },
      obj,
      {},
    );
  } catch (err) {
    // Another master made it first, or (for the service IP) it already holds the address.
    if (err instanceof ApiError && (err.reason === "AlreadyExists" || err.reason === "Invalid")) return;
    throw err;
  }
}
