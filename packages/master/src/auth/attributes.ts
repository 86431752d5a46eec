// What a request asks to do, as the authorizer sees it (Kubernetes' authorizer.Attributes), and the answer.

/** A request for an API resource: /api/v1/namespaces/ns/pods/p/status → resource "pods", subresource "status". */
export interface ResourceAttributes {
  /** get, list, watch, create, update, patch, delete, deletecollection (or "*" in an access review). */
  readonly verb: string;
  /** API group, "" for core. */
  readonly group: string;
  /** Plural resource name. */
  readonly resource: string;
  readonly subresource?: string | undefined;
  /** Absent or "" for cluster-scoped resources and all-namespace lists. */
  readonly namespace?: string | undefined;
  /** The object's name; absent on create (the name is in the body) and on collections. */
  readonly name?: string | undefined;
  /** The new object on create/update/patch (after the patch is applied). NodeRestriction reads it. */
  readonly object?: unknown;
  /** The stored object on update/patch/delete. NodeRestriction reads it (pods' spec.nodeName). */
  readonly oldObject?: unknown;
}

/** A request for a path that is no API resource: /version, /healthz, /api (discovery), /openapi/v2. */
export interface NonResourceAttributes {
  /** The lower-case HTTP method: get, post, put, patch, delete. */
  readonly verb: string;
  readonly path: string;
}

export type RequestAttributes = ResourceAttributes | NonResourceAttributes;

export function isNonResource(attributes: RequestAttributes): attributes is NonResourceAttributes {
  return "path" in attributes;
}

export interface Decision {
  readonly allowed: boolean;
  /** Why; "" for a plain deny, as Kubernetes' RBAC gives none. Shown after the 403 message and by can-i. */
  readonly reason: string;
  /**
   * A NodeRestriction denial: the request was authorized but the object it touches is not the node's own.
   * The 403 then has admission's wording (`pods "p" is forbidden: node "n1" can only …`).
   */
  readonly admission?: boolean;
}

export const READ_VERBS: ReadonlySet<string> = new Set(["get", "list", "watch"]);
