import type { FieldSchema } from "../schema/index.js";
import { annotationsSize, TOTAL_ANNOTATION_SIZE_LIMIT_BYTES } from "../validation/labels.js";
import { compare } from "./compare.js";
import type { FieldSet } from "./field-set.js";
import { clone, goJson, isObject, type JsonObject } from "./json-value.js";
import { toFieldSet } from "./to-field-set.js";

// Interplay with client-side apply (`kubectl apply` without --server-side), which records what the user
// applied in an annotation instead of in managedFields. Only for the manager "kubectl" (kubectl's default
// for server-side apply), as the API server does, so that switching a manifest from client-side to
// server-side apply neither conflicts with the user's own earlier applies nor leaves the annotation stale.

export const LAST_APPLIED_ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";
export const KUBECTL_APPLIER = "kubectl";

function annotations(obj: JsonObject): JsonObject | undefined {
  const meta = obj.metadata;
  if (!isObject(meta)) return undefined;
  return isObject(meta.annotations) ? meta.annotations : undefined;
}

function lastApplied(obj: JsonObject): string | undefined {
  const value = annotations(obj)?.[LAST_APPLIED_ANNOTATION];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * Fields the user set with client-side apply and that still hold the value they applied: a conflict on
 * one of these is the user's own earlier apply, not someone else's change, so it does not count.
 * Undefined when there is no usable annotation.
 */
export function fieldsStillAsLastApplied(
  live: JsonObject,
  schema: FieldSchema | undefined,
  apiVersion: string,
): FieldSet | undefined {
  const text = lastApplied(live);
  if (text === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (!isObject(parsed) || parsed.apiVersion !== apiVersion) return undefined;
    const c = compare(parsed, live, schema);
    return toFieldSet(parsed, schema).difference(c.modified).difference(c.added).difference(c.removed);
  } catch {
    return undefined;
  }
}

/**
 * After an apply by "kubectl", an existing annotation is rewritten to the configuration just applied (Go's
 * JSON of it, without the annotation itself), so a later client-side apply diffs against the truth. It is
 * dropped instead if it would push the annotations past their size limit.
 */
export function refreshLastApplied(result: JsonObject, applied: JsonObject): void {
  if (lastApplied(result) === undefined) return;
  const config = clone(applied);
  const configAnnotations = annotations(config);
  if (configAnnotations !== undefined) delete configAnnotations[LAST_APPLIED_ANNOTATION];
  const target = annotations(result);
  if (target === undefined) return;
  target[LAST_APPLIED_ANNOTATION] = `${goJson(config)}\n`;
  const sizes: Record<string, string> = {};
  for (const [k, v] of Object.entries(target)) sizes[k] = typeof v === "string" ? v : JSON.stringify(v);
  if (annotationsSize(sizes) > TOTAL_ANNOTATION_SIZE_LIMIT_BYTES) delete target[LAST_APPLIED_ANNOTATION];
}
