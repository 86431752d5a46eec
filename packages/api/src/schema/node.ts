import { atomicList, conditions, keyedList, mergedSet, scalar, stringMap, struct } from "./builders.js";
import type { FieldSchema } from "./field-schema.js";
import { objectMeta } from "./meta.js";

const nodeSpec: FieldSchema = struct({ podCIDRs: mergedSet, taints: atomicList });

const nodeStatus: FieldSchema = struct({
  capacity: stringMap,
  allocatable: stringMap,
  conditions,
  // Merge key "type" is not unique in practice (upstream warns), but it is the declared tag.
  addresses: keyedList(scalar, { mergeKey: "type" }),
  images: atomicList,
  volumesInUse: atomicList,
  volumesAttached: atomicList,
  runtimeHandlers: atomicList,
});

export const node: FieldSchema = struct({ metadata: objectMeta, spec: nodeSpec, status: nodeStatus });
