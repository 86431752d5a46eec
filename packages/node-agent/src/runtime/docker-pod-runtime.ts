// PodRuntime on Docker: kubelet's kuberuntime manager (computePodActions + SyncPod) re-implemented
// level-triggered over what dockerd holds, so a fresh instance adopts running pods unchanged.
import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import type { Pod } from "kubernetes-types/core/v1.js";
import {
  Backoff,
  findContainer,
  LABELS,
  type ObservedContainer,
  type ObservedPod,
  PodConfigError,
  parseContainerLabels,
  SANDBOX_CONTAINER_NAME,
  WaitingReason,
} from "../pod/index.js";
import { removeContainer, stopContainer } from "./container-lifecycle.js";
import { backoffKey, type ContainerSyncDeps, restartPolicyOf, syncContainer } from "./container-sync.js";
import { RuntimeError } from "./errors.js";
import { execSession, execWithTimeout } from "./exec.js";
import { ImagePuller } from "./image-puller.js";
import { containerLogs } from "./logs.js";
import { type ContainerInstance, type PodContainers, podContainers } from "./pod-containers.js";
import { setUpVolumes } from "./pod-volumes.js";
import type { DockerPodRuntimeOptions } from "./runtime-options.js";
import type {
  ExecOptions,
  ExecSession,
  LogOptions,
  PodEvent,
  PodRuntime,
  PodStats,
  RuntimePod,
  SyncInput,
  SyncResult,
} from "./runtime-types.js";
import { createSandbox, readNetworkRecord, stopSandbox, teardownSandboxNetwork } from "./sandbox.js";
import { collectStats } from "./stats.js";

const graceOf = (pod: Pod): number => pod.spec?.terminationGracePeriodSeconds ?? 30;
const uidOf = (pod: Pod): string => pod.metadata?.uid ?? "";

