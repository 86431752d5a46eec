// The 403 of a denied request, worded exactly as kube-apiserver words it, because kubectl prints it:
//   pods "x" is forbidden: User "u" cannot create resource "pods" in API group "" in the namespace "default"
//   nodes is forbidden: User "u" cannot list resource "nodes" in API group "" at the cluster scope
//   pods "x" is forbidden: User "u" cannot patch resource "pods/status" in API group "" in the namespace "ns"
//   forbidden: User "u" cannot get path "/metrics"
// with ": <reason>" appended when the authorizer gave one. A NodeRestriction (admission) denial reads
//   pods "x" is forbidden: node "n1" can only update pod status for pods with spec.nodeName set to itself
import { ApiError, field } from "@tskube/api";
import {
  type Decision,
  isNonResource,
  type RequestAttributes,
  type ResourceAttributes,
} from "./attributes.js";
import { objectName } from "./object-fields.js";
import type { UserInfo } from "./user-info.js";

/** The authorizer's sentence, without the resource prefix (what SubjectAccessReview-style callers show). */
export function forbiddenMessage(user: UserInfo, attributes: RequestAttributes): string {
  const who = `User ${quote(user.name)} cannot ${attributes.verb}`;
  if (isNonResource(attributes)) return `${who} path ${quote(attributes.path)}`;
  const resource =
    attributes.subresource === undefined || attributes.subresource === ""
      ? attributes.resource
      : `${attributes.resource}/${attributes.subresource}`;
  const what = `${who} resource ${quote(resource)} in API group ${quote(attributes.group)}`;
  const namespace = attributes.namespace ?? "";
  return namespace === "" ? `${what} at the cluster scope` : `${what} in the namespace ${quote(namespace)}`;
}

/** The 403 ApiError for a denied request; `denial` is authorize()'s decision or a bare reason. */
export function forbiddenError(
  user: UserInfo,
  attributes: RequestAttributes,
  denial: Decision | string,
): ApiError {
  const decision: Decision = typeof denial === "string" ? { allowed: false, reason: denial } : denial;
  if (isNonResource(attributes)) {
    return new ApiError(
      "Forbidden",
      `forbidden: ${withReason(forbiddenMessage(user, attributes), decision.reason)}`,
      {},
    );
  }
  // Admission names the object from the body when the URL has none (create); the authorizer only from the URL.
  const name =
    decision.admission === true ? (attributes.name ?? objectName(attributes.object)) : attributes.name;
  const text =
    decision.admission === true
      ? decision.reason
      : withReason(forbiddenMessage(user, attributes), decision.reason);
  return resourceForbidden(attributes, name ?? "", text);
}

// Kubernetes' NewForbidden: `<resource>[.<group>] ["<name>"] is forbidden: <text>`; details name the plain
// resource (no subresource) and omit empty fields, as its JSON does.
function resourceForbidden(attributes: ResourceAttributes, name: string, text: string): ApiError {
  const qualified =
    attributes.group === "" ? attributes.resource : `${attributes.resource}.${attributes.group}`;
  const target = name === "" ? qualified : `${qualified} ${quote(name)}`;
  return new ApiError("Forbidden", `${target} is forbidden: ${text}`, {
    ...(name === "" ? {} : { name }),
    ...(attributes.group === "" ? {} : { group: attributes.group }),
    kind: attributes.resource,
  });
}

function withReason(message: string, reason: string): string {
  return reason === "" ? message : `${message}: ${reason}`;
}

// Kubernetes formats these with Go's %q.
function quote(s: string): string {
  return field.goQuote(s);
}
