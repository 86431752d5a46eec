import { atomicList, atomicMap, keyedList, scalar, stringMap, struct } from "./builders.js";
import { container, ephemeralContainer } from "./container.js";
import type { FieldSchema } from "./field-schema.js";
import { labelSelector, localObjectReference, nodeSelector, objectMeta } from "./meta.js";

// core/v1 PodSpec and PodTemplateSpec, shared by Pod and every workload template.

const affinity: FieldSchema = struct({
  nodeAffinity: struct({
    requiredDuringSchedulingIgnoredDuringExecution: nodeSelector,
    preferredDuringSchedulingIgnoredDuringExecution: atomicList,
  }),
  podAffinity: struct({
    requiredDuringSchedulingIgnoredDuringExecution: atomicList,
    preferredDuringSchedulingIgnoredDuringExecution: atomicList,
  }),
  podAntiAffinity: struct({
    requiredDuringSchedulingIgnoredDuringExecution: atomicList,
    preferredDuringSchedulingIgnoredDuringExecution: atomicList,
  }),
});

/** The volume sources' item lists (configMap.items, projected.sources…) have no merge tags: atomic. */
const volume: FieldSchema = struct({
  configMap: struct({ items: atomicList }),
  secret: struct({ items: atomicList }),
  downwardAPI: struct({ items: atomicList }),
  projected: struct({ sources: atomicList }),
});

export const podSpec: FieldSchema = struct({
  // retainKeys: a volume switching source (emptyDir → hostPath) must drop the old one (kubectl.md §4).
  volumes: keyedList(volume, { mergeKey: "name", strategy: "merge,retainKeys" }),
  initContainers: keyedList(container, { mergeKey: "name" }),
  containers: keyedList(container, { mergeKey: "name" }),
  ephemeralContainers: keyedList(ephemeralContainer, { mergeKey: "name" }),
  nodeSelector: atomicMap,
  securityContext: struct({ supplementalGroups: atomicList, sysctls: atomicList }),
  imagePullSecrets: keyedList(localObjectReference, { mergeKey: "name" }),
  affinity,
  tolerations: atomicList,
  hostAliases: keyedList(struct({ hostnames: atomicList }), { mergeKey: "ip" }),
  dnsConfig: struct({ nameservers: atomicList, searches: atomicList, options: atomicList }),
  readinessGates: atomicList,
  overhead: stringMap,
  topologySpreadConstraints: keyedList(struct({ labelSelector, matchLabelKeys: atomicList }), {
    mergeKey: "topologyKey",
    listMapKeys: ["topologyKey", "whenUnsatisfiable"],
  }),
  schedulingGates: keyedList(scalar, { mergeKey: "name" }),
  resourceClaims: keyedList(scalar, { mergeKey: "name", strategy: "merge,retainKeys" }),
});

export const podTemplateSpec: FieldSchema = struct({ metadata: objectMeta, spec: podSpec });
