import { ApiError } from "@tskube/api";
import type { DeleteOptions, ListOptions, PatchOptions, WatchOptions, WriteOptions } from "../api-types.js";
import { fieldManager, fieldValidation, propagationPolicy, resourceVersionMatch } from "../option-values.js";

// Query parameters → the core's options, with the API server's errors for values it rejects.

function str(q: URLSearchParams, name: string): string | undefined {
  const v = q.get(name);
  return v === null ? undefined : v;
}

function int(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === "") return undefined;
  if (!/^-?[0-9]+$/.test(v)) {
    throw new ApiError("BadRequest", `invalid value for ${name}: ${JSON.stringify(v)}: must be an integer`);
  }
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
  const match = resourceVersionMatch(str(q, "resourceVersionMatch") ?? "");
  const limit = int(q, "limit");
  const cont = str(q, "continue");
  const rv = str(q, "resourceVersion");
  return {
    labelSelector: str(q, "labelSelector") ?? "",
    fieldSelector: str(q, "fieldSelector") ?? "",
    ...(limit === undefined ? {} : { limit }),
    ...(cont === undefined ? {} : { continue: cont }),
    ...(rv === undefined ? {} : { resourceVersion: rv }),
    ...(match === undefined ? {} : { resourceVersionMatch: match }),
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
  const fv = fieldValidation(str(q, "fieldValidation") ?? "");
  const manager = fieldManager(str(q, "fieldManager") ?? "");
  return {
    dryRun: dryRun(q),
    ...(manager === undefined ? {} : { fieldManager: manager }),
    ...(fv === undefined ? {} : { fieldValidation: fv }),
  };
}

export function patchOptions(q: URLSearchParams): PatchOptions {
  return { ...writeOptions(q), force: bool(q, "force") };
}

/** DeleteOptions come in the body (kubectl) and/or the query. */
export function deleteOptions(q: URLSearchParams, body: Record<string, unknown> | undefined): DeleteOptions {
  const policy = propagationPolicy(
    (body?.propagationPolicy as string | undefined) ?? str(q, "propagationPolicy") ?? "",
  );
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
