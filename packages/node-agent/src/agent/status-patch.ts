// Pod status writes: a JSON merge patch of the whole status, with null for fields that disappeared, sent only
// when the status changed. Arrays (conditions, containerStatuses) are replaced whole by a merge patch, which is
// what we want: the agent owns them.
import type { PodStatus } from "kubernetes-types/core/v1.js";

export function statusPatch(
  old: PodStatus | undefined,
  next: PodStatus,
): { status: Record<string, unknown> } {
  const patch: Record<string, unknown> = { ...next };
  for (const key of Object.keys(old ?? {})) if (!(key in next)) patch[key] = null;
  return { status: patch };
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = canonical(v);
    }
    return out;
  }
  return value;
}

export function sameStatus(a: PodStatus | undefined, b: PodStatus): boolean {
  return JSON.stringify(canonical(a ?? {})) === JSON.stringify(canonical(b));
}
