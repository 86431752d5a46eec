import type { Container, ContainerStatus, Pod } from "kubernetes-types/core/v1.js";
import { age } from "./age.js";
import { ageColumn, column, nameColumn, wideColumn } from "./columns.js";
import { NONE } from "./format.js";
import type { KindPrinter, TableCell } from "./types.js";

// printPod of Kubernetes' printers: the Status cell is the most specific reason known, from the pod's phase
// and reason, then init containers (while initializing), then app containers, then deletion.

const isRestartable = (c: Container | undefined): boolean => c?.restartPolicy === "Always";

interface StatusSummary {
  reason: string;
  ready: number;
  restarts: number;
  lastRestart: number | undefined;
}

function later(current: number | undefined, finishedAt: string | undefined): number | undefined {
  if (finishedAt === undefined) return current;
  const t = Date.parse(finishedAt);
  if (Number.isNaN(t)) return current;
  return current === undefined || t > current ? t : current;
}

function terminatedText(prefix: string, t: { reason?: string; signal?: number; exitCode: number }): string {
  if (t.reason) return prefix + t.reason;
  return t.signal ? `${prefix}Signal:${t.signal}` : `${prefix}ExitCode:${t.exitCode}`;
}

function summarize(pod: Pod): StatusSummary {
  const spec = pod.spec;
  const status = pod.status ?? {};
  let reason = status.reason || status.phase || "";
  if (status.conditions?.some((c) => c.type === "PodScheduled" && c.reason === "SchedulingGated")) {
    reason = "SchedulingGated";
  }
  const initSpecs = new Map((spec?.initContainers ?? []).map((c) => [c.name, c]));
  let ready = 0;
  let restarts = 0;
  let lastRestart: number | undefined;
  let sidecarRestarts = 0;
  let sidecarLastRestart: number | undefined;
  let initializing = false;

  const initStatuses = status.initContainerStatuses ?? [];
  for (const [i, c] of initStatuses.entries()) {
    restarts += c.restartCount;
    lastRestart = later(lastRestart, c.lastState?.terminated?.finishedAt);
    const sidecar = isRestartable(initSpecs.get(c.name));
    if (sidecar) {
      sidecarRestarts += c.restartCount;
      sidecarLastRestart = later(sidecarLastRestart, c.lastState?.terminated?.finishedAt);
    }
    const terminated = c.state?.terminated;
    const waiting = c.state?.waiting;
    if (terminated && terminated.exitCode === 0) continue;
    if (sidecar && c.started) {
      if (c.ready) ready++;
      continue;
    }
    if (terminated) reason = terminatedText("Init:", terminated);
    else if (waiting?.reason && waiting.reason !== "PodInitializing") reason = `Init:${waiting.reason}`;
    else reason = `Init:${i}/${spec?.initContainers?.length ?? 0}`;
    initializing = true;
    break;
  }

  const initialized =
    status.conditions?.some((c) => c.type === "Initialized" && c.status === "True") ?? false;
  if (!initializing || initialized) {
    restarts = sidecarRestarts;
    lastRestart = sidecarLastRestart;
    let hasRunning = false;
    const statuses: readonly ContainerStatus[] = status.containerStatuses ?? [];
    // Walked last to first so the first container's state wins, as in Kubernetes.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      if (c === undefined) continue;
      restarts += c.restartCount;
      lastRestart = later(lastRestart, c.lastState?.terminated?.finishedAt);
      const waiting = c.state?.waiting;
      const terminated = c.state?.terminated;
      if (waiting?.reason) reason = waiting.reason;
      else if (terminated) reason = terminatedText("", terminated);
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === "Completed" && hasRunning) {
      const podReady = status.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
      reason = podReady ? "Running" : "NotReady";
    }
  }

  if (pod.metadata?.deletionTimestamp) {
    if (status.reason === "NodeLost") reason = "Unknown";
    else if (status.phase !== "Succeeded" && status.phase !== "Failed") reason = "Terminating";
  }
  return { reason, ready, restarts, lastRestart };
}

function readinessGates(pod: Pod): string {
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return NONE;
  const conditions = pod.status?.conditions ?? [];
  const met = gates.filter(
    (g) => conditions.find((c) => c.type === g.conditionType)?.status === "True",
  ).length;
  return `${met}/${gates.length}`;
}

export const podPrinter: KindPrinter<Pod> = {
  columns: [
    nameColumn(),
    column("Ready"),
    column("Status"),
    column("Restarts"),
    ageColumn,
    wideColumn("IP"),
    wideColumn("Node"),
    wideColumn("Nominated Node"),
    wideColumn("Readiness Gates"),
  ],
  row(pod: Pod, now: Date): TableCell[] {
    const { reason, ready, restarts, lastRestart } = summarize(pod);
    const sidecars = (pod.spec?.initContainers ?? []).filter(isRestartable).length;
    const total = (pod.spec?.containers.length ?? 0) + sidecars;
    let restartsText = String(restarts);
    if (restarts !== 0 && lastRestart !== undefined) {
      restartsText = `${restarts} (${age(new Date(lastRestart).toISOString(), now)} ago)`;
    }
    return [
      pod.metadata?.name ?? "",
      `${ready}/${total}`,
      reason,
      restartsText,
      age(pod.metadata?.creationTimestamp, now),
      pod.status?.podIPs?.[0]?.ip || pod.status?.podIP || NONE,
      pod.spec?.nodeName || NONE,
      pod.status?.nominatedNodeName || NONE,
      readinessGates(pod),
    ];
  },
};
