// Kubelet's probe manager: a worker per probe of every running container instance, and the results
// the agent folds into the pod status (ready, started) and into syncPod (unhealthy → restart).
//
// Semantics kept from kubelet: readiness starts false until a success; liveness and readiness wait
// until the startup probe succeeded, which then stops; a liveness or startup failure past its threshold
// is reported once and the worker holds until the container is replaced (new container id), which
// resets every result; probes stop when the container is not running; liveness and startup stop while
// the pod is being deleted. Deliberate difference: the first probe runs exactly initialDelaySeconds
// after the container started (kubelet checks on its period ticks), and readiness is probed at once
// when startup succeeds (kubelet does so on its next status update).
import type { Container, Pod } from "kubernetes-types/core/v1.js";
import type { PodEvent } from "../runtime/runtime-types.js";
import { containerProbes, type ResolvedProbe } from "./probe-options.js";
import type { ProbeClock, ProbeOutcome, Probers, ProbeType } from "./probe-types.js";
import { systemClock } from "./probe-types.js";
import { ProbeWorker } from "./probe-worker.js";
import { runProbe } from "./prober.js";

/** The results the pod status last reported for a container instance (by its runtime id). */
export interface PreviousResult {
  ready: boolean;
  started: boolean;
}

/** A container instance as the runtime last observed it. */
export interface ProbedContainer {
  name: string;
  /** Runtime id of the current instance; a new id means a new instance and fresh results. */
  containerID: string;
  running: boolean;
  /** When the current instance started; initialDelaySeconds counts from here. */
  startedAt: Date;
}

export interface ProbeManagerOptions {
  probers: Probers;
  clock?: ProbeClock;
  /** A result flipped (ready, started, or a container became unhealthy): re-sync the pod / its status. */
  onChange?: (uid: string) => void;
  /** Warning events: reason Unhealthy on each failed attempt, ProbeWarning on a redirect warning. */
  onEvent?: (uid: string, event: PodEvent) => void;
}

const TITLE: Record<ProbeType, string> = { liveness: "Liveness", readiness: "Readiness", startup: "Startup" };

interface ContainerState {
  spec: Container;
  fieldPath: string;
  probes: Partial<Record<ProbeType, ResolvedProbe>>;
  containerID: string;
  running: boolean;
  startedAtMs: number;
  workers: Partial<Record<ProbeType, ProbeWorker>>;
  ready: boolean;
  started: boolean;
  unhealthy: boolean;
}

interface PodState {
  pod: Pod;
  podIP: string | undefined;
  containers: Map<string, ContainerState>;
}

/** The pod's containers that can have probes: app containers and sidecars (restartable init containers). */
function probedSpecs(pod: Pod): Map<string, { spec: Container; fieldPath: string }> {
  const out = new Map<string, { spec: Container; fieldPath: string }>();
  for (const c of pod.spec?.initContainers ?? []) {
    if (c.restartPolicy === "Always")
      out.set(c.name, { spec: c, fieldPath: `spec.initContainers{${c.name}}` });
  }
  for (const c of pod.spec?.containers ?? [])
    out.set(c.name, { spec: c, fieldPath: `spec.containers{${c.name}}` });
  return out;
}

export class ProbeManager {
  private readonly pods = new Map<string, PodState>();
  private readonly clock: ProbeClock;

