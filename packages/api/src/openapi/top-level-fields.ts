// The top-level fields of each served kind besides apiVersion, kind and metadata, so the component
// schemas name them (`kubectl explain pods` lists them) without describing their insides: tskube does not
// ship Kubernetes' full schemas. "map" is a string-to-string map.

export type FieldType = "object" | "string" | "boolean" | "integer" | "array" | "map" | "date-time";

const WORKLOAD = { spec: "object", status: "object" } as const;

export const TOP_LEVEL_FIELDS: Readonly<Record<string, Readonly<Record<string, FieldType>>>> = {
  Namespace: WORKLOAD,
  Pod: WORKLOAD,
  Service: WORKLOAD,
  Node: WORKLOAD,
  PersistentVolume: WORKLOAD,
  PersistentVolumeClaim: WORKLOAD,
  Deployment: WORKLOAD,
  ReplicaSet: WORKLOAD,
  DaemonSet: WORKLOAD,
  HorizontalPodAutoscaler: WORKLOAD,
  Scale: WORKLOAD,
  SelfSubjectAccessReview: WORKLOAD,
  SelfSubjectReview: { status: "object" },
  Lease: { spec: "object" },
  Endpoints: { subsets: "array" },
  ConfigMap: { binaryData: "map", data: "map", immutable: "boolean" },
  Secret: { data: "map", immutable: "boolean", stringData: "map", type: "string" },
  ServiceAccount: { automountServiceAccountToken: "boolean", imagePullSecrets: "array", secrets: "array" },
  StorageClass: {
    allowVolumeExpansion: "boolean",
    allowedTopologies: "array",
    mountOptions: "array",
    parameters: "map",
    provisioner: "string",
    reclaimPolicy: "string",
    volumeBindingMode: "string",
  },
  EndpointSlice: { addressType: "string", endpoints: "array", ports: "array" },
  Event: {
    action: "string",
    count: "integer",
    eventTime: "date-time",
    firstTimestamp: "date-time",
    involvedObject: "object",
    lastTimestamp: "date-time",
    message: "string",
    reason: "string",
    related: "object",
    reportingComponent: "string",
    reportingInstance: "string",
    series: "object",
    source: "object",
    type: "string",
  },
  Binding: { target: "object" },
  Eviction: { deleteOptions: "object" },
  PodExecOptions: {
    command: "array",
    container: "string",
    stderr: "boolean",
    stdin: "boolean",
    stdout: "boolean",
    tty: "boolean",
  },
  PodMetrics: { containers: "array", timestamp: "date-time", window: "string" },
  NodeMetrics: { timestamp: "date-time", usage: "map", window: "string" },
};

export const OBJECT_META_FIELDS: Readonly<Record<string, FieldType>> = {
  annotations: "map",
  creationTimestamp: "date-time",
  deletionGracePeriodSeconds: "integer",
  deletionTimestamp: "date-time",
  finalizers: "array",
  generateName: "string",
  generation: "integer",
  labels: "map",
  managedFields: "array",
  name: "string",
  namespace: "string",
  ownerReferences: "array",
  resourceVersion: "string",
  selfLink: "string",
  uid: "string",
};
