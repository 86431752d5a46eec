import { atomicList, atomicStruct, keyedList, scalar, stringMap, struct } from "./builders.js";
import type { FieldSchema } from "./field-schema.js";

// core/v1 Container and EphemeralContainer (whose common part carries the same tags).

/** The key selectors of env valueFrom are all `+structType=atomic`. */
const envVarSource: FieldSchema = struct({
  configMapKeyRef: atomicStruct(),
  secretKeyRef: atomicStruct(),
  fieldRef: atomicStruct(),
  resourceFieldRef: atomicStruct(),
});

const envVar: FieldSchema = struct({ valueFrom: envVarSource });

export const resourceRequirements: FieldSchema = struct({
  limits: stringMap,
  requests: stringMap,
  // SSA-only keys: claims carry no patch tags.
  claims: { items: scalar, listType: "map", listMapKeys: ["name"] },
});

const securityContext: FieldSchema = struct({
  capabilities: struct({ add: atomicList, drop: atomicList }),
});

const containerFields: Readonly<Record<string, FieldSchema>> = {
  command: atomicList,
  args: atomicList,
  // SMP merges on containerPort alone (kubernetes#108255); SSA keys on containerPort + protocol.
  ports: keyedList(scalar, { mergeKey: "containerPort", listMapKeys: ["containerPort", "protocol"] }),
  envFrom: atomicList,
  env: keyedList(envVar, { mergeKey: "name" }),
  resources: resourceRequirements,
  resizePolicy: atomicList,
  volumeMounts: keyedList(scalar, { mergeKey: "mountPath" }),
  volumeDevices: keyedList(scalar, { mergeKey: "devicePath" }),
  securityContext,
};

export const container: FieldSchema = struct(containerFields);

export const ephemeralContainer: FieldSchema = struct(containerFields);
