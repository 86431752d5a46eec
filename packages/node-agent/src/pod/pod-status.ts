// The PodStatus kubelet reports (generateAPIPodStatus), from what the runtime observed: phase by
// getPhase's rules, the conditions with their reasons, and container statuses in kubelet's order.
import type {
  Container,
  ContainerState,
  ContainerStateTerminated,
  ContainerStatus,
  Pod,
  PodCondition,
  PodStatus,
} from "kubernetes-types/core/v1.js";
import { terminatedReason } from "./reasons.js";

export interface ObservedTerminated {
  exitCode: number;
  signal?: number;
  /** Defaults to OOMKilled / Completed / Error. */
  reason?: string;
  message?: string;
  oomKilled?: boolean;
  startedAt?: Date;
  finishedAt: Date;
  containerID?: string;
}

export type ObservedState =
  | { kind: "running"; startedAt: Date }
  | ({ kind: "terminated" } & ObservedTerminated)
  | { kind: "waiting"; reason: string; message?: string };

export interface ObservedContainer {
  name: string;
  state: ObservedState;
  /** The previous attempt's end, shown as lastState. */
  lastTerminated?: ObservedTerminated;
  restartCount: number;
  /** Raw Docker id of the current attempt; reported as `docker://<id>`. */
  containerID?: string;
  /** The image as the runtime reports it; the spec's image when absent. */
  image?: string;
  imageID?: string;
  /** Readiness probe result; without a readiness probe a running, started container is ready. */
  ready?: boolean;
  /** Startup probe result; without a startup probe a running container is started. */
  started?: boolean;
}

export interface ObservedPod {
  containers: readonly ObservedContainer[];
  initContainers?: readonly ObservedContainer[];
  /** Whether the pause container runs with its network set up (PodReadyToStartContainers). */
  sandboxReady?: boolean;
  podIPs?: readonly string[];
  hostIPs?: readonly string[];
  /** The pod is being deleted (or otherwise finished) and its containers will not be restarted. */
  terminal?: boolean;
}

const dockerId = (id: string | undefined): string | undefined =>
  id === undefined || id === "" ? undefined : id.includes("://") ? id : `docker://${id}`;

/** Kubernetes' time format: RFC 3339 in whole seconds. */
export function k8sTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function terminatedState(t: ObservedTerminated, fallbackId: string | undefined): ContainerStateTerminated {
  const out: ContainerStateTerminated = {
    exitCode: t.exitCode,
    reason: t.reason ?? terminatedReason(t.exitCode, t.oomKilled),
    finishedAt: k8sTime(t.finishedAt),
  };
  if (t.signal !== undefined) out.signal = t.signal;
  if (t.message) out.message = t.message;
  if (t.startedAt !== undefined) out.startedAt = k8sTime(t.startedAt);
  const id = dockerId(t.containerID ?? fallbackId);
  if (id !== undefined) out.containerID = id;
  return out;
}

function isRestartableInit(c: Container): boolean {
  return c.restartPolicy === "Always";
}

function containerStatus(
  spec: Container,
  seen: ObservedContainer | undefined,
  old: ContainerStatus | undefined,
  defaultWaiting: string,
): ContainerStatus {
  if (seen === undefined) {
    // Not observed yet: keep a terminated status (it will not change), otherwise wait with the old counters.
    if (old?.state?.terminated !== undefined) return old;
    const status: ContainerStatus = {
      name: spec.name,
      image: spec.image ?? "",
      imageID: "",
      ready: false,
      restartCount: old?.restartCount ?? 0,
      started: false,
      state: { waiting: { reason: defaultWaiting } },
    };
    if (old?.lastState !== undefined) status.lastState = old.lastState;
    return status;
  }
  let state: ContainerState;
  let running = false;
  if (seen.state.kind === "running") {
    state = { running: { startedAt: k8sTime(seen.state.startedAt) } };
    running = true;
  } else if (seen.state.kind === "terminated") {
    state = { terminated: terminatedState(seen.state, seen.containerID) };
  } else {
    state = {
      waiting: seen.state.message
        ? { reason: seen.state.reason, message: seen.state.message }
        : { reason: seen.state.reason },
    };
  }
  const started = running && (spec.startupProbe === undefined ? true : seen.started === true);
  const ready = started && (spec.readinessProbe === undefined ? true : seen.ready === true);
  const status: ContainerStatus = {
    name: spec.name,
    image: seen.image ?? spec.image ?? "",
    imageID: seen.imageID ?? "",
    ready,
    restartCount: seen.restartCount,
    started,
    state,
    lastState: seen.lastTerminated ? { terminated: terminatedState(seen.lastTerminated, undefined) } : {},
  };
  const id = dockerId(seen.containerID);
  if (id !== undefined) status.containerID = id;
  return status;
}

