// The node agent's pure pod logic: spec → Docker create options, observed containers → PodStatus,
// names/labels for adoption, and kubelet's back-off. No I/O here; the runtime does that.
export { Backoff, type BackoffOptions, goDuration } from "./backoff.js";
export {
  appContainerOptions,
  findContainer,
  pauseContainerOptions,
  podHostname,
} from "./container-options.js";
export type { ContainerContext } from "./context.js";
export { dockerEnv, podFieldValue, type ResolvedEnv, resolveEnv } from "./env.js";
export { configError, mountError, PodConfigError, type PodConfigReason, QuantityError } from "./errors.js";
export { expand, expandWith } from "./expansion.js";
export {
  type AppLabelInput,
  appLabels,
  containerHash,
  containerName,
  formatPod,
  LABELS,
  type ParsedLabels,
  type PodIdentity,
  parseContainerLabels,
  pauseContainerName,
  pauseLabels,
  podIdentity,
  SANDBOX_CONTAINER_NAME,
} from "./names.js";
export {
  k8sTime,
  type ObservedContainer,
  type ObservedPod,
  type ObservedState,
  type ObservedTerminated,
  podPhase,
  podStatus,
  qosClass,
} from "./pod-status.js";
export { quantityMilliValue, quantityValue } from "./quantity.js";
export {
  crashLoopMessage,
  imageNeverPullMessage,
  imagePullBackOffMessage,
  terminatedReason,
  WaitingReason,
} from "./reasons.js";
export { type DockerResources, dockerResources, milliCpuToShares } from "./resources.js";
export {
  type ManagedVolume,
  type ManagedVolumeKind,
  managedVolumes,
  podVolumeDir,
  volumeBinds,
  volumeHostPath,
} from "./volumes.js";
