import type { ObjectMeta } from "kubernetes-types/meta/v1.js";

/** Any API object as JSON, whatever its kind: what the untyped (group/version/resource) calls return. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [field: string]: unknown;
}
