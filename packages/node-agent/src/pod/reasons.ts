// Kubernetes' container state reasons and the messages kubelet writes with them.
import type { Pod } from "kubernetes-types/core/v1.js";
import { goDuration } from "./backoff.js";
import { formatPod } from "./names.js";

export const WaitingReason = {
  ContainerCreating: "ContainerCreating",
  PodInitializing: "PodInitializing",
  ErrImagePull: "ErrImagePull",
  ImagePullBackOff: "ImagePullBackOff",
  ErrImageNeverPull: "ErrImageNeverPull",
  CrashLoopBackOff: "CrashLoopBackOff",
  CreateContainerConfigError: "CreateContainerConfigError",
  CreateContainerError: "CreateContainerError",
  RunContainerError: "RunContainerError",
} as const;

export type WaitingReason = (typeof WaitingReason)[keyof typeof WaitingReason];

/** The message of a CrashLoopBackOff waiting state (kubelet's doBackOff). */
export function crashLoopMessage(backoffMs: number, container: string, pod: Pod): string {
  return `back-off ${goDuration(backoffMs)} restarting failed container=${container} pod=${formatPod(pod)}`;
}

/** The message of an ImagePullBackOff waiting state. */
export function imagePullBackOffMessage(image: string): string {
  return `Back-off pulling image ${JSON.stringify(image)}`;
}

/** ErrImageNeverPull's message for imagePullPolicy Never with the image absent. */
export function imageNeverPullMessage(image: string): string {
  return `Container image ${JSON.stringify(image)} is not present with pull policy of Never`;
}

/** A terminated container's reason: OOMKilled, Completed (exit 0) or Error. */
export function terminatedReason(exitCode: number, oomKilled = false): string {
  if (oomKilled) return "OOMKilled";
  return exitCode === 0 ? "Completed" : "Error";
}
