// apps/v1 ReplicaSet defaults (SetDefaults_ReplicaSet) plus its pod template's.
import type { ReplicaSet, ReplicaSetSpec } from "kubernetes-types/apps/v1.js";
import { deepCopy } from "./copy.js";
import { applyPodTemplateSpecDefaults } from "./pod-spec.js";
import { isNil } from "./unset.js";

/** A defaulted copy of a ReplicaSet. `replicas: 0` is kept: it is a pointer field in Go. */
export function defaultReplicaSet(replicaSet: ReplicaSet): ReplicaSet {
  const out = deepCopy(replicaSet);
  // An absent spec is Go's zero struct; no selector is invented, so validation still reports it.
  const spec = out.spec ?? ({} as ReplicaSetSpec);
  out.spec = spec;
  if (isNil(spec.replicas)) spec.replicas = 1;
  // apps/v1 ReplicaSetSpec.template is a non-pointer struct, so it is defaulted even when absent.
  spec.template = spec.template ?? {};
  applyPodTemplateSpecDefaults(spec.template);
  return out;
}
