import type { GroupVersionKind, ResourceInfo, SubresourceInfo, Verb } from "./types.js";

// The one table of everything the API server serves. Names, short names, categories, verbs and
// subresources are those a Kubernetes 1.32 API server (plus metrics-server) shows in discovery, limited
// to what tskube serves: `kubectl api-resources` against tskube prints these rows as it would against a
// real cluster. Adding a kind is adding a row; discovery, OpenAPI, routing and storage keys follow.

/** Every verb of a plain stored resource. */
const ALL_VERBS: readonly Verb[] = [
  "create",
  "delete",
  "deletecollection",
  "get",
  "list",
  "patch",
  "update",
  "watch",
];
/** Namespaces and services refuse deletecollection in Kubernetes (their delete has custom logic). */
const NO_DELETE_COLLECTION: readonly Verb[] = ALL_VERBS.filter((v) => v !== "deletecollection");
const STATUS_VERBS: readonly Verb[] = ["get", "patch", "update"];

/** A subresource answering in the parent's own kind and in whatever version is being served. */
function ownKind(name: string, group: string, kind: string, verbs: readonly Verb[]): SubresourceInfo {
  return { name, responseKind: { group, version: "", kind }, verbs };
}

function other(name: string, responseKind: GroupVersionKind, verbs: readonly Verb[]): SubresourceInfo {
  return { name, responseKind, verbs };
}

const SCALE: GroupVersionKind = { group: "autoscaling", version: "v1", kind: "Scale" };

interface Row {
  readonly group: string;
  readonly versions: readonly string[];
  readonly resource: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly shortNames?: readonly string[];
  readonly categories?: readonly string[];
  readonly verbs?: readonly Verb[];
  readonly subresources?: readonly SubresourceInfo[];
  readonly selectableFields?: readonly string[];
  readonly fieldSelectorAliases?: Readonly<Record<string, string>>;
  readonly singular?: string;
  readonly storage?: "store" | "virtual";
  readonly storagePath?: string;
}

function row(r: Row): ResourceInfo {
  return {
    group: r.group,
    versions: r.versions,
    resource: r.resource,
    singular: r.singular ?? r.kind.toLowerCase(),
    kind: r.kind,
    listKind: `${r.kind}List`,
    namespaced: r.namespaced,
    shortNames: r.shortNames ?? [],
    categories: r.categories ?? [],
    verbs: r.verbs ?? ALL_VERBS,
    subresources: r.subresources ?? [],
    selectableFields: r.selectableFields ?? [],
    storage: r.storage ?? "store",
    ...(r.storagePath === undefined ? {} : { storagePath: r.storagePath }),
    ...(r.fieldSelectorAliases === undefined ? {} : { fieldSelectorAliases: r.fieldSelectorAliases }),
  };
}

const CORE = { group: "", versions: ["v1"] } as const;
const APPS = { group: "apps", versions: ["v1"] } as const;