  constructor(private readonly options: ProbeManagerOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /**
   * Reconcile workers with what the runtime observed; call after every sync. Starts workers for new
   * running instances, stops them for gone, replaced or stopped ones. Does not call onChange itself:
   * the caller is about to compute the status anyway.
   */
  update(
    pod: Pod,
    containers: readonly ProbedContainer[],
    podIP?: string,
    previous?: ReadonlyMap<string, PreviousResult>,
  ): void {
    const uid = pod.metadata?.uid;
    if (!uid) return;
    let state = this.pods.get(uid);
    if (!state) {
      state = { pod, podIP, containers: new Map() };
      this.pods.set(uid, state);
    }
    state.pod = pod;
    state.podIP = podIP;
    const specs = probedSpecs(pod);
    const seen = new Set<string>();
    for (const observed of containers) {
      const found = specs.get(observed.name);
      if (!found || !observed.containerID) continue;
      const probes = containerProbes(found.spec);
      if (Object.keys(probes).length === 0) continue;
      seen.add(observed.name);
      this.updateContainer(uid, state, found.spec, found.fieldPath, probes, observed, previous);
    }
    for (const [name, c] of state.containers) {
      if (!seen.has(name)) {
        stopAll(c);
        state.containers.delete(name);
      }
    }
    if (pod.metadata?.deletionTimestamp) {
      for (const c of state.containers.values()) {
        c.workers.liveness?.stop();
        c.workers.startup?.stop();
      }
    }
  }

  /** Forget a pod: stop its workers and drop its results. */
  remove(uid: string): void {
    const state = this.pods.get(uid);
    if (!state) return;
    for (const c of state.containers.values()) stopAll(c);
    this.pods.delete(uid);
  }

  /** Readiness result; undefined when the container has no readiness probe (the agent decides then). */
  ready(uid: string, name: string): boolean | undefined {
    const c = this.pods.get(uid)?.containers.get(name);
    if (!c?.probes.readiness) return undefined;
    return c.running && c.ready;
  }

  /** Startup result; undefined when the container has no startup probe. */
  started(uid: string, name: string): boolean | undefined {
    const c = this.pods.get(uid)?.containers.get(name);
    if (!c?.probes.startup) return undefined;
    return c.running && c.started;
  }

  /** Containers whose liveness or startup probe failed past its threshold: restart them. */
  unhealthy(uid: string): Set<string> {
    const out = new Set<string>();
    for (const [name, c] of this.pods.get(uid)?.containers ?? []) if (c.unhealthy) out.add(name);
    return out;
  }

  /** Stop every worker (agent shutdown). */
  close(): void {
    for (const uid of [...this.pods.keys()]) this.remove(uid);
  }

  private updateContainer(
    uid: string,
    state: PodState,
    spec: Container,
    fieldPath: string,
    probes: Partial<Record<ProbeType, ResolvedProbe>>,
    observed: ProbedContainer,
    previous: ReadonlyMap<string, PreviousResult> | undefined,
  ): void {
    let c = state.containers.get(observed.name);
    if (c && c.containerID !== observed.containerID) {
      stopAll(c);
      c = undefined;
    }
    if (!c) {
      // A container this manager has not seen but the pod status has (the agent restarted): its results
      // start where they were, so an adopted healthy container does not flap to not-ready.
      const seed = previous?.get(observed.containerID);
      c = {
        spec,
        fieldPath,
        probes,
        containerID: observed.containerID,
        running: false,
        startedAtMs: observed.startedAt.getTime(),
        workers: {},
        ready: seed?.ready ?? false,
        started: seed?.started ?? false,
        unhealthy: false,
      };
      state.containers.set(observed.name, c);
    }
    c.spec = spec;
    const wasRunning = c.running;
    c.running = observed.running;
    c.startedAtMs = observed.startedAt.getTime();
    if (!observed.running) {
      // A stopped container is neither ready nor started; its probes end with it.
      stopAll(c);
      c.ready = false;
      c.started = false;
      return;
    }
    if (!wasRunning) this.startWorkers(uid, state, c);
  }

  private startWorkers(uid: string, state: PodState, c: ContainerState): void {
    stopAll(c);
    for (const type of ["startup", "readiness", "liveness"] as const) {
      const probe = c.probes[type];
      if (!probe) continue;
      if (type === "startup" && c.started) continue;
      if (type !== "readiness" && (c.unhealthy || state.pod.metadata?.deletionTimestamp)) continue;
      const worker = new ProbeWorker(probe, this.clock, c.startedAtMs, {
        gate: () => {
          if (type === "startup") return c.started ? "stop" : "probe";
          return c.probes.startup && !c.started ? "wait" : "probe";
        },
        probe: () =>
          runProbe(this.options.probers, probe, {
            container: c.spec,
            containerID: c.containerID,
            podIP: state.podIP,
          }),
        attempted: (outcome) => this.recordEvent(uid, c, type, outcome),
        settled: (success) => this.settle(uid, c, type, success),
      });
      c.workers[type] = worker;
      worker.start();
    }
  }

  private settle(uid: string, c: ContainerState, type: ProbeType, success: boolean): void {
    if (type === "readiness") {
      if (c.ready === success) return;
      c.ready = success;
    } else if (success) {
      if (type === "liveness" || c.started) return;
      c.started = true;
      c.workers.startup?.stop();
      c.workers.readiness?.kick();
    } else {
      // Reported once: the worker holds until the container is replaced.
      c.workers[type]?.stop();
      if (c.unhealthy) return;
      c.unhealthy = true;
    }
    this.options.onChange?.(uid);
  }

  private recordEvent(uid: string, c: ContainerState, type: ProbeType, outcome: ProbeOutcome): void {
    const emit = this.options.onEvent;
    if (!emit) return;
    const base = { type: "Warning" as const, fieldPath: c.fieldPath };
    const title = TITLE[type];
    if (outcome.result === "failure") {
      emit(uid, { ...base, reason: "Unhealthy", message: `${title} probe failed: ${outcome.output}` });
    } else if (outcome.result === "warning") {
      emit(uid, { ...base, reason: "ProbeWarning", message: `${title} probe warning: ${outcome.output}` });
    } else if (outcome.result === "error") {
      emit(uid, { ...base, reason: "Unhealthy", message: `${title} probe errored: ${outcome.output}` });
    }
  }
}

function stopAll(c: ContainerState): void {
  for (const w of Object.values(c.workers)) w.stop();
  c.workers = {};
}
