import type { GroupVersionKind } from "../registry/index.js";

// Component schema names as Kubernetes spells them (io.k8s.api.apps.v1.Deployment), so documents and
// `kubectl explain` look familiar.

export const META = "io.k8s.apimachinery.pkg.apis.meta.v1";
export const OBJECT_META = `${META}.ObjectMeta`;
export const LIST_META = `${META}.ListMeta`;
export const STATUS = `${META}.Status`;
export const DELETE_OPTIONS = `${META}.DeleteOptions`;
export const PATCH = `${META}.Patch`;

/** The schema name of a kind: io.k8s.api.core.v1.Pod, io.k8s.api.authorization.v1.…, metrics-server's own. */
export function schemaName(gvk: GroupVersionKind): string {
  if (gvk.group === "metrics.k8s.io") return `io.k8s.metrics.pkg.apis.metrics.${gvk.version}.${gvk.kind}`;
  const pkg = gvk.group === "" ? "core" : (gvk.group.split(".")[0] ?? gvk.group);
  return `io.k8s.api.${pkg}.${gvk.version}.${gvk.kind}`;
}

export function ref(name: string, prefix: string): { readonly $ref: string } {
  return { $ref: `${prefix}${name}` };
}
