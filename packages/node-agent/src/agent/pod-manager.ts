// kubelet's pod lifecycle on top of the runtime: every pod bound to this node is synced by its worker toward its
// spec; its status is written when it changes; a pod being deleted is stopped within its grace period, its
// containers removed and the API object finally deleted; containers of pods the API no longer has (deleted
// while the agent was down) are removed. Triggers: the pod watch, container events, probe results, back-off
// timers and a periodic resync.
import { ApiError, type ObjectClient } from "@tskube/api/client";
import type { Pod } from "kubernetes-types/core/v1.js";
import { formatPod, type ObservedPod, podStatus } from "../pod/index.js";
import type { PodRuntime } from "../runtime/runtime-types.js";
import type { EventRecorder } from "./event-recorder.js";
import type { AgentLogger } from "./logger.js";
import { type NodeContext, type PodSources, resolvePodContext } from "./pod-context.js";
import { type PodProbes, previousResults, probedContainers } from "./pod-probes.js";
import { type PodReferences, podReferences } from "./pod-references.js";
import { PodWorkers } from "./pod-workers.js";
import { sameStatus, statusPatch } from "./status-patch.js";

const DEFAULT_GRACE_SECONDS = 30;
/** After a failed pull, the next sync comes soon, as kubelet's pod worker re-syncs a pod whose sync failed. */
const AFTER_PULL_ERROR_MS = 1000;

/**
 * When to sync again: the runtime's own time (a back-off expiring), or soon after a failed pull, so the
 * pod shows ImagePullBackOff while the back-off runs, as kubectl users know it.
 */
function requeueAfter(observed: ObservedPod, runtimeMs: number | undefined): number | undefined {
  const pullFailed = [...(observed.initContainers ?? []), ...observed.containers].some(
    (c) => c.state.kind === "waiting" && c.state.reason === "ErrImagePull",
  );
  if (!pullFailed) return runtimeMs;
  return Math.min(runtimeMs ?? AFTER_PULL_ERROR_MS, AFTER_PULL_ERROR_MS);
}

export interface PodManagerDeps {
  client: ObjectClient;
  runtime: PodRuntime;
  probes: PodProbes;
  events: EventRecorder;
  sources: PodSources;
  node: () => NodeContext | undefined;
  log: AgentLogger;
  resyncMs: number;
}

export class PodManager {
  /** The latest version of every pod bound here, by uid. */
  private readonly pods = new Map<string, Pod>();
  /** The resourceVersion of the agent's own last status write per pod: its echo from the watch needs no sync. */
  private readonly written = new Map<string, string>();
  /** What each pod refers to, to find the pods a changed ConfigMap or Secret concerns. */
  private readonly refs = new Map<string, PodReferences>();
  /** Terminal pods (Succeeded/Failed) whose sandbox was already stopped. */
  private readonly finished = new Set<string>();
  /** Pods the API deleted that still have containers here. */
  private readonly gone = new Map<string, Pod>();
  private readonly workers: PodWorkers;
  private resync: NodeJS.Timeout | undefined;

  constructor(private readonly d: PodManagerDeps) {
    this.workers = new PodWorkers(
      (uid) => this.sync(uid),
      (uid, err) => d.log.warn({ pod: uid, err: (err as Error).message }, "pod sync failed"),
    );
  }

  start(): void {
    this.resync = setInterval(() => {
      for (const uid of this.pods.keys()) this.workers.enqueue(uid);
    }, this.d.resyncMs);
    this.resync.unref();
  }

  stop(): void {
    if (this.resync !== undefined) clearInterval(this.resync);
    this.workers.stop();
  }

  upsert(pod: Pod): void {
    const uid = pod.metadata?.uid ?? "";
    this.pods.set(uid, pod);
    this.refs.set(uid, podReferences(pod));
    const rv = pod.metadata?.resourceVersion;
    if (rv !== undefined && this.written.get(uid) === rv) return;
    this.workers.enqueue(uid);
  }

  /** A ConfigMap or Secret changed: the pods using it sync (env of new containers, volume files). */
  referenced(kind: "configMaps" | "secrets", namespace: string, name: string): void {
    for (const [uid, refs] of this.refs) {
      if (refs[kind].has(name) && this.pods.get(uid)?.metadata?.namespace === namespace)
        this.workers.enqueue(uid);
    }
  }

  deleted(pod: Pod): void {
    const uid = pod.metadata?.uid ?? "";
    this.pods.delete(uid);
    this.refs.delete(uid);
    this.written.delete(uid);
    this.gone.set(uid, pod);
    this.workers.enqueue(uid);
  }

  /** A container of the pod changed (docker event) or a probe result flipped. */
  poke(uid: string): void {
    this.workers.enqueue(uid);
  }

  pod(namespace: string, name: string): Pod | undefined {
    for (const p of this.pods.values()) {
      if (p.metadata?.namespace === namespace && p.metadata?.name === name) return p;
    }
    return undefined;
  }

