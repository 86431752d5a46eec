import { ApiError, type ResourceInfo, resourceAt, storageKey, storagePrefix } from "@tskube/api";
import type { RequestScope } from "../api-types.js";

/** A request's resource, resolved against the registry. */
export interface Resolved {
  readonly info: ResourceInfo;
  /** The version the client speaks; the store holds info.versions[0]. */
  readonly version: string;
  readonly namespace: string | undefined;
}

/** The API server's answer for a path it does not serve (kubectl: "the server could not find the requested resource"). */
export function unknownResource(): ApiError {
  return new ApiError("NotFound", "the server could not find the requested resource");
}

export function resolve(scope: RequestScope): Resolved {
  const info = resourceAt(scope.group, scope.version, scope.resource);
  if (info === undefined) throw unknownResource();
  if (scope.subresource !== undefined && !info.subresources.some((s) => s.name === scope.subresource)) {
    throw unknownResource();
  }
  if (!info.namespaced && scope.namespace !== undefined) throw unknownResource();
  return { info, version: scope.version, namespace: info.namespaced ? scope.namespace : undefined };
}

export function keyOf(r: Resolved, name: string): string {
  return storageKey(r.info, r.namespace, name);
}

/** The key prefix of a list: one namespace, or every namespace when none is given. */
export function prefixOf(r: Resolved): string {
  return storagePrefix(r.info, r.namespace);
}
