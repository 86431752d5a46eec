// PodSpec and PodTemplateSpec defaults (SetDefaults_PodSpec plus everything nested in a pod spec).
// Kubernetes deliberately keeps pod-only defaults (enableServiceLinks, requests from limits, host-network
// ports) out of here so that templates in Deployments, ReplicaSets and DaemonSets do not gain them.
import type { PodSpec, PodTemplateSpec } from "kubernetes-types/core/v1.js";
import { applyContainerDefaults } from "./container.js";
import { deepCopy } from "./copy.js";
import { isNil, isUnset } from "./unset.js";
import { applyVolumeDefaults } from "./volume.js";

export const TERMINATION_GRACE_PERIOD_SECONDS_DEFAULT = 30;
export const DEFAULT_SCHEDULER_NAME = "default-scheduler";

/**
 * Stands in for an absent pod spec, which Go decodes as the zero struct. The type demands `containers`,
 * but inventing `containers: []` would change the stored object; validation reports the missing field.
 */
export function zeroPodSpec(): PodSpec {
  return {} as PodSpec;
}

/** Mutates `spec`; callers own a fresh copy. */
export function applyPodSpecDefaults(spec: PodSpec): void {
  if (isUnset(spec.dnsPolicy)) spec.dnsPolicy = "ClusterFirst";
  if (isUnset(spec.restartPolicy)) spec.restartPolicy = "Always";
  if (isNil(spec.securityContext)) spec.securityContext = {};
  if (isNil(spec.terminationGracePeriodSeconds)) {
    spec.terminationGracePeriodSeconds = TERMINATION_GRACE_PERIOD_SECONDS_DEFAULT;
  }
  if (isUnset(spec.schedulerName)) spec.schedulerName = DEFAULT_SCHEDULER_NAME;
  for (const c of spec.containers ?? []) applyContainerDefaults(c);
  for (const c of spec.initContainers ?? []) applyContainerDefaults(c);
  // Ephemeral containers share the Container fields that are defaulted.
  for (const c of spec.ephemeralContainers ?? []) applyContainerDefaults(c);
  for (const v of spec.volumes ?? []) applyVolumeDefaults(v);
}

/** Mutates `template`; callers own a fresh copy. */
export function applyPodTemplateSpecDefaults(template: PodTemplateSpec): void {
  // Non-pointer in Go, so an absent spec is defaulted as an empty one.
  template.spec = template.spec ?? zeroPodSpec();
  applyPodSpecDefaults(template.spec);
}

/** A defaulted copy of a pod spec, as it would be stored inside any object. */
export function defaultPodSpec(spec: PodSpec): PodSpec {
  const out = deepCopy(spec);
  applyPodSpecDefaults(out);
  return out;
}

/** A defaulted copy of a pod template (the `template` of workload kinds). */
export function defaultPodTemplateSpec(template: PodTemplateSpec): PodTemplateSpec {
  const out = deepCopy(template);
  applyPodTemplateSpecDefaults(out);
  return out;
}
