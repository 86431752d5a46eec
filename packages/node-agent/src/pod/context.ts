// What the runtime resolves before the pure logic turns a container spec into Docker options.
import type { ConfigMap, Secret } from "kubernetes-types/core/v1.js";

export interface ContainerContext {
  /** Id of the pod's pause container, whose namespaces the container joins. */
  sandboxId: string;
  /** How many times this container was restarted before; becomes the name's attempt and a label. */
  restartCount: number;
  /** ConfigMaps and Secrets of the pod's namespace, by name; absent ones are missing in the API. */
  configMaps: ReadonlyMap<string, ConfigMap>;
  secrets: ReadonlyMap<string, Secret>;
  podIP?: string;
  podIPs?: readonly string[];
  hostIP?: string;
  hostIPs?: readonly string[];
  /** Root of per-pod directories: a pod's volumes live under `<podsRoot>/<uid>/volumes/`. */
  podsRoot: string;
  /** Claim name → host path of the PersistentVolume bound to it (hostPath PVs only). */
  claimPaths?: ReadonlyMap<string, string>;
  /** Service environment variables (enableServiceLinks); spec variables override them. */
  serviceEnv?: ReadonlyMap<string, string>;
  /** Node allocatable (e.g. {cpu: "2", memory: "4Gi"}): what resourceFieldRef reports without a limit. */
  nodeAllocatable?: Readonly<Record<string, string>>;
}