export const RESOURCES: readonly ResourceInfo[] = [
  // core/v1
  row({
    ...CORE,
    resource: "namespaces",
    kind: "Namespace",
    namespaced: false,
    shortNames: ["ns"],
    verbs: NO_DELETE_COLLECTION,
    subresources: [
      ownKind("finalize", "", "Namespace", ["update"]),
      ownKind("status", "", "Namespace", STATUS_VERBS),
    ],
    selectableFields: ["status.phase"],
  }),
  row({
    ...CORE,
    resource: "pods",
    kind: "Pod",
    namespaced: true,
    shortNames: ["po"],
    categories: ["all"],
    subresources: [
      other("binding", { group: "", version: "v1", kind: "Binding" }, ["create"]),
      other("eviction", { group: "policy", version: "v1", kind: "Eviction" }, ["create"]),
      other("exec", { group: "", version: "v1", kind: "PodExecOptions" }, ["create", "get"]),
      ownKind("log", "", "Pod", ["get"]),
      ownKind("status", "", "Pod", STATUS_VERBS),
    ],
    selectableFields: [
      "spec.nodeName",
      "spec.restartPolicy",
      "spec.schedulerName",
      "spec.serviceAccountName",
      "spec.hostNetwork",
      "status.phase",
      "status.podIP",
      "status.podIPs",
      "status.nominatedNodeName",
    ],
    fieldSelectorAliases: { "spec.host": "spec.nodeName" },
  }),
  row({
    ...CORE,
    resource: "services",
    kind: "Service",
    namespaced: true,
    shortNames: ["svc"],
    categories: ["all"],
    verbs: NO_DELETE_COLLECTION,
    subresources: [ownKind("status", "", "Service", STATUS_VERBS)],
    selectableFields: ["spec.clusterIP", "spec.type"],
    storagePath: "services/specs",
  }),
  row({
    ...CORE,
    resource: "endpoints",
    kind: "Endpoints",
    namespaced: true,
    shortNames: ["ep"],
    storagePath: "services/endpoints",
  }),
  row({
    ...CORE,
    resource: "nodes",
    kind: "Node",
    namespaced: false,
    shortNames: ["no"],
    subresources: [ownKind("status", "", "Node", STATUS_VERBS)],
    selectableFields: ["spec.unschedulable"],
    storagePath: "minions",
  }),
  row({ ...CORE, resource: "configmaps", kind: "ConfigMap", namespaced: true, shortNames: ["cm"] }),
  row({ ...CORE, resource: "secrets", kind: "Secret", namespaced: true, selectableFields: ["type"] }),
  row({
    ...CORE,
    resource: "persistentvolumes",
    kind: "PersistentVolume",
    namespaced: false,
    shortNames: ["pv"],
    subresources: [ownKind("status", "", "PersistentVolume", STATUS_VERBS)],
  }),
  row({
    ...CORE,
    resource: "persistentvolumeclaims",
    kind: "PersistentVolumeClaim",
    namespaced: true,
    shortNames: ["pvc"],
    subresources: [ownKind("status", "", "PersistentVolumeClaim", STATUS_VERBS)],
  }),
  row({
    ...CORE,
    resource: "events",
    kind: "Event",
    namespaced: true,
    shortNames: ["ev"],
    selectableFields: [
      "involvedObject.kind",
      "involvedObject.namespace",
      "involvedObject.name",
      "involvedObject.uid",
      "involvedObject.apiVersion",
      "involvedObject.resourceVersion",
      "involvedObject.fieldPath",
      "reason",
      "reportingComponent",
      "source",
      "type",
    ],
  }),
  row({ ...CORE, resource: "serviceaccounts", kind: "ServiceAccount", namespaced: true, shortNames: ["sa"] }),

  // apps/v1
  row({
    ...APPS,
    resource: "deployments",
    kind: "Deployment",
    namespaced: true,
    shortNames: ["deploy"],
    categories: ["all"],
    subresources: [
      other("scale", SCALE, STATUS_VERBS),
      ownKind("status", "apps", "Deployment", STATUS_VERBS),
    ],
  }),
  row({
    ...APPS,
    resource: "replicasets",
    kind: "ReplicaSet",
    namespaced: true,
    shortNames: ["rs"],
    categories: ["all"],
    subresources: [
      other("scale", SCALE, STATUS_VERBS),
      ownKind("status", "apps", "ReplicaSet", STATUS_VERBS),
    ],
  }),
  row({
    ...APPS,
    resource: "daemonsets",
    kind: "DaemonSet",
    namespaced: true,
    shortNames: ["ds"],
    categories: ["all"],
    subresources: [ownKind("status", "apps", "DaemonSet", STATUS_VERBS)],
  }),

  // autoscaling: v2 is preferred and stored; v1 is what `kubectl autoscale` 1.32 posts (research §3.12).
  row({
    group: "autoscaling",
    versions: ["v2", "v1"],
    resource: "horizontalpodautoscalers",
    kind: "HorizontalPodAutoscaler",
    namespaced: true,
    shortNames: ["hpa"],
    categories: ["all"],
    subresources: [ownKind("status", "autoscaling", "HorizontalPodAutoscaler", STATUS_VERBS)],
  }),

  row({
    group: "certificates.k8s.io",
    versions: ["v1"],
    resource: "certificatesigningrequests",
    kind: "CertificateSigningRequest",
    namespaced: false,
    shortNames: ["csr"],
    subresources: [
      ownKind("approval", "certificates.k8s.io", "CertificateSigningRequest", STATUS_VERBS),
      ownKind("status", "certificates.k8s.io", "CertificateSigningRequest", STATUS_VERBS),
    ],
    selectableFields: ["spec.signerName"],
  }),
  row({
    group: "discovery.k8s.io",
    versions: ["v1"],
    resource: "endpointslices",
    kind: "EndpointSlice",
    namespaced: true,
  }),
  row({
    group: "coordination.k8s.io",
    versions: ["v1"],
    resource: "leases",
    kind: "Lease",
    namespaced: true,
  }),
  row({
    group: "storage.k8s.io",
    versions: ["v1"],
    resource: "storageclasses",
    kind: "StorageClass",
    namespaced: false,
    shortNames: ["sc"],
  }),

  // Computed on request, never stored.
  row({
    group: "authentication.k8s.io",
    versions: ["v1"],
    resource: "selfsubjectreviews",
    kind: "SelfSubjectReview",
    namespaced: false,
    verbs: ["create"],
    storage: "virtual",
  }),
  row({
    group: "authorization.k8s.io",
    versions: ["v1"],
    resource: "selfsubjectaccessreviews",
    kind: "SelfSubjectAccessReview",
    namespaced: false,
    verbs: ["create"],
    storage: "virtual",
  }),
  // metrics-server's resources: no singular names, get and list only (research §3.15).
  row({
    group: "metrics.k8s.io",
    versions: ["v1beta1"],
    resource: "nodes",
    kind: "NodeMetrics",
    namespaced: false,
    verbs: ["get", "list"],
    singular: "",
    storage: "virtual",
  }),
  row({
    group: "metrics.k8s.io",
    versions: ["v1beta1"],
    resource: "pods",
    kind: "PodMetrics",
    namespaced: true,
    verbs: ["get", "list"],
    singular: "",
    storage: "virtual",
  }),
];
