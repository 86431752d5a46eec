// apps/v1 DaemonSet defaults (SetDefaults_DaemonSet) plus its pod template's.
import type { DaemonSet, DaemonSetSpec } from "kubernetes-types/apps/v1.js";
import { deepCopy } from "./copy.js";
import { REVISION_HISTORY_LIMIT_DEFAULT } from "./deployment.js";
import { applyPodTemplateSpecDefaults } from "./pod-spec.js";
import { isNil, isUnset } from "./unset.js";

export const DAEMON_SET_MAX_UNAVAILABLE_DEFAULT = 1;
export const DAEMON_SET_MAX_SURGE_DEFAULT = 0;

/** A defaulted copy of a DaemonSet. */
export function defaultDaemonSet(daemonSet: DaemonSet): DaemonSet {
  const out = deepCopy(daemonSet);
  // An absent spec is Go's zero struct; no selector is invented, so validation still reports it.
  const spec = out.spec ?? ({} as DaemonSetSpec);
  out.spec = spec;
  const strategy = spec.updateStrategy ?? {};
  spec.updateStrategy = strategy;
  if (isUnset(strategy.type)) strategy.type = "RollingUpdate";
  if (strategy.type === "RollingUpdate") {
    const rolling = strategy.rollingUpdate ?? {};
    strategy.rollingUpdate = rolling;
    if (isNil(rolling.maxUnavailable)) rolling.maxUnavailable = DAEMON_SET_MAX_UNAVAILABLE_DEFAULT;
    if (isNil(rolling.maxSurge)) rolling.maxSurge = DAEMON_SET_MAX_SURGE_DEFAULT;
  }
  if (isNil(spec.revisionHistoryLimit)) spec.revisionHistoryLimit = REVISION_HISTORY_LIMIT_DEFAULT;
  spec.template = spec.template ?? {};
  applyPodTemplateSpecDefaults(spec.template);
  return out;
}
