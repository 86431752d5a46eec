import { ApiError, type ObjectsWire } from "@tskube/api";
import type { RequestScope, UserInfo } from "../api-types.js";

/** The addressed resource as the core's scope; empty strings are "absent", as in a URL without them. */
export function scopeOf(target: ObjectsWire.Target | null, user: UserInfo): RequestScope {
  if (target === null || target.version === "" || target.resource === "") {
    // What the API server answers for a path that names no resource.
    throw new ApiError("NotFound", "the server could not find the requested resource");
  }
  return {
    user,
    group: target.group,
    version: target.version,
    resource: target.resource,
    ...(target.subresource === "" ? {} : { subresource: target.subresource }),
    ...(target.namespace === "" ? {} : { namespace: target.namespace }),
    ...(target.name === "" ? {} : { name: target.name }),
  };
}