function statusesFor(
  specs: readonly Container[],
  observed: readonly ObservedContainer[],
  old: readonly ContainerStatus[],
  defaultWaiting: string,
): ContainerStatus[] {
  const seen = new Map(observed.map((c) => [c.name, c]));
  const before = new Map(old.map((c) => [c.name, c]));
  return specs.map((c) => containerStatus(c, seen.get(c.name), before.get(c.name), defaultWaiting));
}

const hasLastTerminated = (s: ContainerStatus): boolean => s.lastState?.terminated !== undefined;

function anyRegularStarted(pod: Pod, statuses: readonly ContainerStatus[]): boolean {
  const names = new Set((pod.spec?.containers ?? []).map((c) => c.name));
  return statuses.some(
    (s) => names.has(s.name) && (s.state?.running !== undefined || s.state?.terminated !== undefined),
  );
}

/** kubelet's getPhase. */
export function podPhase(
  pod: Pod,
  init: readonly ContainerStatus[],
  regular: readonly ContainerStatus[],
  terminal: boolean,
): string {
  const spec = pod.spec;
  const policy = spec?.restartPolicy ?? "Always";
  const initByName = new Map(init.map((s) => [s.name, s]));
  let pendingInit = 0;
  let failedInit = 0;
  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of spec?.initContainers ?? []) {
    const s = initByName.get(c.name);
    if (isRestartableInit(c)) {
      if (s === undefined) unknown++;
      else if (s.state?.running) {
        if (s.started !== true) pendingInit++;
        running++;
      } else if (s.state?.waiting && !hasLastTerminated(s)) {
        pendingInit++;
        waiting++;
      }
      continue;
    }
    if (s === undefined || s.state?.running) pendingInit++;
    else if (s.state?.terminated) {
      if (s.state.terminated.exitCode !== 0) failedInit++;
    } else if (s.state?.waiting) {
      const last = s.lastState?.terminated;
      if (last !== undefined) {
        if (last.exitCode !== 0) failedInit++;
      } else pendingInit++;
    } else pendingInit++;
  }
  const regularByName = new Map(regular.map((s) => [s.name, s]));
  for (const c of spec?.containers ?? []) {
    const s = regularByName.get(c.name);
    if (s === undefined) unknown++;
    else if (s.state?.running) running++;
    else if (s.state?.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state?.waiting) {
      if (hasLastTerminated(s)) stopped++;
      else waiting++;
    } else unknown++;
  }
  if (failedInit > 0 && policy === "Never") return "Failed";
  if ((pendingInit > 0 && !anyRegularStarted(pod, regular)) || waiting > 0) return "Pending";
  if (running > 0 && unknown === 0) return "Running";
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (terminal) return stopped === succeeded ? "Succeeded" : "Failed";
    if (policy === "Always") return "Running";
    if (stopped === succeeded) return "Succeeded";
    if (policy === "Never") return "Failed";
    return "Running";
  }
  return "Pending";
}

/** Go's `%s` of a []string: `[a b]`. */
const goList = (names: readonly string[]): string => `[${names.join(" ")}]`;

