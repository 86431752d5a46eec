// tskube's authorization policy: a fixed set of roles keyed by group, in place of RBAC objects.
// - `system:masters`: anything.
// - every authenticated user: create selfsubjectaccessreviews / selfsubjectrulesreviews (authorization.k8s.io)
//   and selfsubjectreviews (authentication.k8s.io), i.e. `kubectl auth can-i` and `kubectl auth whoami`; and
//   GET of the discovery, version, health and OpenAPI paths (Kubernetes' system:discovery and
//   system:public-info-viewer), without which kubectl cannot start.
// - `tskube:view`: get/list/watch of every resource except Secrets (as Kubernetes' `view` role, so a read-only
//   token cannot read credentials) and except the exec/attach/portforward/proxy subresources.
// - node identities: see node-restriction.ts.
// - `system:bootstrappers` (bootstrap join tokens): create/get/list/watch certificatesigningrequests
//   (certificates.k8s.io), the only thing a joining node does before it has its own identity; nodes
//   (`system:nodes`) the same, to renew their certificate.
// Anything else is denied with no reason, as RBAC denies.
import {
  type Decision,
  isNonResource,
  type NonResourceAttributes,
  READ_VERBS,
  type RequestAttributes,
  type ResourceAttributes,
} from "./attributes.js";
import { type NodeRuleOptions, nodeDecision } from "./node-restriction.js";
import {
  GROUP_AUTHENTICATED,
  GROUP_BOOTSTRAPPERS,
  GROUP_MASTERS,
  GROUP_NODES,
  GROUP_VIEW,
  nodeNameOf,
  type UserInfo,
} from "./user-info.js";

/** Decides one request, including NodeRestriction's object checks (pass `object`/`oldObject` for writes). */
export function authorize(user: UserInfo, attributes: RequestAttributes): Decision {
  return evaluate(user, attributes, { objectChecks: true });
}

/**
 * Decides from the attributes alone, as a SubjectAccessReview does: object-dependent NodeRestriction checks are
 * skipped (they need the object, which a review does not have).
 */
export function authorizeWithoutObjects(user: UserInfo, attributes: RequestAttributes): Decision {
  return evaluate(user, attributes, { objectChecks: false });
}

const DENY: Decision = { allowed: false, reason: "" };

function evaluate(user: UserInfo, attributes: RequestAttributes, options: NodeRuleOptions): Decision {
  const groups = new Set(user.groups);
  if (groups.has(GROUP_MASTERS)) return { allowed: true, reason: `allowed by group "${GROUP_MASTERS}"` };
  if (isNonResource(attributes)) return nonResource(groups, attributes);

  if (groups.has(GROUP_AUTHENTICATED) && isSelfReview(attributes)) {
    return { allowed: true, reason: `allowed for every authenticated user` };
  }
  if (groups.has(GROUP_VIEW) && viewAllows(attributes)) {
    return { allowed: true, reason: `allowed by group "${GROUP_VIEW}" (read-only)` };
  }
  const node = nodeNameOf(user);
  if (node !== undefined) {
    const decision = nodeDecision(node, attributes, options);
    if (decision !== undefined) return decision;
  }
  if (groups.has(GROUP_BOOTSTRAPPERS) && bootstrapperAllows(attributes)) {
    return { allowed: true, reason: `allowed by group "${GROUP_BOOTSTRAPPERS}"` };
  }
  if (groups.has(GROUP_NODES) && bootstrapperAllows(attributes)) {
    return { allowed: true, reason: `allowed by group "${GROUP_NODES}"` };
  }
  return DENY;
}

// Paths a client must reach before it can do anything: discovery, version, health, OpenAPI. A trailing "*"
// matches any path below, as in Kubernetes' nonResourceURLs.
const PUBLIC_PATHS: readonly string[] = [
  "/api",
  "/api/*",
  "/apis",
  "/apis/*",
  "/version",
  "/version/",
  "/healthz",
  "/livez",
  "/readyz",
  "/openapi",
  "/openapi/*",
];

function nonResource(groups: ReadonlySet<string>, a: NonResourceAttributes): Decision {
  if (!groups.has(GROUP_AUTHENTICATED) || (a.verb !== "get" && a.verb !== "head")) return DENY;
  const allowed = PUBLIC_PATHS.some((p) =>
    p.endsWith("*") ? a.path.startsWith(p.slice(0, -1)) : a.path === p,
  );
  return allowed ? { allowed: true, reason: "allowed for every authenticated user" } : DENY;
}

function isSelfReview(a: ResourceAttributes): boolean {
  if (a.verb !== "create" || (a.subresource ?? "") !== "") return false;
  if (a.group === "authorization.k8s.io") {
    return a.resource === "selfsubjectaccessreviews" || a.resource === "selfsubjectrulesreviews";
  }
  return a.group === "authentication.k8s.io" && a.resource === "selfsubjectreviews";
}

const VIEW_HIDDEN_SUBRESOURCES: ReadonlySet<string> = new Set(["exec", "attach", "portforward", "proxy"]);

function viewAllows(a: ResourceAttributes): boolean {
  if (!READ_VERBS.has(a.verb)) return false;
  // "*" (from an access review) would include Secrets.
  if (a.resource === "*" || (a.group === "" && a.resource === "secrets")) return false;
  return !VIEW_HIDDEN_SUBRESOURCES.has(a.subresource ?? "");
}

const BOOTSTRAPPER_VERBS: ReadonlySet<string> = new Set(["create", "get", "list", "watch"]);

function bootstrapperAllows(a: ResourceAttributes): boolean {
  return (
    a.group === "certificates.k8s.io" &&
    a.resource === "certificatesigningrequests" &&
    (a.subresource ?? "") === "" &&
    BOOTSTRAPPER_VERBS.has(a.verb)
  );
}
