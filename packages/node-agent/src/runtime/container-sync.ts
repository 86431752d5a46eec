// One container's step of kubelet's SyncPod: keep it running, restart it per restartPolicy behind the
// CrashLoopBackOff back-off, kill it when its spec changed or its liveness probe failed, pull its image
// and create + start a new attempt. Every decision is taken from what dockerd holds (labels, state).

import type Dockerode from "dockerode";
import type { Container, Pod } from "kubernetes-types/core/v1.js";
import {
  appContainerOptions,
  type Backoff,
  type ContainerContext,
  containerHash,
  crashLoopMessage,
  formatPod,
  type ObservedContainer,
  type ObservedState,
  type ObservedTerminated,
  PodConfigError,
  WaitingReason,
} from "../pod/index.js";
import { removeContainer, stopContainer } from "./container-lifecycle.js";
import { dockerMessage } from "./errors.js";
import { fieldPath, type ImagePuller } from "./image-puller.js";
import { type ContainerInstance, podContainers, terminatedOf } from "./pod-containers.js";
import type { RuntimeLogger } from "./runtime-options.js";
import type { PodEvent, SyncContext } from "./runtime-types.js";

export interface ContainerSyncDeps {
  docker: Dockerode;
  puller: ImagePuller;
  crashBackoff: Backoff;
  logger: RuntimeLogger;
  now: () => Date;
}

export interface PodSandboxFacts {
  sandboxId: string;
  podIP: string;
  ctx: SyncContext;
}

export interface ContainerSyncResult {
  observed: ObservedContainer;
  /** When to look again (a back-off expiring). */
  requeueAfterMs?: number;
}

type RestartPolicy = "Always" | "OnFailure" | "Never";

/** Init containers retry on failure unless the pod never restarts; sidecars (restartPolicy Always) always do. */
export function restartPolicyOf(pod: Pod, container: Container, init: boolean): RestartPolicy {
  const podPolicy = (pod.spec?.restartPolicy ?? "Always") as RestartPolicy;
  if (!init) return podPolicy;
  if (container.restartPolicy === "Always") return "Always";
  return podPolicy === "Never" ? "Never" : "OnFailure";
}

export const backoffKey = (pod: Pod, name: string): string => `${pod.metadata?.uid ?? ""}/${name}`;

const graceSeconds = (pod: Pod): number => pod.spec?.terminationGracePeriodSeconds ?? 30;

function observe(
  container: Container,
  instance: ContainerInstance | undefined,
  state: ObservedState,
  restartCount: number,
  lastTerminated: ObservedTerminated | undefined,
): ObservedContainer {
  const out: ObservedContainer = { name: container.name, state, restartCount };
  if (lastTerminated !== undefined) out.lastTerminated = lastTerminated;
  if (instance !== undefined) {
    out.containerID = instance.id;
    out.imageID = instance.imageId;
  }
  if (container.image !== undefined) out.image = container.image;
  return out;
}

async function refresh(docker: Dockerode, pod: Pod, instance: ContainerInstance): Promise<ContainerInstance> {
  const found = await podContainers(docker, pod.metadata?.uid ?? "");
  return found.containers.get(instance.name)?.find((i) => i.id === instance.id) ?? instance;
}

/**
 * Syncs one container. `instances` are its attempts in dockerd, newest first; only those of the current
 * sandbox count as current (a new sandbox restarts everything).
 */
