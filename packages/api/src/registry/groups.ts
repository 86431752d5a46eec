// Order of API groups in discovery. Kubernetes sorts groups by a fixed priority (core first, then apps,
// authentication, authorization, autoscaling, … storage, coordination, discovery) and puts aggregated
// APIs such as metrics.k8s.io last; clients do not depend on it, but `kubectl api-versions` and
// `api-resources` print in this order, so it is kept.
const GROUP_PRIORITY: readonly string[] = [
  "",
  "apps",
  "events.k8s.io",
  "authentication.k8s.io",
  "authorization.k8s.io",
  "autoscaling",
  "batch",
  "certificates.k8s.io",
  "networking.k8s.io",
  "policy",
  "rbac.authorization.k8s.io",
  "storage.k8s.io",
  "admissionregistration.k8s.io",
  "scheduling.k8s.io",
  "coordination.k8s.io",
  "apiextensions.k8s.io",
  "node.k8s.io",
  "discovery.k8s.io",
  "flowcontrol.apiserver.k8s.io",
  "metrics.k8s.io",
];

/** Sort key of a group: known groups by priority, unknown ones after them by name. */
export function compareGroups(a: string, b: string): number {
  const ia = GROUP_PRIORITY.indexOf(a);
  const ib = GROUP_PRIORITY.indexOf(b);
  if (ia !== ib) {
    if (ia === -1) return 1;
    if (ib === -1) return -1;
    return ia - ib;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
