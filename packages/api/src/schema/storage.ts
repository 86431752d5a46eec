import { atomicList, conditions, scalar, stringMap, struct } from "./builders.js";
import { resourceRequirements } from "./container.js";
import type { FieldSchema } from "./field-schema.js";
import {
  labelSelector,
  nodeSelector,
  objectMeta,
  objectReference,
  typedLocalObjectReference,
} from "./meta.js";

export const persistentVolume: FieldSchema = struct({
  metadata: objectMeta,
  spec: struct({
    capacity: stringMap,
    accessModes: atomicList,
    claimRef: objectReference,
    mountOptions: atomicList,
    nodeAffinity: struct({ required: nodeSelector }),
  }),
});

export const persistentVolumeClaim: FieldSchema = struct({
  metadata: objectMeta,
  spec: struct({
    accessModes: atomicList,
    selector: labelSelector,
    resources: resourceRequirements,
    dataSource: typedLocalObjectReference,
  }),
  status: struct({
    accessModes: atomicList,
    capacity: stringMap,
    conditions,
    allocatedResources: stringMap,
    allocatedResourceStatuses: { values: scalar, mapType: "granular" },
  }),
});

/** storage.k8s.io/v1 StorageClass: top-level fields, no spec. */
export const storageClass: FieldSchema = struct({
  metadata: objectMeta,
  parameters: stringMap,
  mountOptions: atomicList,
  allowedTopologies: atomicList,
});
