import type { ObjectMeta } from "kubernetes-types/meta/v1.js";

/** Any API object as JSON: kind/apiVersion/metadata are common, the rest depends on the kind. */
export interface ApiObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [field: string]: unknown;
}

/** The PATCH content types: JSON patch, merge patch, strategic merge patch, server-side apply. */
export type PatchKind = "json" | "merge" | "strategic" | "apply";