  /** After the first full pod list: containers of pods unknown to the API are orphans. */
  async removeOrphans(): Promise<void> {
    for (const rp of await this.d.runtime.listPods()) {
      if (!this.pods.has(rp.uid)) {
        this.d.log.info(
          { pod: `${rp.namespace}/${rp.name}`, uid: rp.uid },
          "removing containers of a deleted pod",
        );
        this.workers.enqueue(rp.uid);
      }
    }
  }

  private async sync(uid: string): Promise<number | undefined> {
    let pod = this.pods.get(uid);
    if (pod === undefined) return this.syncGone(uid);
    if (pod.metadata?.deletionTimestamp) return this.syncTerminating(pod);
    const phase = pod.status?.phase;
    if (phase === "Succeeded" || phase === "Failed") return this.syncFinished(pod);
    const node = this.d.node();
    if (node === undefined) return 1000;
    if (pod.status?.containerStatuses === undefined) {
      // First sight: report ContainerCreating / PodInitializing at once, as kubelet's status manager does
      // before the runtime work (image pulls can take long).
      await this.writeStatus(pod, { containers: [], sandboxReady: false, hostIPs: [node.nodeIP] });
      pod = this.pods.get(uid) ?? pod;
    }
    const ctx = await resolvePodContext(this.d.client, this.d.sources, pod, node);
    const result = await this.d.runtime.syncPod({ pod, ctx, unhealthy: this.d.probes.unhealthy(uid) });
    for (const e of result.events) this.d.events.pod(pod, e);
    this.d.probes.update(
      pod,
      probedContainers(result.observed),
      result.observed.podIPs?.[0],
      previousResults(pod),
    );
    await this.writeStatus(pod, this.withProbes(uid, result.observed));
    return requeueAfter(result.observed, result.requeueAfterMs);
  }

  private withProbes(uid: string, observed: ObservedPod): ObservedPod {
    return {
      ...observed,
      containers: observed.containers.map((c) => {
        const running = c.state.kind === "running";
        const started = this.d.probes.started(uid, c.name) ?? running;
        const ready = this.d.probes.ready(uid, c.name) ?? (running && started);
        return { ...c, ready: running && ready, started: running && started };
      }),
    };
  }

  private async writeStatus(pod: Pod, observed: ObservedPod): Promise<void> {
    const status = podStatus(pod, observed, new Date());
    if (sameStatus(pod.status, status)) return;
    try {
      const updated = await this.d.client.patch("pods", {
        namespace: pod.metadata?.namespace ?? "default",
        name: pod.metadata?.name ?? "",
        subresource: "status",
        type: "merge",
        patch: statusPatch(pod.status, status),
      });
      // Keep the newer object unless the watch already delivered one.
      const uid = pod.metadata?.uid ?? "";
      if (updated.metadata?.resourceVersion !== undefined)
        this.written.set(uid, updated.metadata.resourceVersion);
      if (this.pods.get(uid) === pod && updated.metadata?.uid === uid) this.pods.set(uid, updated);
    } catch (err) {
      if (err instanceof ApiError && err.code === 404) return;
      throw err;
    }
  }

  /**
   * A pod that finished for good is never restarted: what still runs (its sandbox, a sidecar) is stopped and
   * its IP released, while its exited containers stay for `kubectl logs` until the pod is deleted.
   */
  private async syncFinished(pod: Pod): Promise<undefined> {
    const uid = pod.metadata?.uid ?? "";
    if (this.finished.has(uid)) return undefined;
    const grace = pod.spec?.terminationGracePeriodSeconds ?? DEFAULT_GRACE_SECONDS;
    for (const e of await this.d.runtime.killPod(pod, grace)) this.d.events.pod(pod, e);
    this.d.probes.remove(uid);
    this.finished.add(uid);
    return undefined;
  }

  private async syncTerminating(pod: Pod): Promise<undefined> {
    const uid = pod.metadata?.uid ?? "";
    const grace =
      pod.metadata?.deletionGracePeriodSeconds ??
      pod.spec?.terminationGracePeriodSeconds ??
      DEFAULT_GRACE_SECONDS;
    const events = await this.d.runtime.killPod(pod, grace);
    for (const e of events) this.d.events.pod(pod, e);
    await this.d.runtime.removePod(uid);
    this.d.probes.remove(uid);
    try {
      await this.d.client.delete("pods", {
        namespace: pod.metadata?.namespace ?? "default",
        name: pod.metadata?.name ?? "",
        gracePeriodSeconds: 0,
        preconditions: { uid },
      });
    } catch (err) {
      if (!(err instanceof ApiError && (err.code === 404 || err.code === 409))) throw err;
    }
    this.d.log.info({ pod: formatPod(pod) }, "pod terminated and removed");
    return undefined;
  }

  private async syncGone(uid: string): Promise<undefined> {
    const last = this.gone.get(uid);
    if (last !== undefined) {
      const grace = last.metadata?.deletionGracePeriodSeconds ?? 0;
      for (const e of await this.d.runtime.killPod(last, grace)) this.d.events.pod(last, e);
    }
    await this.d.runtime.removePod(uid);
    this.d.probes.remove(uid);
    this.gone.delete(uid);
    this.finished.delete(uid);
    this.workers.forget(uid);
    return undefined;
  }
}