export async function syncContainer(
  deps: ContainerSyncDeps,
  pod: Pod,
  container: Container,
  init: boolean,
  instances: readonly ContainerInstance[],
  sandbox: PodSandboxFacts,
  unhealthy: ReadonlySet<string>,
  events: PodEvent[],
): Promise<ContainerSyncResult> {
  const { docker } = deps;
  const path = fieldPath(init, container.name);
  const policy = restartPolicyOf(pod, container, init);
  let latest = instances[0];
  const previous = instances[1];

  if (latest?.state.running) {
    const changed = latest.hash !== containerHash(container);
    const unhealthyNow = unhealthy.has(container.name);
    const staleSandbox = latest.sandboxId !== sandbox.sandboxId;
    if (!changed && !unhealthyNow && !staleSandbox) {
      await gc(docker, instances.slice(2));
      return {
        observed: observe(
          container,
          latest,
          { kind: "running", startedAt: latest.state.startedAt ?? latest.created },
          latest.restartCount,
          previous === undefined ? undefined : terminatedOf(previous),
        ),
      };
    }
    const message = changed
      ? `Container ${container.name} definition changed, will be restarted`
      : unhealthyNow
        ? `Container ${container.name} failed liveness probe, will be restarted`
        : `Stopping container ${container.name}`;
    events.push({ type: "Normal", reason: "Killing", message, fieldPath: path });
    await stopContainer(docker, latest.id, graceSeconds(pod));
    latest = await refresh(docker, pod, latest);
  }

  let restartCount = 0;
  let lastTerminated: ObservedTerminated | undefined;
  if (latest !== undefined) {
    const ended = terminatedOf(latest);
    const restart = policy === "Always" || (policy === "OnFailure" && ended.exitCode !== 0);
    if (!restart) {
      await gc(docker, instances.slice(2));
      return {
        observed: observe(
          container,
          latest,
          { kind: "terminated", ...ended },
          latest.restartCount,
          previous === undefined ? undefined : terminatedOf(previous),
        ),
      };
    }
    // kubelet's doBackOff: the first restart is immediate; each further one waits twice as long.
    const key = backoffKey(pod, container.name);
    const finished = ended.finishedAt.getTime();
    if (deps.crashBackoff.isInBackOffSince(key, finished)) {
      const delay = deps.crashBackoff.get(key);
      events.push({
        type: "Warning",
        reason: "BackOff",
        message: `Back-off restarting failed container ${container.name} in pod ${formatPod(pod)}`,
        fieldPath: path,
      });
      await gc(docker, instances.slice(2));
      return {
        observed: observe(
          container,
          latest,
          {
            kind: "waiting",
            reason: WaitingReason.CrashLoopBackOff,
            message: crashLoopMessage(delay, container.name, pod),
          },
          latest.restartCount,
          ended,
        ),
        requeueAfterMs: Math.max(1, deps.crashBackoff.remaining(key, finished)),
      };
    }
    deps.crashBackoff.next(key, finished);
    restartCount = latest.restartCount + 1;
    lastTerminated = ended;
  }

  const waiting = (reason: string, message?: string, requeueAfterMs?: number): ContainerSyncResult => {
    const state: ObservedState = message ? { kind: "waiting", reason, message } : { kind: "waiting", reason };
    const result: ContainerSyncResult = {
      observed: observe(container, undefined, state, latest?.restartCount ?? 0, lastTerminated),
    };
    if (requeueAfterMs !== undefined) result.requeueAfterMs = requeueAfterMs;
    return result;
  };

  const pulled = await deps.puller.ensure(pod, container, init, events);
  if (!pulled.ok) return waiting(pulled.reason, pulled.message, pulled.retryAfterMs);

  const containerCtx: ContainerContext = {
    ...sandbox.ctx,
    sandboxId: sandbox.sandboxId,
    restartCount,
  };
  if (sandbox.podIP !== "") {
    containerCtx.podIP = sandbox.podIP;
    containerCtx.podIPs = [sandbox.podIP];
  }
  let options: ReturnType<typeof appContainerOptions>;
  try {
    options = appContainerOptions(pod, container, containerCtx);
  } catch (err) {
    if (!(err instanceof PodConfigError)) throw err;
    if (err.reason === "FailedMount") {
      events.push({ type: "Warning", reason: "FailedMount", message: err.message });
      return waiting(WaitingReason.ContainerCreating, undefined, deps.crashBackoff.initialMs);
    }
    events.push({ type: "Warning", reason: "Failed", message: `Error: ${err.message}`, fieldPath: path });
    return waiting(WaitingReason.CreateContainerConfigError, err.message, deps.crashBackoff.initialMs);
  }

  let created: Dockerode.Container;
  try {
    created = await docker.createContainer(options);
  } catch (err) {
    const message = dockerMessage(err);
    events.push({ type: "Warning", reason: "Failed", message: `Error: ${message}`, fieldPath: path });
    return waiting(WaitingReason.CreateContainerError, message, deps.crashBackoff.initialMs);
  }
  events.push({
    type: "Normal",
    reason: "Created",
    message: `Created container ${container.name}`,
    fieldPath: path,
  });
  // The attempt before `latest` is no longer needed: `latest` becomes the one `logs --previous` reads.
  await gc(docker, instances.slice(1));

  try {
    await created.start();
  } catch (err) {
    const message = dockerMessage(err);
    events.push({
      type: "Warning",
      reason: "Failed",
      message: `Error: failed to start container "${container.name}": ${message}`,
      fieldPath: path,
    });
    const info = await created.inspect();
    const ended: ObservedTerminated = {
      exitCode: 128,
      reason: "StartError",
      message: info.State.Error || message,
      finishedAt: deps.now(),
      containerID: created.id,
    };
    const observed = observe(
      container,
      undefined,
      { kind: "terminated", ...ended },
      restartCount,
      lastTerminated,
    );
    observed.containerID = created.id;
    observed.imageID = info.Image;
    // Look again soon: the restart decision (and its back-off) happens on the next sync.
    return { observed, requeueAfterMs: 100 };
  }
  events.push({
    type: "Normal",
    reason: "Started",
    message: `Started container ${container.name}`,
    fieldPath: path,
  });
  const info = await created.inspect();
  const startedAt = info.State.StartedAt ? new Date(info.State.StartedAt) : deps.now();
  const observed = observe(
    container,
    undefined,
    { kind: "running", startedAt },
    restartCount,
    lastTerminated,
  );
  observed.containerID = created.id;
  observed.imageID = info.Image;
  return { observed };
}

/** Removes attempts nobody needs any more (older than the one kept for `logs --previous`). */
async function gc(docker: Dockerode, stale: readonly ContainerInstance[]): Promise<void> {
  for (const instance of stale) if (!instance.state.running) await removeContainer(docker, instance.id);
}