type Condition = Omit<PodCondition, "lastTransitionTime" | "lastProbeTime">;

function initializedCondition(
  pod: Pod,
  init: readonly ContainerStatus[],
  regular: readonly ContainerStatus[],
  phase: string,
): Condition {
  const specs = pod.spec?.initContainers ?? [];
  if (specs.length === 0) return { type: "Initialized", status: "True" };
  const byName = new Map(init.map((s) => [s.name, s]));
  const unknown: string[] = [];
  const incomplete: string[] = [];
  for (const c of specs) {
    const s = byName.get(c.name);
    if (s === undefined) unknown.push(c.name);
    else if (isRestartableInit(c)) {
      if (s.started !== true) incomplete.push(c.name);
    } else if (s.state?.terminated === undefined || s.state.terminated.exitCode !== 0)
      incomplete.push(c.name);
  }
  if (phase === "Succeeded" && unknown.length === 0)
    return { type: "Initialized", status: "True", reason: "PodCompleted" };
  if (anyRegularStarted(pod, regular)) return { type: "Initialized", status: "True" };
  const messages: string[] = [];
  if (unknown.length > 0) messages.push(`containers with unknown status: ${goList(unknown)}`);
  if (incomplete.length > 0) messages.push(`containers with incomplete status: ${goList(incomplete)}`);
  if (messages.length > 0) {
    return {
      type: "Initialized",
      status: "False",
      reason: "ContainersNotInitialized",
      message: messages.join(", "),
    };
  }
  return { type: "Initialized", status: "True" };
}

function containersReadyCondition(
  pod: Pod,
  init: readonly ContainerStatus[],
  regular: readonly ContainerStatus[],
  phase: string,
): Condition {
  const unknown: string[] = [];
  const unready: string[] = [];
  const check = (name: string, statuses: readonly ContainerStatus[]) => {
    const s = statuses.find((x) => x.name === name);
    if (s === undefined) unknown.push(name);
    else if (!s.ready) unready.push(name);
  };
  for (const c of pod.spec?.initContainers ?? []) if (isRestartableInit(c)) check(c.name, init);
  for (const c of pod.spec?.containers ?? []) check(c.name, regular);
  if (phase === "Succeeded" && unknown.length === 0)
    return { type: "ContainersReady", status: "False", reason: "PodCompleted" };
  if (phase === "Failed") return { type: "ContainersReady", status: "False", reason: "PodFailed" };
  const messages: string[] = [];
  if (unknown.length > 0) messages.push(`containers with unknown status: ${goList(unknown)}`);
  if (unready.length > 0) messages.push(`containers with unready status: ${goList(unready)}`);
  if (messages.length > 0)
    return {
      type: "ContainersReady",
      status: "False",
      reason: "ContainersNotReady",
      message: messages.join(", "),
    };
  return { type: "ContainersReady", status: "True" };
}

function readyCondition(pod: Pod, containersReady: Condition): Condition {
  if (containersReady.status !== "True") {
    const c: Condition = { type: "Ready", status: "False" };
    if (containersReady.reason) c.reason = containersReady.reason;
    if (containersReady.message) c.message = containersReady.message;
    return c;
  }
  const unready: string[] = [];
  for (const gate of pod.spec?.readinessGates ?? []) {
    const cond = pod.status?.conditions?.find((c) => c.type === gate.conditionType);
    if (cond === undefined)
      unready.push(`corresponding condition of pod readiness gate "${gate.conditionType}" does not exist.`);
    else if (cond.status !== "True") {
      unready.push(
        `the status of pod readiness gate "${gate.conditionType}" is not "True", but ${cond.status}`,
      );
    }
  }
  if (unready.length > 0)
    return { type: "Ready", status: "False", reason: "ReadinessGatesNotReady", message: unready.join(", ") };
  return { type: "Ready", status: "True" };
}

