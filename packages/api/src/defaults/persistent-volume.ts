// core/v1 PersistentVolume and PersistentVolumeClaim defaults (SetDefaults_PersistentVolume, …Claim).
import type { PersistentVolume, PersistentVolumeClaim } from "kubernetes-types/core/v1.js";
import { deepCopy } from "./copy.js";
import { isUnset } from "./unset.js";

/** Retain reclaim policy, Filesystem mode and phase Pending, as the API server fills them. */
export function defaultPersistentVolume(pv: PersistentVolume): PersistentVolume {
  const out = deepCopy(pv);
  const spec = out.spec ?? {};
  if (isUnset(spec.persistentVolumeReclaimPolicy)) spec.persistentVolumeReclaimPolicy = "Retain";
  if (isUnset(spec.volumeMode)) spec.volumeMode = "Filesystem";
  out.spec = spec;
  if (isUnset(out.status?.phase)) return { ...out, status: { ...out.status, phase: "Pending" } };
  return out;
}

export function defaultPersistentVolumeClaim(pvc: PersistentVolumeClaim): PersistentVolumeClaim {
  const out = deepCopy(pvc);
  const spec = out.spec ?? {};
  if (isUnset(spec.volumeMode)) spec.volumeMode = "Filesystem";
  out.spec = spec;
  if (isUnset(out.status?.phase)) return { ...out, status: { ...out.status, phase: "Pending" } };
  return out;
}
