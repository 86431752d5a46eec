import { conditions, struct } from "./builders.js";
import type { FieldSchema } from "./field-schema.js";
import { labelSelector, objectMeta } from "./meta.js";
import { podTemplateSpec } from "./pod-spec.js";

const status: FieldSchema = struct({ conditions });

export const deployment: FieldSchema = struct({
  metadata: objectMeta,
  spec: struct({
    selector: labelSelector,
    template: podTemplateSpec,
    // retainKeys: switching to Recreate must drop rollingUpdate (kubectl.md §4).
    strategy: { fields: { rollingUpdate: struct({}) }, patchStrategy: "retainKeys" },
  }),
  status,
});

export const replicaSet: FieldSchema = struct({
  metadata: objectMeta,
  spec: struct({ selector: labelSelector, template: podTemplateSpec }),
  status,
});

export const daemonSet: FieldSchema = struct({
  metadata: objectMeta,
  spec: struct({ selector: labelSelector, template: podTemplateSpec, updateStrategy: struct({}) }),
  status,
});
