// What a pod's sync needs from the API besides the pod: its ConfigMaps and Secrets (absent ones are simply
// missing: the runtime reports CreateContainerConfigError / FailedMount), the host paths of its claims' bound
// PersistentVolumes, the Service environment, and the node's own facts. ConfigMaps, Secrets and Services come
// from the agent's watch caches (kubelet's watch-based managers), claims from the API.
import { ApiError, type ObjectClient } from "@tskube/api/client";
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

/** The watch caches the context is read from. */
export interface PodSources {
  configMap(namespace: string, name: string): ConfigMap | undefined;
  secret(namespace: string, name: string): Secret | undefined;
  /** Services of a namespace. */
  services(namespace: string): Service[];
}

export async function resolvePodContext(
  client: ObjectClient,
  sources: PodSources,
  pod: Pod,
  node: NodeContext,
): Promise<SyncContext> {
  const namespace = pod.metadata?.namespace ?? "default";
  const refs = podReferences(pod);
  const configMaps = new Map<string, ConfigMap>();
  const secrets = new Map<string, Secret>();
  const claimPaths = new Map<string, string>();
  for (const name of refs.configMaps) {
    const cm = sources.configMap(namespace, name);
    if (cm !== undefined) configMaps.set(name, cm);
  }
  for (const name of refs.secrets) {
    const secret = sources.secret(namespace, name);
    if (secret !== undefined) secrets.set(name, secret);
  }
  await Promise.all(
    [...refs.claims].map(async (name) => {
      const pvc = await orUndefined(client.get("persistentvolumeclaims", { namespace, name }));
      const volume = pvc?.spec?.volumeName;
      if (volume === undefined || volume === "") return;
      const pv = await orUndefined(client.get("persistentvolumes", { name: volume }));
      const path = pv?.spec?.hostPath?.path;
      if (path !== undefined) claimPaths.set(name, path);
    }),
  );
  const master = sources.services("default").filter((svc) => svc.metadata?.name === "kubernetes");
  const services =
    pod.spec?.enableServiceLinks === false
      ? master
      : [...sources.services(namespace), ...(namespace === "default" ? [] : master)];
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