function earliest(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

interface SandboxReady {
  ok: true;
  sandboxId: string;
  podIP: string;
  /** Containers were killed for a new sandbox: re-read them. */
  changed: boolean;
}

export class DockerPodRuntime implements PodRuntime {
  private readonly options: DockerPodRuntimeOptions;
  private readonly crashBackoff: Backoff;
  private readonly puller: ImagePuller;
  private readonly now: () => Date;

  constructor(options: DockerPodRuntimeOptions) {
    this.options = options;
    this.now = options.now ?? (() => new Date());
    const clock = () => this.now().getTime();
    this.crashBackoff = new Backoff({ ...options.crashBackoff, now: clock });
    this.puller = new ImagePuller(
      options.docker,
      new Backoff({ ...options.imageBackoff, now: clock }),
      clock,
    );
  }

  private get deps(): ContainerSyncDeps {
    return {
      docker: this.options.docker,
      puller: this.puller,
      crashBackoff: this.crashBackoff,
      logger: this.options.logger,
      now: this.now,
    };
  }

  async syncPod(input: SyncInput): Promise<SyncResult> {
    const { pod, ctx, unhealthy } = input;
    const events: PodEvent[] = [];
    const hostIPs = ctx.hostIPs ?? (ctx.hostIP ? [ctx.hostIP] : undefined);
    let found = await podContainers(this.options.docker, uidOf(pod));

    const sandbox = await this.ensureSandbox(pod, found, events);
    if (!sandbox.ok) {
      const observed: ObservedPod = {
        ...this.waitingAll(pod, found, WaitingReason.ContainerCreating),
        sandboxReady: false,
      };
      if (hostIPs) observed.hostIPs = hostIPs;
      return { observed, events, requeueAfterMs: this.crashBackoff.initialMs };
    }
    if (sandbox.changed) found = await podContainers(this.options.docker, uidOf(pod));
    const podIPs = sandbox.podIP !== "" ? [sandbox.podIP] : (hostIPs ?? []);
    const base: Pick<ObservedPod, "sandboxReady" | "podIPs" | "hostIPs"> = { sandboxReady: true, podIPs };
    if (hostIPs) base.hostIPs = hostIPs;

    try {
      await setUpVolumes(pod, ctx);
    } catch (err) {
      if (!(err instanceof PodConfigError)) throw err;
      events.push({ type: "Warning", reason: "FailedMount", message: err.message });
      return {
        observed: { ...this.waitingAll(pod, found, WaitingReason.ContainerCreating), ...base },
        events,
        requeueAfterMs: this.crashBackoff.initialMs,
      };
    }

    await this.killUnknown(pod, found, events);
    const facts = { sandboxId: sandbox.sandboxId, podIP: sandbox.podIP, ctx };
    const deps = this.deps;
    let requeue: number | undefined;
    const initStatuses: ObservedContainer[] = [];
    let initDone = true;
    for (const container of pod.spec?.initContainers ?? []) {
      // A new sandbox runs the init containers again: only attempts in this sandbox count (the older
      // ones were removed with their sandbox, so attempt names do not collide).
      const current = (found.containers.get(container.name) ?? []).filter(
        (i) => i.sandboxId === sandbox.sandboxId,
      );
      const latest = current[0];
      const sidecar = container.restartPolicy === "Always";
      if (latest !== undefined && !latest.state.running && !sidecar) {
        const exit =
          latest.state.startedAt === undefined && latest.state.error !== "" ? 128 : latest.state.exitCode;
        if (exit === 0) {
          const r = await syncContainer(deps, pod, container, true, current, facts, unhealthy, events);
          initStatuses.push(r.observed);
          continue;
        }
        if (restartPolicyOf(pod, container, true) === "Never") {
          // A failed init container fails a pod that never restarts: nothing else is started.
          const r = await syncContainer(deps, pod, container, true, current, facts, unhealthy, events);
          initStatuses.push(r.observed);
          initDone = false;
          break;
        }
      }
      const r = await syncContainer(deps, pod, container, true, current, facts, unhealthy, events);
      initStatuses.push(r.observed);
      requeue = earliest(requeue, r.requeueAfterMs);
      if (sidecar && r.observed.state.kind === "running") continue;
      initDone = false;
      break;
    }

    const containers: ObservedContainer[] = [];
    if (initDone) {
      for (const container of pod.spec?.containers ?? []) {
        const instances = found.containers.get(container.name) ?? [];
        const r = await syncContainer(deps, pod, container, false, instances, facts, unhealthy, events);
        containers.push(r.observed);
        requeue = earliest(requeue, r.requeueAfterMs);
      }
    } else {
      containers.push(...this.observeOnly(pod, found, false));
    }
    const observed: ObservedPod = { containers, ...base };
    if ((pod.spec?.initContainers?.length ?? 0) > 0) observed.initContainers = initStatuses;
    const result: SyncResult = { observed, events };
    if (requeue !== undefined) result.requeueAfterMs = requeue;
    return result;
  }

  /** The sandbox of the pod, made anew when there is none or it died (everything else is killed then). */
  private async ensureSandbox(
    pod: Pod,
    found: PodContainers,
    events: PodEvent[],
  ): Promise<SandboxReady | { ok: false }> {
    const { options } = this;
    const uid = uidOf(pod);
    const latest = found.sandboxes[0];
    const record = await readNetworkRecord(options.podsRoot, uid);
    const hostNetwork = pod.spec?.hostNetwork === true;
    if (latest?.state.running && (hostNetwork || record?.sandboxId === latest.id)) {
      for (const old of found.sandboxes.slice(1)) {
        await stopSandbox(options, old, 0).catch(() => undefined);
        await removeContainer(options.docker, old.id);
      }
      return { ok: true, sandboxId: latest.id, podIP: hostNetwork ? "" : (record?.ip ?? ""), changed: false };
    }
    if (latest !== undefined) {
      events.push({
        type: "Normal",
        reason: "SandboxChanged",
        message: "Pod sandbox changed, it will be killed and re-created.",
      });
      await this.stopAppContainers(pod, found, graceOf(pod), undefined);
      for (const old of found.sandboxes) {
        await stopSandbox(options, old, graceOf(pod)).catch((err: unknown) =>
          options.logger.warn({ err, sandbox: old.id }, "tearing down the old sandbox failed"),
        );
        await removeContainer(options.docker, old.id);
      }
      for (const instances of found.containers.values())
        for (const i of instances) if (i.init) await removeContainer(options.docker, i.id);
    }
    try {
      const made = await createSandbox(options, pod, (latest?.attempt ?? -1) + 1);
      return { ok: true, sandboxId: made.id, podIP: made.ip, changed: latest !== undefined };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      events.push({
        type: "Warning",
        reason: "FailedCreatePodSandBox",
        message: `Failed to create pod sandbox: ${message}`,
      });
      options.logger.warn({ err, pod: pod.metadata?.name }, "creating the pod sandbox failed");
      return { ok: false };
    }
  }

  /** kubelet kills containers that are no longer in the spec. */
  private async killUnknown(pod: Pod, found: PodContainers, events: PodEvent[]): Promise<void> {
    for (const [name, instances] of found.containers) {
      if (findContainer(pod, name) !== undefined) continue;
      for (const i of instances) {
        if (i.state.running) {
          events.push({ type: "Normal", reason: "Killing", message: `Stopping container ${name}` });
          await stopContainer(this.options.docker, i.id, graceOf(pod));
        }
        await removeContainer(this.options.docker, i.id);
      }
    }
  }

  /** Statuses of what exists, for when nothing may be started (sandbox or volumes not ready). */
  private observeOnly(pod: Pod, found: PodContainers, init: boolean): ObservedContainer[] {
    const specs = (init ? pod.spec?.initContainers : pod.spec?.containers) ?? [];
    const out: ObservedContainer[] = [];
    for (const spec of specs) {
      const latest = found.containers.get(spec.name)?.[0];
      if (latest === undefined) continue;
      const state = latest.state.running
        ? ({ kind: "running", startedAt: latest.state.startedAt ?? latest.created } as const)
        : ({ kind: "waiting", reason: WaitingReason.ContainerCreating } as const);
      const o: ObservedContainer = {
        name: spec.name,
        state,
        restartCount: latest.restartCount,
        containerID: latest.id,
      };
      if (spec.image) o.image = spec.image;
      out.push(o);
    }
    return out;
  }

  private waitingAll(pod: Pod, found: PodContainers, _reason: string): ObservedPod {
    const observed: ObservedPod = { containers: this.observeOnly(pod, found, false) };
    if ((pod.spec?.initContainers?.length ?? 0) > 0)
      observed.initContainers = this.observeOnly(pod, found, true);
    return observed;
  }

  private async stopAppContainers(
    pod: Pod,
    found: PodContainers,
    graceSeconds: number,
    events: PodEvent[] | undefined,
  ): Promise<void> {
    const running: ContainerInstance[] = [];
    for (const instances of found.containers.values())
      for (const i of instances) if (i.state.running) running.push(i);
    await Promise.all(
      running.map(async (i) => {
        const spec = findContainer(pod, i.name);
        events?.push({
          type: "Normal",
          reason: "Killing",
          message: `Stopping container ${i.name}`,
          fieldPath: spec?.init ? `spec.initContainers{${i.name}}` : `spec.containers{${i.name}}`,
        });
        await stopContainer(this.options.docker, i.id, graceSeconds);
      }),
    );
  }

  async killPod(pod: Pod, gracePeriodSeconds: number): Promise<PodEvent[]> {
    const events: PodEvent[] = [];
    const found = await podContainers(this.options.docker, uidOf(pod));
    await this.stopAppContainers(pod, found, gracePeriodSeconds, events);
    for (const sandbox of found.sandboxes) await stopSandbox(this.options, sandbox, gracePeriodSeconds);
    return events;
  }

  async removePod(uid: string): Promise<void> {
    const { options } = this;
    const found = await podContainers(options.docker, uid);
    const record = await readNetworkRecord(options.podsRoot, uid);
    const released = new Set<string>();
    for (const sandbox of found.sandboxes) {
      await teardownSandboxNetwork(
        options,
        sandbox.id,
        sandbox.state.running ? sandbox.state.pid : undefined,
      );
      released.add(sandbox.id);
    }
    // The pause container may be gone already (an orphan): its address is still released.
    if (record !== undefined && !released.has(record.sandboxId))
      await teardownSandboxNetwork(options, record.sandboxId, undefined);
    for (const instances of found.containers.values())
      for (const i of instances) await removeContainer(options.docker, i.id);
    for (const sandbox of found.sandboxes) await removeContainer(options.docker, sandbox.id);
    await rm(join(options.podsRoot, uid), { recursive: true, force: true });
    for (const name of found.containers.keys()) this.crashBackoff.reset(`${uid}/${name}`);
    this.puller.forgetPod(uid);
  }

  async listPods(): Promise<RuntimePod[]> {
    const list = await this.options.docker.listContainers({
      all: true,
      filters: { label: [`${LABELS.managed}=true`] },
    });
    const pods = new Map<string, RuntimePod>();
    for (const c of list) {
      const labels = parseContainerLabels(c.Labels);
      if (labels === undefined) continue;
      const pod = pods.get(labels.pod.uid) ?? { ...labels.pod, containers: [] };
      pod.containers.push({
        id: c.Id,
        name: labels.kind === "sandbox" ? SANDBOX_CONTAINER_NAME : labels.containerName,
        running: c.State === "running",
      });
      pods.set(labels.pod.uid, pod);
    }
    return [...pods.values()];
  }

  private async instanceFor(pod: Pod, container: string, previous: boolean): Promise<ContainerInstance> {
    const name = pod.metadata?.name ?? "";
    if (findContainer(pod, container) === undefined)
      throw new RuntimeError("NotFound", `container ${container} is not valid for pod ${name}`);
    const found = await podContainers(this.options.docker, uidOf(pod));
    const instances = found.containers.get(container) ?? [];
    const instance = previous ? instances[1] : instances[0];
    if (instance === undefined) {
      if (previous)
        throw new RuntimeError(
          "BadRequest",
          `previous terminated container "${container}" in pod "${name}" not found`,
        );
      throw new RuntimeError(
        "BadRequest",
        `container "${container}" in pod "${name}" is waiting to start: ContainerCreating`,
      );
    }
    return instance;
  }

  async logs(pod: Pod, container: string, opts: LogOptions): Promise<Readable> {
    const instance = await this.instanceFor(pod, container, opts.previous === true);
    return containerLogs(this.options.docker, instance.id, opts, this.now);
  }

  async exec(pod: Pod, container: string, opts: ExecOptions): Promise<ExecSession> {
    const instance = await this.instanceFor(pod, container, false);
    if (!instance.state.running)
      throw new RuntimeError(
        "BadRequest",
        `container ${container} is not running (state: ${instance.state.status})`,
      );
    return execSession(this.options.docker, instance.id, opts);
  }

  execSync(
    containerId: string,
    command: string[],
    timeoutMs: number,
  ): Promise<{ exitCode: number; output: string }> {
    return execWithTimeout(this.options.docker, containerId, command, timeoutMs);
  }

  stats(): Promise<PodStats[]> {
    return collectStats(this.options.docker);
  }

  /** The crash back-off key of a container, for tests and the agent's diagnostics. */
  static backoffKey(pod: Pod, container: string): string {
    return backoffKey(pod, container);
  }
}
