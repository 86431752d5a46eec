// Volume defaults (SetDefaults_Volume and the per-source defaults). Mutates: callers own a fresh copy.
import type { DownwardAPIVolumeFile, Volume } from "kubernetes-types/core/v1.js";
import { applyFieldSelectorDefaults } from "./container.js";
import { isNil } from "./unset.js";

/** 0644, the mode Kubernetes gives secret, configMap, downwardAPI and projected volume files. */
export const VOLUME_DEFAULT_MODE = 0o644;
/** One hour: the default lifetime of a projected service-account token. */
export const TOKEN_EXPIRATION_SECONDS_DEFAULT = 3600;

function applyDownwardItems(items: DownwardAPIVolumeFile[] | undefined): void {
  for (const item of items ?? []) {
    if (!isNil(item.fieldRef)) applyFieldSelectorDefaults(item.fieldRef);
  }
}

export function applyVolumeDefaults(v: Volume): void {
  // A volume naming no source at all is an emptyDir: every source field is a pointer in Go.
  const hasSource = Object.entries(v).some(([key, value]) => key !== "name" && !isNil(value));
  if (!hasSource) v.emptyDir = {};
  if (!isNil(v.secret) && isNil(v.secret.defaultMode)) v.secret.defaultMode = VOLUME_DEFAULT_MODE;
  if (!isNil(v.configMap) && isNil(v.configMap.defaultMode)) v.configMap.defaultMode = VOLUME_DEFAULT_MODE;
  if (!isNil(v.downwardAPI)) {
    if (isNil(v.downwardAPI.defaultMode)) v.downwardAPI.defaultMode = VOLUME_DEFAULT_MODE;
    applyDownwardItems(v.downwardAPI.items);
  }
  if (!isNil(v.projected)) {
    if (isNil(v.projected.defaultMode)) v.projected.defaultMode = VOLUME_DEFAULT_MODE;
    for (const source of v.projected.sources ?? []) {
      const token = source.serviceAccountToken;
      if (!isNil(token) && isNil(token.expirationSeconds)) {
        token.expirationSeconds = TOKEN_EXPIRATION_SECONDS_DEFAULT;
      }
      applyDownwardItems(source.downwardAPI?.items);
    }
  }
  const claim = v.ephemeral?.volumeClaimTemplate;
  if (!isNil(claim) && isNil(claim.spec.volumeMode)) claim.spec.volumeMode = "Filesystem";
  // HostPath's type is a pointer whose default is the empty string ("no check").
  if (!isNil(v.hostPath) && isNil(v.hostPath.type)) v.hostPath.type = "";
}
