// Defaulting of the core workload kinds as the Kubernetes API server does it. Every `default*` returns a
// defaulted deep copy and never mutates its argument.
export { defaultConfigMap } from "./config-map.js";
export { TERMINATION_MESSAGE_PATH_DEFAULT } from "./container.js";
export { deepCopy } from "./copy.js";
export {
  DAEMON_SET_MAX_SURGE_DEFAULT,
  DAEMON_SET_MAX_UNAVAILABLE_DEFAULT,
  defaultDaemonSet,
} from "./daemon-set.js";
export {
  DEPLOYMENT_MAX_SURGE_DEFAULT,
  DEPLOYMENT_MAX_UNAVAILABLE_DEFAULT,
  defaultDeployment,
  PROGRESS_DEADLINE_SECONDS_DEFAULT,
  REVISION_HISTORY_LIMIT_DEFAULT,
} from "./deployment.js";
export { defaultHorizontalPodAutoscaler, HPA_CPU_UTILIZATION_DEFAULT } from "./horizontal-pod-autoscaler.js";
export { defaultImagePullPolicy, type ImageRef, parseImageRef } from "./image-pull-policy.js";
export {
  defaultNamespace,
  KUBERNETES_FINALIZER,
  NAMESPACE_NAME_LABEL,
  prepareNamespaceForCreate,
} from "./namespace.js";
export { defaultPersistentVolume, defaultPersistentVolumeClaim } from "./persistent-volume.js";
export { defaultPod } from "./pod.js";
export {
  DEFAULT_SCHEDULER_NAME,
  defaultPodSpec,
  defaultPodTemplateSpec,
  TERMINATION_GRACE_PERIOD_SECONDS_DEFAULT,
} from "./pod-spec.js";
export { defaultReplicaSet } from "./replica-set.js";
export { defaultSecret } from "./secret.js";
export { CLIENT_IP_AFFINITY_SECONDS_DEFAULT, defaultService } from "./service.js";
export { isNil, isUnset } from "./unset.js";
export { TOKEN_EXPIRATION_SECONDS_DEFAULT, VOLUME_DEFAULT_MODE } from "./volume.js";
