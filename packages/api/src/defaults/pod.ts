// Pod defaults: the pod-spec defaults plus the ones Kubernetes applies to Pods only (SetDefaults_Pod).
import type { Container, Pod } from "kubernetes-types/core/v1.js";
import { deepCopy } from "./copy.js";
import { applyPodSpecDefaults, zeroPodSpec } from "./pod-spec.js";
import { isNil, isUnset } from "./unset.js";

// Limits without requests mean "guaranteed": each missing request takes its limit, key by key.
function defaultRequestsFromLimits(c: Container): void {
  const limits = c.resources?.limits;
  if (isNil(limits)) return;
  const resources = c.resources ?? {};
  const requests = resources.requests ?? {};
  for (const [name, quantity] of Object.entries(limits)) {
    if (!Object.hasOwn(requests, name)) requests[name] = quantity;
  }
  resources.requests = requests;
  c.resources = resources;
}

// With host networking the container port is the host port.
function defaultHostNetworkPorts(containers: Container[] | undefined): void {
  for (const c of containers ?? []) {
    for (const p of c.ports ?? []) {
      if (isUnset(p.hostPort)) p.hostPort = p.containerPort;
    }
  }
}

/** A defaulted copy of a Pod. */
export function defaultPod(pod: Pod): Pod {
  const out = deepCopy(pod);
  // spec is a non-pointer struct in Go: an absent one is defaulted like an empty one.
  const spec = out.spec ?? zeroPodSpec();
  out.spec = spec;
  for (const c of spec.containers ?? []) defaultRequestsFromLimits(c);
  for (const c of spec.initContainers ?? []) defaultRequestsFromLimits(c);
  if (isNil(spec.enableServiceLinks)) spec.enableServiceLinks = true;
  if (spec.hostNetwork === true) {
    defaultHostNetworkPorts(spec.containers);
    defaultHostNetworkPorts(spec.initContainers);
  }
  applyPodSpecDefaults(spec);
  return out;
}
