import { ApiError } from "@tskube/api";
import type { DeleteOptions, ListOptions, PatchOptions, WatchOptions, WriteOptions } from "../api-types.js";

// Query parameters → the core's options, with the API server's errors for values it rejects.

function str(q: URLSearchParams, name: string): string | undefined {
  const v = q.get(name);
  return v === null ? undefined : v;
}

function int(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === "") return undefined;
  if (!/^-?[0-9]+$/.test(v))
    throw new ApiError("BadRequest", `invalid value for ${name}: ${JSON.stringify(v)}: must be an integer`);
  return Number(v);
}

function bool(q: URLSearchParams, name: string): boolean {
  const v = q.get(name);
  return v === "true" || v === "1";
}

export function isWatch(q: URLSearchParams): boolean {
  return bool(q, "watch");
}

export function listOptions(q: URLSearchParams): ListOptions {
  const match = str(q, "resourceVersionMatch");
  if (match !== undefined && match !== "" && match !== "Exact" && match !== "NotOlderThan") {
    throw new ApiError(
      "BadRequest",
      `resourceVersionMatch: Unsupported value: "${match}": supported values: "Exact", "NotOlderThan"`,
    );
  }
  return {
    labelSelector: str(q, "labelSelector") ?? "",
    fieldSelector: str(q, "fieldSelector") ?? "",
    ...(int(q, "limit") === undefined ? {} : { limit: int(q, "limit") }),
    ...(str(q, "continue") === undefined ? {} : { continue: str(q, "continue") }),
    ...(str(q, "resourceVersion") === undefined ? {} : { resourceVersion: str(q, "resourceVersion") }),
    ...(match === "Exact" || match === "NotOlderThan" ? { resourceVersionMatch: match } : {}),
  };
}

export function watchOptions(q: URLSearchParams): WatchOptions {
  const timeout = int(q, "timeoutSeconds");
  return {
    labelSelector: str(q, "labelSelector") ?? "",
    fieldSelector: str(q, "fieldSelector") ?? "",
    resourceVersion: str(q, "resourceVersion") ?? "",
    allowWatchBookmarks: bool(q, "allowWatchBookmarks"),
    ...(timeout === undefined ? {} : { timeoutSeconds: timeout }),
  };
}

function dryRun(q: URLSearchParams): boolean {
  const values = q.getAll("dryRun");
  for (const v of values) {
    if (v !== "All")
      throw new ApiError("BadRequest", `dryRun: Unsupported value: "${v}": supported values: "All"`);
  }
  return values.length > 0;
}

export function writeOptions(q: URLSearchParams): WriteOptions {
  const fv = str(q, "fieldValidation");
  if (fv !== undefined && fv !== "" && fv !== "Strict" && fv !== "Warn" && fv !== "Ignore") {
    throw new ApiError(
      "BadRequest",
      `fieldValidation: Unsupported value: "${fv}": supported values: "Ignore", "Strict", "Warn"`,
    );
  }
  const manager = str(q, "fieldManager");
  if (manager !== undefined && manager.length > 128) {
    throw new ApiError("BadRequest", `fieldManager: Too long: may not be more than 128 bytes`);
  }
  return {
    dryRun: dryRun(q),
    ...(manager === undefined ? {} : { fieldManager: manager }),
    ...(fv === "Strict" || fv === "Warn" || fv === "Ignore" ? { fieldValidation: fv } : {}),
  };
}

export function patchOptions(q: URLSearchParams): PatchOptions {
  return { ...writeOptions(q), force: bool(q, "force") };
}

/** DeleteOptions come in the body (kubectl) and/or the query. */
export function deleteOptions(q: URLSearchParams, body: Record<string, unknown> | undefined): DeleteOptions {
  const policy = (body?.propagationPolicy as string | undefined) ?? str(q, "propagationPolicy");
  if (policy !== undefined && policy !== "Orphan" && policy !== "Background" && policy !== "Foreground") {
    throw new ApiError(
      "BadRequest",
      `propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan"`,
    );
  }
  const grace = (body?.gracePeriodSeconds as number | undefined) ?? int(q, "gracePeriodSeconds");
  const pre = body?.preconditions as { uid?: string; resourceVersion?: string } | undefined;
  const bodyDryRun = Array.isArray(body?.dryRun) && (body.dryRun as unknown[]).includes("All");
  return {
    dryRun: dryRun(q) || bodyDryRun,
    ...(policy === undefined ? {} : { propagationPolicy: policy }),
    ...(grace === undefined ? {} : { gracePeriodSeconds: grace }),
    ...(pre === undefined ? {} : { preconditions: pre }),
  };
}
