// What a node identity (`system:node:NAME` in `system:nodes`) may do: Kubernetes' Node authorizer, the
// system:node role and the NodeRestriction admission plugin folded into one rule set, kept to what a tskube
// agent needs:
// - read (get/list/watch) pods, services, endpoints, endpointslices, nodes, configmaps, secrets, PVCs and PVs,
//   cluster-wide
//   (Kubernetes narrows secrets/configmaps to those its pods use; tskube does not track that graph yet);
// - create/update/patch its own Node and nodes/status, but not change its taints or labels under
//   node-restriction.kubernetes.io;
// - get/create/update/patch/delete its own Lease in kube-node-lease;
// - update/patch pods/status and delete pods, only for pods whose stored spec.nodeName is NAME, and not change
//   labels through pod status;
// - create/update/patch events (core and events.k8s.io).
// Everything else has no opinion here (and so is denied unless another rule allows it).
import type { Decision, ResourceAttributes } from "./attributes.js";
import { READ_VERBS } from "./attributes.js";
import { changedLabelKeys, labelsOf, objectName, podNodeName, taintsKey } from "./object-fields.js";

export const NODE_LEASE_NAMESPACE = "kube-node-lease";
const RESTRICTED_LABEL_NAMESPACE = "node-restriction.kubernetes.io";

const READABLE: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  [
    "",
    new Set([
      "pods",
      "services",
      "endpoints",
      "nodes",
      "configmaps",
      "secrets",
      "persistentvolumeclaims",
      "persistentvolumes",
    ]),
  ],
  ["discovery.k8s.io", new Set(["endpointslices"])],
]);
const WRITE_VERBS: ReadonlySet<string> = new Set(["create", "update", "patch"]);
const LEASE_VERBS: ReadonlySet<string> = new Set(["get", "create", "update", "patch", "delete"]);

export interface NodeRuleOptions {
  /**
   * Whether object-dependent checks run (the pod's nodeName, label and taint changes). True for real requests,
   * where a missing object is denied; false for access reviews, which have no object (as in Kubernetes,
   * where admission does not take part in SubjectAccessReviews).
   */
  readonly objectChecks: boolean;
}

/** The node rules' decision, or undefined for no opinion. */
export function nodeDecision(
  node: string,
  a: ResourceAttributes,
  options: NodeRuleOptions,
): Decision | undefined {
  if (node === "") return deny(`unknown node for user "system:node:"`, false);
  const sub = a.subresource ?? "";
  const allow: Decision = { allowed: true, reason: `allowed for node "${node}"` };

  if (READ_VERBS.has(a.verb) && (sub === "" || sub === "status") && READABLE.get(a.group)?.has(a.resource)) {
    return allow;
  }
  if (
    a.group === "" &&
    a.resource === "nodes" &&
    WRITE_VERBS.has(a.verb) &&
    (sub === "" || sub === "status")
  ) {
    return nodeWrite(node, a, options) ?? allow;
  }
  if (a.group === "coordination.k8s.io" && a.resource === "leases" && sub === "" && LEASE_VERBS.has(a.verb)) {
    return leaseAccess(node, a, options) ?? allow;
  }
  if (a.group === "" && a.resource === "pods") {
    if (sub === "status" && (a.verb === "update" || a.verb === "patch")) {
      return podStatusWrite(node, a, options) ?? allow;
    }
    if (sub === "" && a.verb === "delete") return podDelete(node, a, options) ?? allow;
  }
  if ((a.group === "" || a.group === "events.k8s.io") && a.resource === "events" && WRITE_VERBS.has(a.verb)) {
    return allow;
  }
  return undefined;
}

function nodeWrite(node: string, a: ResourceAttributes, options: NodeRuleOptions): Decision | undefined {
  const target = a.name ?? objectName(a.object);
  if (target === undefined) {
    return options.objectChecks ? deny(`node "${node}" is not allowed to modify node ""`) : undefined;
  }
  if (target !== node) return deny(`node "${node}" is not allowed to modify node "${target}"`);
  if (!options.objectChecks) return undefined;
  if (a.object === undefined) return missingObject(node);
  if (a.verb === "create") {
    const restricted = restrictedLabels(Object.keys(labelsOf(a.object)));
    if (restricted.length > 0) {
      return deny(`node "${node}" is not allowed to set the following labels: ${restricted.join(", ")}`);
    }
    return undefined;
  }
  if (a.oldObject === undefined) return missingObject(node);
  if (taintsKey(a.object) !== taintsKey(a.oldObject)) {
    return deny(`node "${node}" is not allowed to modify taints`);
  }
  const restricted = restrictedLabels(changedLabelKeys(labelsOf(a.object), labelsOf(a.oldObject)));
  // Kubernetes' own text for this one has no node prefix.
  if (restricted.length > 0) return deny(`is not allowed to modify labels: ${restricted.join(", ")}`);
  return undefined;
}

function leaseAccess(node: string, a: ResourceAttributes, options: NodeRuleOptions): Decision | undefined {
  if ((a.namespace ?? "") !== NODE_LEASE_NAMESPACE) {
    return deny(`can only access leases in the "${NODE_LEASE_NAMESPACE}" system namespace`);
  }
  const target = a.name ?? objectName(a.object);
  if (target === undefined && !options.objectChecks) return undefined;
  if (target !== node) return deny("can only access node lease with the same name as the requesting node");
  return undefined;
}

function podStatusWrite(node: string, a: ResourceAttributes, options: NodeRuleOptions): Decision | undefined {
  if (!options.objectChecks) return undefined;
  const why = `node "${node}" can only update pod status for pods with spec.nodeName set to itself`;
  if (a.oldObject === undefined || podNodeName(a.oldObject) !== node) return deny(why);
  if (a.object === undefined) return missingObject(node);
  if (changedLabelKeys(labelsOf(a.object), labelsOf(a.oldObject)).length > 0) {
    return deny(`node "${node}" cannot update labels through pod status`);
  }
  return undefined;
}

function podDelete(node: string, a: ResourceAttributes, options: NodeRuleOptions): Decision | undefined {
  if (!options.objectChecks) return undefined;
  if (a.oldObject === undefined || podNodeName(a.oldObject) !== node) {
    return deny(`node "${node}" can only delete pods with spec.nodeName set to itself`);
  }
  return undefined;
}

function restrictedLabels(keys: readonly string[]): string[] {
  return keys
    .filter((key) => {
      const slash = key.indexOf("/");
      if (slash === -1) return false;
      const prefix = key.slice(0, slash);
      return prefix === RESTRICTED_LABEL_NAMESPACE || prefix.endsWith(`.${RESTRICTED_LABEL_NAMESPACE}`);
    })
    .sort();
}

// A request that must be checked against its objects but reached the authorizer without them is refused:
// letting it through would silently skip the check.
function missingObject(node: string): Decision {
  return deny(`node "${node}" request could not be checked: the object is missing`);
}

function deny(reason: string, admission = true): Decision {
  return { allowed: false, reason, ...(admission ? { admission: true } : {}) };
}
