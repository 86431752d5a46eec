// Docker names and labels of a pod's containers. Names follow kubelet's dockershim scheme
// (`k8s_<container>_<pod>_<namespace>_<uid>_<attempt>`, `POD` for the sandbox) so they are unique per
// attempt; labels carry the same facts so a restarted agent can adopt what it finds without its memory.
import { createHash } from "node:crypto";
import type { Container, Pod } from "kubernetes-types/core/v1.js";

export const LABELS = {
  podName: "io.kubernetes.pod.name",
  podNamespace: "io.kubernetes.pod.namespace",
  podUid: "io.kubernetes.pod.uid",
  containerName: "io.kubernetes.container.name",
  restartCount: "io.kubernetes.container.restartCount",
  containerHash: "io.kubernetes.container.hash",
  /** "podsandbox" for the pause container, "container" for init and app containers. */
  type: "io.kubernetes.docker.type",
  sandboxId: "io.kubernetes.sandbox.id",
  /** "true" for init containers: they are judged by exit code, not kept running. */
  init: "io.tskube.container.init",
  gracePeriod: "io.kubernetes.pod.terminationGracePeriod",
  /** Marks every container this agent made, so a listing can filter on it. */
  managed: "io.tskube.managed",
} as const;

export const SANDBOX_CONTAINER_NAME = "POD";

export interface PodIdentity {
  name: string;
  namespace: string;
  uid: string;
}

export function podIdentity(pod: Pod): PodIdentity {
  return {
    name: pod.metadata?.name ?? "",
    namespace: pod.metadata?.namespace ?? "default",
    uid: pod.metadata?.uid ?? "",
  };
}

/** kubelet's format.Pod: `name_namespace(uid)`, used in messages. */
export function formatPod(pod: Pod): string {
  const id = podIdentity(pod);
  return `${id.name}_${id.namespace}(${id.uid})`;
}

export function containerName(pod: Pod, container: string, attempt: number): string {
  const id = podIdentity(pod);
  return `k8s_${container}_${id.name}_${id.namespace}_${id.uid}_${attempt}`;
}

export function pauseContainerName(pod: Pod, attempt = 0): string {
  return containerName(pod, SANDBOX_CONTAINER_NAME, attempt);
}

/**
 * A stable hash of a container's spec: an adopted container whose hash differs from the current spec
 * was made from an older spec (kubelet restarts those).
 */
export function containerHash(container: Container): string {
  return createHash("sha256").update(stableJson(container)).digest("hex").slice(0, 16);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function podLabels(pod: Pod): Record<string, string> {
  const id = podIdentity(pod);
  return {
    [LABELS.managed]: "true",
    [LABELS.podName]: id.name,
    [LABELS.podNamespace]: id.namespace,
    [LABELS.podUid]: id.uid,
    [LABELS.gracePeriod]: String(pod.spec?.terminationGracePeriodSeconds ?? 30),
  };
}

export function pauseLabels(pod: Pod): Record<string, string> {
  return { ...podLabels(pod), [LABELS.type]: "podsandbox", [LABELS.containerName]: SANDBOX_CONTAINER_NAME };
}

export interface AppLabelInput {
  container: Container;
  restartCount: number;
  init: boolean;
  sandboxId: string;
}

export function appLabels(pod: Pod, input: AppLabelInput): Record<string, string> {
  return {
    ...podLabels(pod),
    [LABELS.type]: "container",
    [LABELS.containerName]: input.container.name,
    [LABELS.restartCount]: String(input.restartCount),
    [LABELS.containerHash]: containerHash(input.container),
    [LABELS.init]: String(input.init),
    [LABELS.sandboxId]: input.sandboxId,
  };
}

/** What the labels of a container found on the host say about it. */
export type ParsedLabels =
  | { kind: "sandbox"; pod: PodIdentity; gracePeriodSeconds: number }
  | {
      kind: "container";
      pod: PodIdentity;
      gracePeriodSeconds: number;
      containerName: string;
      restartCount: number;
      hash: string;
      init: boolean;
      sandboxId: string;
    };

/** The labels of a container this agent made, or undefined for anything else (other tools' containers). */
export function parseContainerLabels(
  labels: Readonly<Record<string, string>> | undefined,
): ParsedLabels | undefined {
  if (labels === undefined || labels[LABELS.managed] !== "true") return undefined;
  const name = labels[LABELS.podName];
  const namespace = labels[LABELS.podNamespace];
  const uid = labels[LABELS.podUid];
  if (!name || !namespace || !uid) return undefined;
  const pod = { name, namespace, uid };
  const grace = Number(labels[LABELS.gracePeriod] ?? "30");
  const gracePeriodSeconds = Number.isInteger(grace) && grace >= 0 ? grace : 30;
  const type = labels[LABELS.type];
  if (type === "podsandbox") return { kind: "sandbox", pod, gracePeriodSeconds };
  if (type !== "container") return undefined;
  const containerName = labels[LABELS.containerName];
  const restartCount = Number(labels[LABELS.restartCount]);
  if (!containerName || !Number.isInteger(restartCount) || restartCount < 0) return undefined;
  return {
    kind: "container",
    pod,
    gracePeriodSeconds,
    containerName,
    restartCount,
    hash: labels[LABELS.containerHash] ?? "",
    init: labels[LABELS.init] === "true",
    sandboxId: labels[LABELS.sandboxId] ?? "",
  };
}
