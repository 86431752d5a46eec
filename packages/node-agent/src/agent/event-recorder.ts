// Pod Events as kubelet records them (source kubelet/<node>), with client-side aggregation: the same event for
// the same object within 10 minutes bumps count and lastTimestamp of the existing Event instead of adding one.
// Writing is asynchronous and best-effort: a pod's sync never waits for its events.
import type { ObjectClient } from "@tskube/api/client";
import type { Event, ObjectReference, Pod } from "kubernetes-types/core/v1.js";
import { k8sTime } from "../pod/index.js";
import type { PodEvent } from "../runtime/runtime-types.js";
import type { AgentLogger } from "./logger.js";

const AGGREGATE_MS = 10 * 60_000;
const MAX_REMEMBERED = 4096;

interface Recorded {
  name: string;
  namespace: string;
  count: number;
  at: number;
}

export class EventRecorder {
  private readonly recent = new Map<string, Recorded>();
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: ObjectClient,
    private readonly nodeName: string,
    private readonly log: AgentLogger,
  ) {}

  pod(pod: Pod, event: PodEvent): void {
    const meta = pod.metadata ?? {};
    const ref: ObjectReference = {
      apiVersion: "v1",
      kind: "Pod",
      namespace: meta.namespace ?? "default",
      name: meta.name ?? "",
      uid: meta.uid ?? "",
      ...(meta.resourceVersion === undefined ? {} : { resourceVersion: meta.resourceVersion }),
      ...(event.fieldPath === undefined ? {} : { fieldPath: event.fieldPath }),
    };
    this.record(ref, event);
  }

  node(nodeUid: string, event: PodEvent): void {
    this.record({ kind: "Node", name: this.nodeName, uid: nodeUid, namespace: "" }, event);
  }

  /** Resolves once every event recorded so far was written (tests, shutdown). */
  flush(): Promise<void> {
    return this.chain;
  }

  private record(ref: ObjectReference, event: PodEvent): void {
    const key = [
      ref.kind,
      ref.namespace,
      ref.name,
      ref.uid,
      ref.fieldPath,
      event.type,
      event.reason,
      event.message,
    ].join("\u0000");
    const now = new Date();
    this.chain = this.chain.then(() =>
      this.write(key, ref, event, now).catch((err: unknown) =>
        this.log.debug({ err: (err as Error).message, reason: event.reason }, "event not recorded"),
      ),
    );
  }

  private async write(key: string, ref: ObjectReference, e: PodEvent, now: Date): Promise<void> {
    const previous = this.recent.get(key);
    if (previous !== undefined && now.getTime() - previous.at < AGGREGATE_MS) {
      previous.count++;
      previous.at = now.getTime();
      try {
        await this.client.patch("events", {
          namespace: previous.namespace,
          name: previous.name,
          type: "merge",
          patch: { count: previous.count, lastTimestamp: k8sTime(now) },
        });
        return;
      } catch {
        // Gone (events expire): write a new one.
      }
    }
    const namespace = ref.namespace === "" || ref.namespace === undefined ? "default" : ref.namespace;
    const name = `${ref.name ?? "event"}.${(now.getTime() * 1_000_000 + Math.floor(Math.random() * 1_000_000)).toString(16)}`;
    const body: Event = {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name, namespace },
      involvedObject: ref,
      reason: e.reason,
      message: e.message,
      type: e.type,
      source: { component: "kubelet", host: this.nodeName },
      firstTimestamp: k8sTime(now),
      lastTimestamp: k8sTime(now),
      count: 1,
      reportingComponent: "kubelet",
      reportingInstance: this.nodeName,
    };
    await this.client.create("events", body);
    if (this.recent.size >= MAX_REMEMBERED) {
      const oldest = this.recent.keys().next().value;
      if (oldest !== undefined) this.recent.delete(oldest);
    }
    this.recent.set(key, { name, namespace, count: 1, at: now.getTime() });
  }
}
