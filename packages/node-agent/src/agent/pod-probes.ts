// Between the pod manager and the probe manager (probes/): the containers probes care about.
import type { Pod } from "kubernetes-types/core/v1.js";
import type { ObservedPod } from "../pod/index.js";
import type { PreviousResult, ProbedContainer, ProbeManager } from "../probes/index.js";

export type PodProbes = Pick<ProbeManager, "update" | "ready" | "started" | "unhealthy" | "remove">;

/** App containers with an id, as the probe manager wants them. */
export function probedContainers(observed: ObservedPod): ProbedContainer[] {
  const out: ProbedContainer[] = [];
  for (const c of observed.containers) {
    if (c.containerID === undefined) continue;
    const running = c.state.kind === "running";
    out.push({
      name: c.name,
      containerID: c.containerID,
      running,
      startedAt: c.state.kind === "running" ? c.state.startedAt : new Date(0),
    });
  }
  return out;
}

/** What the pod status says about each container instance, keyed by the runtime's raw id. */
export function previousResults(pod: Pod): Map<string, PreviousResult> {
  const out = new Map<string, PreviousResult>();
  for (const s of pod.status?.containerStatuses ?? []) {
    if (!s.containerID) continue;
    out.set(s.containerID.replace(/^[a-z]+:\/\//, ""), { ready: s.ready, started: s.started === true });
  }
  return out;
}
