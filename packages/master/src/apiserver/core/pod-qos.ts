import type { Container, Pod } from "kubernetes-types/core/v1.js";

/**
 * The pod's QoS class as Kubernetes computes it at create: BestEffort without any cpu/memory request or
 * limit, Guaranteed when every container limits cpu and memory with requests equal to the limits, else
 * Burstable.
 */
export function podQosClass(pod: Pod): "BestEffort" | "Burstable" | "Guaranteed" {
  const containers: Container[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const requests = c.resources?.requests ?? {};
    const limits = c.resources?.limits ?? {};
    for (const r of ["cpu", "memory"]) {
      const req = requests[r];
      const lim = limits[r];
      if (req !== undefined || lim !== undefined) any = true;
      // Requests default to limits, so only a limit is needed; a different request breaks the guarantee.
      if (lim === undefined || (req !== undefined && String(req) !== String(lim))) guaranteed = false;
    }
  }
  if (!any) return "BestEffort";
  return guaranteed ? "Guaranteed" : "Burstable";
}
