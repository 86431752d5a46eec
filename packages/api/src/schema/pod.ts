import { atomicList, conditions, keyedList, scalar, struct } from "./builders.js";
import type { FieldSchema } from "./field-schema.js";
import { objectMeta } from "./meta.js";
import { podSpec } from "./pod-spec.js";

const podStatus: FieldSchema = struct({
  conditions,
  // hostIPs merges by ip in SMP but is atomic for SSA; podIPs is keyed by ip in both.
  hostIPs: { items: scalar, listType: "atomic", patchMergeKey: "ip", patchStrategy: "merge" },
  podIPs: keyedList(scalar, { mergeKey: "ip" }),
  initContainerStatuses: atomicList,
  containerStatuses: atomicList,
  ephemeralContainerStatuses: atomicList,
  resourceClaimStatuses: keyedList(scalar, { mergeKey: "name", strategy: "merge,retainKeys" }),
});

export const pod: FieldSchema = struct({ metadata: objectMeta, spec: podSpec, status: podStatus });