/** Keeps lastTransitionTime when the condition's status did not change. */
function withTransition(cond: Condition, old: readonly PodCondition[], now: Date): PodCondition {
  const before = old.find((c) => c.type === cond.type);
  const lastTransitionTime =
    before !== undefined && before.status === cond.status && before.lastTransitionTime
      ? before.lastTransitionTime
      : k8sTime(now);
  return { ...cond, lastTransitionTime };
}

/** The pod's QoS class (kept when the API server set it): Guaranteed, Burstable or BestEffort. */
export function qosClass(pod: Pod): string {
  const all = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of all) {
    const requests = c.resources?.requests ?? {};
    const limits = c.resources?.limits ?? {};
    if (Object.keys(requests).length > 0 || Object.keys(limits).length > 0) any = true;
    for (const r of ["cpu", "memory"]) {
      const limit = limits[r];
      const request = requests[r] ?? limit;
      if (limit === undefined || String(request) !== String(limit)) guaranteed = false;
    }
  }
  if (!any) return "BestEffort";
  return guaranteed ? "Guaranteed" : "Burstable";
}

const byName = (a: ContainerStatus, b: ContainerStatus): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

/** The status to write for `pod`, given what the runtime observed at `now`. */
export function podStatus(pod: Pod, observed: ObservedPod, now: Date): PodStatus {
  const old = pod.status ?? {};
  const hasInit = (pod.spec?.initContainers?.length ?? 0) > 0;
  const defaultWaiting = hasInit ? "PodInitializing" : "ContainerCreating";
  const init = statusesFor(
    pod.spec?.initContainers ?? [],
    observed.initContainers ?? [],
    old.initContainerStatuses ?? [],
    defaultWaiting,
  );
  const regular = statusesFor(
    pod.spec?.containers ?? [],
    observed.containers,
    old.containerStatuses ?? [],
    defaultWaiting,
  ).sort(byName);
  // A terminal phase is final: kubelet never moves a pod out of Succeeded or Failed.
  const phase =
    old.phase === "Succeeded" || old.phase === "Failed"
      ? old.phase
      : podPhase(pod, init, regular, observed.terminal === true);
  const containersReady = containersReadyCondition(pod, init, regular, phase);
  const conditions: Condition[] = [];
  if (observed.sandboxReady !== undefined) {
    conditions.push({ type: "PodReadyToStartContainers", status: observed.sandboxReady ? "True" : "False" });
  }
  conditions.push(
    initializedCondition(pod, init, regular, phase),
    readyCondition(pod, containersReady),
    containersReady,
    {
      type: "PodScheduled",
      status: "True",
    },
  );
  const oldConditions = old.conditions ?? [];
  const ours = new Set(conditions.map((c) => c.type));
  const status: PodStatus = {
    phase,
    // Conditions others own (readiness gates, DisruptionTarget…) are kept after ours.
    conditions: [
      ...conditions.map((c) => withTransition(c, oldConditions, now)),
      ...oldConditions.filter((c) => !ours.has(c.type)),
    ],
    containerStatuses: regular,
    qosClass: old.qosClass ?? qosClass(pod),
    startTime: old.startTime ?? k8sTime(now),
  };
  if (hasInit) status.initContainerStatuses = init;
  const hostIPs = observed.hostIPs ?? old.hostIPs?.map((h) => h.ip) ?? (old.hostIP ? [old.hostIP] : []);
  if (hostIPs.length > 0) {
    status.hostIP = hostIPs[0];
    status.hostIPs = hostIPs.map((ip) => ({ ip }));
  }
  const podIPs = observed.podIPs ?? old.podIPs?.map((p) => p.ip) ?? (old.podIP ? [old.podIP] : []);
  if (podIPs.length > 0) {
    status.podIP = podIPs[0];
    status.podIPs = podIPs.map((ip) => ({ ip }));
  }
  if (old.nominatedNodeName) status.nominatedNodeName = old.nominatedNodeName;
  return status;
}
