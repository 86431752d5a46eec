// What a pod's sync needs from the API besides the pod: its ConfigMaps and Secrets (absent ones are simply
// missing: the runtime reports CreateContainerConfigError / FailedMount), the host paths of its claims' bound
// PersistentVolumes, the Service environment, and the node's own facts.
import { ApiError, type ObjectClient } from "@tskube/api";
import type { ConfigMap, Pod, Secret, Service } from "kubernetes-types/core/v1.js";
import type { SyncContext } from "../runtime/runtime-types.js";
import { podReferences } from "./pod-references.js";
import { serviceEnv } from "./service-env.js";

async function orUndefined<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof ApiError && (err.code === 404 || err.code === 403)) return undefined;
    throw err;
  }
}

export interface NodeContext {
  nodeIP: string;
  podsRoot: string;
  allocatable: Readonly<Record<string, string>>;
}

export async function resolvePodContext(
  client: ObjectClient,
  pod: Pod,
  node: NodeContext,
): Promise<SyncContext> {
  const namespace = pod.metadata?.namespace ?? "default";
  const refs = podReferences(pod);
  const configMaps = new Map<string, ConfigMap>();
  const secrets = new Map<string, Secret>();
  const claimPaths = new Map<string, string>();
  await Promise.all([
    ...[...refs.configMaps].map(async (name) => {
      const cm = await orUndefined(client.get("configmaps", { namespace, name }));
      if (cm !== undefined) configMaps.set(name, cm);
    }),
    ...[...refs.secrets].map(async (name) => {
      const s = await orUndefined(client.get("secrets", { namespace, name }));
      if (s !== undefined) secrets.set(name, s);
    }),
    ...[...refs.claims].map(async (name) => {
      const pvc = await orUndefined(client.get("persistentvolumeclaims", { namespace, name }));
      const volume = pvc?.spec?.volumeName;
      if (volume === undefined || volume === "") return;
      const pv = await orUndefined(client.get("persistentvolumes", { name: volume }));
      const path = pv?.spec?.hostPath?.path;
      if (path !== undefined) claimPaths.set(name, path);
    }),
  ]);
  let services: Service[] = [];
  if (pod.spec?.enableServiceLinks !== false) {
    const [own, master] = await Promise.all([
      orUndefined(client.list("services", { namespace })),
      namespace === "default"
        ? undefined
        : orUndefined(client.get("services", { namespace: "default", name: "kubernetes" })),
    ]);
    services = [...(own?.items ?? []), ...(master === undefined ? [] : [master])];
  } else {
    const master = await orUndefined(client.get("services", { namespace: "default", name: "kubernetes" }));
    if (master !== undefined) services = [master];
  }
  return {
    configMaps,
    secrets,
    claimPaths,
    serviceEnv: serviceEnv(services),
    podsRoot: node.podsRoot,
    hostIP: node.nodeIP,
    hostIPs: [node.nodeIP],
    nodeAllocatable: node.allocatable,
  };
}
