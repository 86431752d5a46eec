import type { DaemonSet, Deployment, ReplicaSet } from "kubernetes-types/apps/v1.js";
import type { SelfSubjectReview } from "kubernetes-types/authentication/v1.js";
import type { SelfSubjectAccessReview } from "kubernetes-types/authorization/v1.js";
import type { Scale } from "kubernetes-types/autoscaling/v1.js";
import type { HorizontalPodAutoscaler } from "kubernetes-types/autoscaling/v2.js";
import type { CertificateSigningRequest } from "kubernetes-types/certificates/v1.js";
import type { Lease } from "kubernetes-types/coordination/v1.js";
import type {
  ConfigMap,
  Endpoints,
  Event,
  Namespace,
  Node,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  Secret,
  Service,
  ServiceAccount,
} from "kubernetes-types/core/v1.js";
import type { EndpointSlice } from "kubernetes-types/discovery/v1.js";
import type { ListMeta } from "kubernetes-types/meta/v1.js";
import type { StorageClass } from "kubernetes-types/storage/v1.js";
import type { KubeObject } from "./kube-object.js";

// The typed face of the object client: a resource's plural name picks its group, version and TypeScript
// type, so `client.get("pods", …)` is a Promise<Pod>. Anything else is addressed by group/version/resource
// and comes back as a plain KubeObject.

/** The resources the client knows by name, each with the kubernetes-types type of its served version. */
export interface ResourceTypes {
  pods: Pod;
  services: Service;
  namespaces: Namespace;
  nodes: Node;
  configmaps: ConfigMap;
  secrets: Secret;
  endpoints: Endpoints;
  events: Event;
  serviceaccounts: ServiceAccount;
  persistentvolumes: PersistentVolume;
  persistentvolumeclaims: PersistentVolumeClaim;
  deployments: Deployment;
  replicasets: ReplicaSet;
  daemonsets: DaemonSet;
  horizontalpodautoscalers: HorizontalPodAutoscaler;
  certificatesigningrequests: CertificateSigningRequest;
  endpointslices: EndpointSlice;
  leases: Lease;
  storageclasses: StorageClass;
  selfsubjectaccessreviews: SelfSubjectAccessReview;
  selfsubjectreviews: SelfSubjectReview;
}

export type ResourceName = keyof ResourceTypes;

export interface ResourceAddress {
  /** "" for the core group. */
  readonly group: string;
  readonly version: string;
  /** Plural resource name: "deployments". */
  readonly resource: string;
}

/** A known resource by name, or any resource by group/version/resource. */
export type ResourceArg = ResourceName | ResourceAddress;

/** The group and version each known resource is spoken in (its type above is of that version). */
export const RESOURCE_VERSIONS: { readonly [R in ResourceName]: { group: string; version: string } } = {
  pods: { group: "", version: "v1" },
  services: { group: "", version: "v1" },
  namespaces: { group: "", version: "v1" },
  nodes: { group: "", version: "v1" },
  configmaps: { group: "", version: "v1" },
  secrets: { group: "", version: "v1" },
  endpoints: { group: "", version: "v1" },
  events: { group: "", version: "v1" },
  serviceaccounts: { group: "", version: "v1" },
  persistentvolumes: { group: "", version: "v1" },
  persistentvolumeclaims: { group: "", version: "v1" },
  deployments: { group: "apps", version: "v1" },
  replicasets: { group: "apps", version: "v1" },
  daemonsets: { group: "apps", version: "v1" },
  horizontalpodautoscalers: { group: "autoscaling", version: "v2" },
  certificatesigningrequests: { group: "certificates.k8s.io", version: "v1" },
  endpointslices: { group: "discovery.k8s.io", version: "v1" },
  leases: { group: "coordination.k8s.io", version: "v1" },
  storageclasses: { group: "storage.k8s.io", version: "v1" },
  selfsubjectaccessreviews: { group: "authorization.k8s.io", version: "v1" },
  selfsubjectreviews: { group: "authentication.k8s.io", version: "v1" },
};

/** The object type of a resource. */
export type ObjectOf<R extends ResourceArg> = R extends ResourceName ? ResourceTypes[R] : KubeObject;

/**
 * What a call on subresource S reads and writes: the object itself for none and "status", an
 * autoscaling/v1 Scale for "scale", and a plain KubeObject for the rest (binding, eviction, …).
 */
export type SubresourceObject<R extends ResourceArg, S extends string | undefined> = [S] extends [undefined]
  ? ObjectOf<R>
  : S extends "status"
    ? ObjectOf<R>
    : S extends "scale"
      ? Scale
      : KubeObject;

/** A list of a resource, as the API returns it (PodList, …). */
export interface ObjectList<T> {
  apiVersion: string;
  kind: string;
  metadata: ListMeta;
  items: T[];
}

export function resolveResource(resource: ResourceArg): ResourceAddress {
  if (typeof resource !== "string") return resource;
  const gv: { group: string; version: string } | undefined = RESOURCE_VERSIONS[resource];
  // Reachable from untyped callers only.
  if (gv === undefined)
    throw new TypeError(`unknown resource "${resource}": pass { group, version, resource }`);
  return { group: gv.group, version: gv.version, resource };
}
