import type { Fields } from "@tskube/api";
import type { ApiObject } from "../api-object.js";

/**
 * The field-selector view of an object: metadata.name and metadata.namespace plus the resource's
 * selectable fields, read by dotted path; absent fields read as "" (Kubernetes selects on "" the same way).
 */
export function objectFields(obj: ApiObject, selectable: readonly string[]): Fields {
  const out: Record<string, string> = {
    "metadata.name": obj.metadata?.name ?? "",
    "metadata.namespace": obj.metadata?.namespace ?? "",
  };
  for (const path of selectable) out[path] = fieldText(obj, path);
  return out;
}

function fieldText(obj: ApiObject, path: string): string {
  // Events' "source" selects the reporting component (Kubernetes' event field set).
  const segments = path === "source" ? ["source", "component"] : path.split(".");
  let v: unknown = obj;
  for (const s of segments) {
    if (v === null || typeof v !== "object") return "";
    v = (v as Record<string, unknown>)[s];
  }
  if (v === undefined || v === null) return "";
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}
