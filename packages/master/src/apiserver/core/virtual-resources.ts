import { ApiError, notFound } from "@tskube/api";
import type { SelfSubjectAccessReviewSpec } from "kubernetes-types/authorization/v1.js";
import { selfSubjectAccessReview, selfSubjectReview } from "../../auth/index.js";
import type { ApiObject } from "../api-object.js";
import type { RequestScope } from "../api-types.js";
import type { Resolved } from "./resolve.js";

/**
 * Resources computed per request and never stored: access reviews (`kubectl auth can-i`, `auth whoami`)
 * and the metrics API (served from node stats once node agents report them; until then there are none).
 */
export class VirtualResources {
  get(scope: RequestScope, r: Resolved): ApiObject {
    throw notFound({ resource: r.info.resource, group: r.info.group }, scope.name ?? "");
  }

  create(scope: RequestScope, r: Resolved, body: ApiObject): ApiObject {
    if (r.info.kind === "SelfSubjectAccessReview") {
      return selfSubjectAccessReview(
        scope.user,
        (body.spec ?? {}) as SelfSubjectAccessReviewSpec,
      ) as unknown as ApiObject;
    }
    if (r.info.kind === "SelfSubjectReview") return selfSubjectReview(scope.user) as unknown as ApiObject;
    throw new ApiError("MethodNotAllowed", "the server does not allow this method on the requested resource");
  }
}
