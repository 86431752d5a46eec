// apps/v1 Deployment defaults (SetDefaults_Deployment) plus its pod template's.
import type { Deployment, DeploymentSpec } from "kubernetes-types/apps/v1.js";
import { deepCopy } from "./copy.js";
import { applyPodTemplateSpecDefaults } from "./pod-spec.js";
import { isNil, isUnset } from "./unset.js";

export const REVISION_HISTORY_LIMIT_DEFAULT = 10;
export const PROGRESS_DEADLINE_SECONDS_DEFAULT = 600;
export const DEPLOYMENT_MAX_UNAVAILABLE_DEFAULT = "25%";
export const DEPLOYMENT_MAX_SURGE_DEFAULT = "25%";

/** A defaulted copy of a Deployment. `replicas: 0` is kept: it is a pointer field in Go. */
export function defaultDeployment(deployment: Deployment): Deployment {
  const out = deepCopy(deployment);
  // An absent spec is Go's zero struct; no selector is invented, so validation still reports it.
  const spec = out.spec ?? ({} as DeploymentSpec);
  out.spec = spec;
  if (isNil(spec.replicas)) spec.replicas = 1;
  const strategy = spec.strategy ?? {};
  spec.strategy = strategy;
  if (isUnset(strategy.type)) strategy.type = "RollingUpdate";
  // Only a rolling update has knobs; a Recreate strategy keeps whatever the user sent (validation rejects it).
  if (strategy.type === "RollingUpdate") {
    const rolling = strategy.rollingUpdate ?? {};
    strategy.rollingUpdate = rolling;
    if (isNil(rolling.maxUnavailable)) rolling.maxUnavailable = DEPLOYMENT_MAX_UNAVAILABLE_DEFAULT;
    if (isNil(rolling.maxSurge)) rolling.maxSurge = DEPLOYMENT_MAX_SURGE_DEFAULT;
  }
  if (isNil(spec.revisionHistoryLimit)) spec.revisionHistoryLimit = REVISION_HISTORY_LIMIT_DEFAULT;
  if (isNil(spec.progressDeadlineSeconds)) spec.progressDeadlineSeconds = PROGRESS_DEADLINE_SECONDS_DEFAULT;
  spec.template = spec.template ?? {};
  applyPodTemplateSpecDefaults(spec.template);
  return out;
}
