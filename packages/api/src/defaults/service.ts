// core/v1 Service defaults: SetDefaults_Service, plus the IP-family fields that the real API server fills
// in its service registry at create time (for tskube's single-stack IPv4 cluster).
import type { Service, ServiceSpec } from "kubernetes-types/core/v1.js";
import { deepCopy } from "./copy.js";
import { isNil, isUnset } from "./unset.js";

/** Three hours: the default stickiness of ClientIP session affinity. */
export const CLIENT_IP_AFFINITY_SECONDS_DEFAULT = 10800;

// Traffic from outside the cluster can reach the service (so externalTrafficPolicy means something).
function externallyAccessible(spec: ServiceSpec): boolean {
  return (
    spec.type === "LoadBalancer" ||
    spec.type === "NodePort" ||
    (spec.type === "ClusterIP" && (spec.externalIPs?.length ?? 0) > 0)
  );
}

// tskube's cluster is single-stack IPv4. A headless service without a selector gets its endpoints from the
// user, who may list both families, so Kubernetes asks for dual stack there even on a single-stack cluster.
function applyIpFamilyDefaults(spec: ServiceSpec): void {
  if (spec.type === "ExternalName") return;
  const headlessWithoutSelector = spec.clusterIP === "None" && Object.keys(spec.selector ?? {}).length === 0;
  if (isNil(spec.ipFamilyPolicy)) {
    spec.ipFamilyPolicy = headlessWithoutSelector ? "RequireDualStack" : "SingleStack";
  }
  if ((spec.ipFamilies?.length ?? 0) === 0) {
    spec.ipFamilies = headlessWithoutSelector ? ["IPv4", "IPv6"] : ["IPv4"];
  }
}

/** Mutates `spec`; callers own a fresh copy. */
function applyServiceSpecDefaults(spec: ServiceSpec): void {
  if (isUnset(spec.sessionAffinity)) spec.sessionAffinity = "None";
  if (spec.sessionAffinity === "None") delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === "ClientIP" && isNil(spec.sessionAffinityConfig?.clientIP?.timeoutSeconds)) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: CLIENT_IP_AFFINITY_SECONDS_DEFAULT } };
  }
  if (isUnset(spec.type)) spec.type = "ClusterIP";
  for (const port of spec.ports ?? []) {
    if (isUnset(port.protocol)) port.protocol = "TCP";
    // IntOrString is a non-pointer struct: 0 and "" both mean "not given".
    if (isUnset(port.targetPort)) port.targetPort = port.port;
  }
  if (externallyAccessible(spec) && isUnset(spec.externalTrafficPolicy)) {
    spec.externalTrafficPolicy = "Cluster";
  }
  if (isNil(spec.internalTrafficPolicy) && spec.type !== "ExternalName") {
    spec.internalTrafficPolicy = "Cluster";
  }
  if (spec.type === "LoadBalancer" && isNil(spec.allocateLoadBalancerNodePorts)) {
    spec.allocateLoadBalancerNodePorts = true;
  }
  applyIpFamilyDefaults(spec);
}

/** A defaulted copy of a Service (clusterIP/clusterIPs/nodePort are allocation, not defaulting). */
export function defaultService(service: Service): Service {
  const out = deepCopy(service);
  out.spec = out.spec ?? {};
  applyServiceSpecDefaults(out.spec);
  if (out.spec.type === "LoadBalancer") {
    for (const ingress of out.status?.loadBalancer?.ingress ?? []) {
      if (!isUnset(ingress.ip) && isNil(ingress.ipMode)) ingress.ipMode = "VIP";
    }
  }
  return out;
}
