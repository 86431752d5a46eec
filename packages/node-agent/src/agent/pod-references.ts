// Which ConfigMaps, Secrets and claims a pod refers to: volumes (incl. projected), env valueFrom, envFrom.
import type { Container, Pod } from "kubernetes-types/core/v1.js";

export interface PodReferences {
  configMaps: Set<string>;
  secrets: Set<string>;
  claims: Set<string>;
}

export function podReferences(pod: Pod): PodReferences {
  const refs: PodReferences = { configMaps: new Set(), secrets: new Set(), claims: new Set() };
  const spec = pod.spec;
  for (const v of spec?.volumes ?? []) {
    if (v.configMap?.name) refs.configMaps.add(v.configMap.name);
    if (v.secret?.secretName) refs.secrets.add(v.secret.secretName);
    if (v.persistentVolumeClaim?.claimName) refs.claims.add(v.persistentVolumeClaim.claimName);
    for (const src of v.projected?.sources ?? []) {
      if (src.configMap?.name) refs.configMaps.add(src.configMap.name);
      if (src.secret?.name) refs.secrets.add(src.secret.name);
    }
  }
  const containers: Container[] = [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])];
  for (const c of containers) {
    for (const e of c.env ?? []) {
      if (e.valueFrom?.configMapKeyRef?.name) refs.configMaps.add(e.valueFrom.configMapKeyRef.name);
      if (e.valueFrom?.secretKeyRef?.name) refs.secrets.add(e.valueFrom.secretKeyRef.name);
    }
    for (const f of c.envFrom ?? []) {
      if (f.configMapRef?.name) refs.configMaps.add(f.configMapRef.name);
      if (f.secretRef?.name) refs.secrets.add(f.secretRef.name);
    }
  }
  return refs;
}
