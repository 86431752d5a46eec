import { atomicList, atomicStruct, conditions, struct } from "./builders.js";
import type { FieldSchema } from "./field-schema.js";
import { objectMeta } from "./meta.js";

/** CrossVersionObjectReference is `+structType=atomic` in both autoscaling versions. */
const scaleTargetRef: FieldSchema = atomicStruct();

const scalingRules: FieldSchema = struct({ policies: atomicList });

export const horizontalPodAutoscalerV2: FieldSchema = struct({
  metadata: objectMeta,
  spec: struct({
    scaleTargetRef,
    metrics: atomicList,
    behavior: struct({ scaleUp: scalingRules, scaleDown: scalingRules }),
  }),
  status: struct({ currentMetrics: atomicList, conditions }),
});

/** autoscaling/v1: the same kind with a flat CPU target and no lists at all. */
export const horizontalPodAutoscalerV1: FieldSchema = struct({
  metadata: objectMeta,
  spec: struct({ scaleTargetRef }),
});

/** autoscaling/v1 Scale, the scale subresource's body. */
export const scale: FieldSchema = struct({ metadata: objectMeta });
