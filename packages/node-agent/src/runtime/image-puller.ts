// kubelet's image manager: the pull policy decides whether to pull, failures back off per (pod, image)
// and turn into ErrImagePull, then ImagePullBackOff until the back-off expires.
import type Dockerode from "dockerode";
import type { Container, Pod } from "kubernetes-types/core/v1.js";
import { type Backoff, imageNeverPullMessage, imagePullBackOffMessage, WaitingReason } from "../pod/index.js";
import { dockerMessage, isNotFound, RuntimeError } from "./errors.js";
import type { PodEvent } from "./runtime-types.js";

/** `repo` → `repo:latest`; tags and digests are kept. A registry port is not a tag. */
export function normalizeImage(image: string): string {
  if (image.includes("@")) return image;
  const last = image.slice(image.lastIndexOf("/") + 1);
  return last.includes(":") ? image : `${image}:latest`;
}

/** Kubernetes' default: Always for :latest or no tag, IfNotPresent otherwise. */
export function pullPolicy(container: Container): "Always" | "IfNotPresent" | "Never" {
  const policy = container.imagePullPolicy;
  if (policy === "Always" || policy === "IfNotPresent" || policy === "Never") return policy;
  const image = container.image ?? "";
  // With a digest, only a `:latest` tag written next to it defaults to Always (Kubernetes parses that tag).
  if (image.includes("@"))
    return image.slice(0, image.indexOf("@")).endsWith(":latest") ? "Always" : "IfNotPresent";
  return normalizeImage(image).endsWith(":latest") ? "Always" : "IfNotPresent";
}

export async function imagePresent(docker: Dockerode, image: string): Promise<boolean> {
  try {
    await docker.getImage(image).inspect();
    return true;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
}

/** Pulls through dockerd; errors reported inside the progress stream are failures too. */
export async function pullImage(docker: Dockerode, image: string): Promise<void> {
  let stream: NodeJS.ReadableStream;
  try {
    stream = await docker.pull(normalizeImage(image));
  } catch (err) {
    throw new RuntimeError("Unavailable", dockerMessage(err), { cause: err });
  }
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (err: Error | null, output: { error?: string; errorDetail?: { message?: string } }[]) => {
        if (err) return reject(new RuntimeError("Unavailable", err.message, { cause: err }));
        const failed = output.find((o) => o.error !== undefined || o.errorDetail !== undefined);
        if (failed)
          return reject(new RuntimeError("Unavailable", failed.errorDetail?.message ?? failed.error ?? ""));
        resolve();
      },
    );
  });
}

/** For the pause image: IfNotPresent, no back-off (a failure fails the sandbox). */
export async function ensureImagePresent(docker: Dockerode, image: string): Promise<void> {
  if (!(await imagePresent(docker, image))) await pullImage(docker, image);
}

export type PullOutcome =
  | { ok: true }
  | { ok: false; reason: string; message: string; retryAfterMs?: number };

export function fieldPath(init: boolean, name: string): string {
  return init ? `spec.initContainers{${name}}` : `spec.containers{${name}}`;
}

export class ImagePuller {
  /** When each (pod, image) last failed: the back-off runs from there (kubelet's IsInBackOffSinceUpdate). */
  private readonly failedAt = new Map<string, number>();

  constructor(
    private readonly docker: Dockerode,
    private readonly backoff: Backoff,
    private readonly now: () => number,
  ) {}

  /** Makes the container's image available per its pull policy, appending kubelet's events. */
  async ensure(pod: Pod, container: Container, init: boolean, events: PodEvent[]): Promise<PullOutcome> {
    const image = container.image ?? "";
    const path = fieldPath(init, container.name);
    const policy = pullPolicy(container);
    const present = await imagePresent(this.docker, image);
    if (policy === "Never" || (policy === "IfNotPresent" && present)) {
      if (present) {
        events.push({
          type: "Normal",
          reason: "Pulled",
          message: `Container image ${JSON.stringify(image)} already present on machine`,
          fieldPath: path,
        });
        return { ok: true };
      }
      const message = imageNeverPullMessage(image);
      events.push({ type: "Warning", reason: "ErrImageNeverPull", message, fieldPath: path });
      events.push({
        type: "Warning",
        reason: "Failed",
        message: "Error: ErrImageNeverPull",
        fieldPath: path,
      });
      return { ok: false, reason: WaitingReason.ErrImageNeverPull, message };
    }
    const key = `${pod.metadata?.uid ?? ""}_${image}`;
    const last = this.failedAt.get(key);
    if (last !== undefined && this.backoff.isInBackOffSince(key, last)) {
      const message = imagePullBackOffMessage(image);
      events.push({ type: "Normal", reason: "BackOff", message, fieldPath: path });
      events.push({ type: "Warning", reason: "Failed", message: "Error: ImagePullBackOff", fieldPath: path });
      return {
        ok: false,
        reason: WaitingReason.ImagePullBackOff,
        message,
        retryAfterMs: Math.max(1, this.backoff.remaining(key, last)),
      };
    }
    events.push({
      type: "Normal",
      reason: "Pulling",
      message: `Pulling image ${JSON.stringify(image)}`,
      fieldPath: path,
    });
    const started = this.now();
    try {
      await pullImage(this.docker, image);
    } catch (err) {
      const failedAt = this.now();
      this.backoff.next(key, failedAt);
      this.failedAt.set(key, failedAt);
      const reason = err instanceof Error ? err.message : String(err);
      events.push({
        type: "Warning",
        reason: "Failed",
        message: `Failed to pull image ${JSON.stringify(image)}: ${reason}`,
        fieldPath: path,
      });
      events.push({ type: "Warning", reason: "Failed", message: "Error: ErrImagePull", fieldPath: path });
      return {
        ok: false,
        reason: WaitingReason.ErrImagePull,
        message: reason,
        retryAfterMs: Math.max(1, this.backoff.get(key)),
      };
    }
    this.failedAt.delete(key);
    this.backoff.reset(key);
    const seconds = ((this.now() - started) / 1000).toFixed(3).replace(/\.?0+$/, "");
    const info = await this.docker
      .getImage(image)
      .inspect()
      .catch(() => undefined);
    const size = info === undefined ? "" : ` Image size: ${info.Size} bytes.`;
    events.push({
      type: "Normal",
      reason: "Pulled",
      message: `Successfully pulled image ${JSON.stringify(image)} in ${seconds}s (${seconds}s including waiting).${size}`,
      fieldPath: path,
    });
    return { ok: true };
  }

  /** Forgets a pod's pull failures (pod removed). */
  forgetPod(uid: string): void {
    for (const key of this.failedAt.keys()) if (key.startsWith(`${uid}_`)) this.failedAt.delete(key);
  }
}
