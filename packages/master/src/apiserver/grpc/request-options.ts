import { type ObjectsWire, unsupportedMediaType } from "@tskube/api";
import type { PatchKind } from "../api-object.js";
import type {
  DeleteOptions,
  GetOptions,
  ListOptions,
  PatchOptions,
  WatchOptions,
  WriteOptions,
} from "../api-types.js";
import { fieldManager, fieldValidation, propagationPolicy, resourceVersionMatch } from "../option-values.js";

// Request messages → the core's options. proto3 has no "unset" for plain fields, so "" / 0 / false mean
// absent, exactly like a query parameter that is not there. Values the core's types cannot hold are refused
// with the same BadRequest texts the HTTPS gateway uses, so both transports fail alike.

export function getOptions(req: ObjectsWire.GetRequest): GetOptions {
  return req.resourceVersion === "" ? {} : { resourceVersion: req.resourceVersion };
}

export function listOptions(req: ObjectsWire.ListRequest): ListOptions {
  const match = resourceVersionMatch(req.resourceVersionMatch);
  return {
    ...(req.labelSelector === "" ? {} : { labelSelector: req.labelSelector }),
    ...(req.fieldSelector === "" ? {} : { fieldSelector: req.fieldSelector }),
    ...(req.limit > 0 ? { limit: req.limit } : {}),
    ...(req.continue === "" ? {} : { continue: req.continue }),
    ...(req.resourceVersion === "" ? {} : { resourceVersion: req.resourceVersion }),
    ...(match === undefined ? {} : { resourceVersionMatch: match }),
  };
}

export function watchOptions(req: ObjectsWire.WatchRequest): WatchOptions {
  return {
    ...(req.labelSelector === "" ? {} : { labelSelector: req.labelSelector }),
    ...(req.fieldSelector === "" ? {} : { fieldSelector: req.fieldSelector }),
    ...(req.resourceVersion === "" ? {} : { resourceVersion: req.resourceVersion }),
    ...(req.allowWatchBookmarks ? { allowWatchBookmarks: true } : {}),
    ...(req.timeoutSeconds > 0 ? { timeoutSeconds: req.timeoutSeconds } : {}),
  };
}

export function writeOptions(o: ObjectsWire.WriteOptions | null): WriteOptions {
  if (o === null) return {};
  const fv = fieldValidation(o.fieldValidation);
  const manager = fieldManager(o.fieldManager);
  return {
    ...(o.dryRun ? { dryRun: true } : {}),
    ...(manager === undefined ? {} : { fieldManager: manager }),
    ...(fv === undefined ? {} : { fieldValidation: fv }),
  };
}

export function patchOptions(req: ObjectsWire.PatchRequest): PatchOptions {
  return { ...writeOptions(req.options), ...(req.force ? { force: true } : {}) };
}

const PATCH_KINDS: Readonly<Record<ObjectsWire.PatchType, PatchKind | undefined>> = {
  PATCH_TYPE_UNSPECIFIED: undefined,
  PATCH_TYPE_JSON: "json",
  PATCH_TYPE_MERGE: "merge",
  PATCH_TYPE_STRATEGIC: "strategic",
  PATCH_TYPE_APPLY: "apply",
};

/** An unset patch type is the API server's 415 for a PATCH without a patch content type. */
export function patchKind(type: ObjectsWire.PatchType): PatchKind {
  const kind = PATCH_KINDS[type];
  if (kind === undefined) {
    throw unsupportedMediaType([
      "application/json-patch+json",
      "application/merge-patch+json",
      "application/apply-patch+yaml",
      "application/strategic-merge-patch+json",
    ]);
  }
  return kind;
}

export function deleteOptions(req: ObjectsWire.DeleteRequest): DeleteOptions {
  const policy = propagationPolicy(req.propagationPolicy);
  const pre = req.preconditions;
  return {
    ...(req.dryRun ? { dryRun: true } : {}),
    ...(policy === undefined ? {} : { propagationPolicy: policy }),
    ...(req.gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds: req.gracePeriodSeconds }),
    ...(pre === null
      ? {}
      : {
          preconditions: {
            ...(pre.uid === undefined ? {} : { uid: pre.uid }),
            ...(pre.resourceVersion === undefined ? {} : { resourceVersion: pre.resourceVersion }),
          },
        }),
  };
}
