// The review objects kubectl's `auth` commands create: SelfSubjectAccessReview (`kubectl auth can-i`) asks
// whether the requesting user may do something; SelfSubjectReview (`kubectl auth whoami`) asks who it is.
import { field, invalid } from "@tskube/api";
import type { SelfSubjectReview } from "kubernetes-types/authentication/v1.js";
import type {
  SelfSubjectAccessReview,
  SelfSubjectAccessReviewSpec,
  SubjectAccessReviewStatus,
} from "kubernetes-types/authorization/v1.js";
import type { RequestAttributes } from "./attributes.js";
import { authorizeWithoutObjects } from "./authorize.js";
import type { UserInfo } from "./user-info.js";

/**
 * Answers a SelfSubjectAccessReview for `user`: the same object back with status.allowed and status.reason.
 * Throws ApiError Invalid (422) unless exactly one of resourceAttributes and nonResourceAttributes is given.
 */
export function selfSubjectAccessReview(
  user: UserInfo,
  spec: SelfSubjectAccessReviewSpec,
): SelfSubjectAccessReview {
  const decision = authorizeWithoutObjects(user, reviewAttributes(spec));
  const status: SubjectAccessReviewStatus = { allowed: decision.allowed };
  if (decision.reason !== "") status.reason = decision.reason;
  return {
    apiVersion: "authorization.k8s.io/v1",
    kind: "SelfSubjectAccessReview",
    metadata: {},
    spec,
    status,
  };
}

/** The SelfSubjectReview answer: the user as the API server sees it. */
export function selfSubjectReview(user: UserInfo): SelfSubjectReview {
  return {
    apiVersion: "authentication.k8s.io/v1",
    kind: "SelfSubjectReview",
    metadata: {},
    status: {
      userInfo: {
        username: user.name,
        groups: [...user.groups],
        ...(user.uid === undefined ? {} : { uid: user.uid }),
      },
    },
  };
}

function reviewAttributes(spec: SelfSubjectAccessReviewSpec): RequestAttributes {
  const resource = spec.resourceAttributes;
  const nonResource = spec.nonResourceAttributes;
  const path = field.root("spec");
  if (resource !== undefined && nonResource !== undefined) {
    throw reviewInvalid(
      field.invalid(
        path.child("nonResourceAttributes"),
        nonResource,
        "cannot be specified in combination with resourceAttributes",
      ),
    );
  }
  if (nonResource !== undefined) {
    return { verb: nonResource.verb ?? "", path: nonResource.path ?? "" };
  }
  if (resource === undefined) {
    throw reviewInvalid(
      field.invalid(
        path.child("resourceAttributes"),
        null,
        "exactly one of nonResourceAttributes or resourceAttributes must be specified",
      ),
    );
  }
  return {
    verb: resource.verb ?? "",
    group: resource.group ?? "",
    resource: resource.resource ?? "",
    subresource: resource.subresource ?? "",
    namespace: resource.namespace ?? "",
    ...(resource.name === undefined || resource.name === "" ? {} : { name: resource.name }),
  };
}

function reviewInvalid(error: field.FieldError) {
  return invalid("SelfSubjectAccessReview", "authorization.k8s.io", "", field.toCauses([error]));
}
