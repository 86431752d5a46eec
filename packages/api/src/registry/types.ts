// The resource registry's data model: what the API server serves, as discovery describes it. One table
// (resources.ts) drives discovery, OpenAPI, URL routing, the gRPC object API and the store layout.

export type Verb = "get" | "list" | "watch" | "create" | "update" | "patch" | "delete" | "deletecollection";

export interface GroupVersionKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

export interface SubresourceInfo {
  /** "status", "scale", "log", "exec", "binding". */
  readonly name: string;
  /**
   * What the subresource returns, e.g. autoscaling/v1 Scale, or the parent kind for status. An empty
   * version means "the version being served" (a multi-version resource's status answers in each of its
   * versions); resolve it with subresourceResponseKind().
   */
  readonly responseKind: GroupVersionKind;
  readonly verbs: readonly Verb[];
}

export interface ResourceInfo {
  /** API group, "" for core. */
  readonly group: string;
  /** Served versions in preference order; the first is the preferred (and stored) version. */
  readonly versions: readonly string[];
  /** Plural lower-case name, the URL segment: "deployments". */
  readonly resource: string;
  readonly singular: string;
  readonly kind: string;
  readonly listKind: string;
  readonly namespaced: boolean;
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
  readonly verbs: readonly Verb[];
  readonly subresources: readonly SubresourceInfo[];
  /** Field selector fields this resource supports beyond metadata.name and metadata.namespace. */
  readonly selectableFields: readonly string[];
  /**
   * "store": objects live in the MVCC store under /registry/…; "virtual": computed on request and never
   * stored (metrics, access reviews).
   */
  readonly storage: "store" | "virtual";
  /**
   * Added: the etcd key segment under /registry when Kubernetes does not use the resource name
   * ("minions" for nodes, "services/specs" for services, "controllers" for replicationcontrollers).
   */
  readonly storagePath?: string;
  /**
   * Added: legacy field selector names the kind still accepts, renamed to the current field
   * (Pods: "spec.host" → "spec.nodeName").
   */
  readonly fieldSelectorAliases?: Readonly<Record<string, string>>;
}
