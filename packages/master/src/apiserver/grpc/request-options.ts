import { ApiError, type ObjectsWire, unsupportedMediaType } from "@tskube/api";
import type { PatchKind } from "../api-object.js";
import type {
  DeleteOptions,
  GetOptions,
  ListOptions,
  PatchOptions,
  WatchOptions,
  WriteOptions,
} from "../api-types.js";

// Request messages → the core's options. proto3 has no "unset" for plain fields, so "" / 0 / false mean
// absent, exactly like a query parameter that is not there. Values the core's types cannot hold are refused
// with the same BadRequest texts the HTTPS gateway uses, so both transports fail alike.

const FIELD_MANAGER_MAX_LENGTH = 128;

export function getOptions(req: ObjectsWire.GetRequest): GetOptions {
  return req.resourceVersion === "" ? {} : { resourceVersion: req.resourceVersion };
}

export function listOptions(req: ObjectsWire.ListRequest): ListOptions {
  const match = req.resourceVersionMatch;
  if (match !== "" && match !== "Exact" && match !== "NotOlderThan") {
    throw new ApiError(
      "BadRequest",
      `resourceVersionMatch: Unsupported value: "${match}": supported values: "Exact", "NotOlderThan"`,
    );
  }
  return {
    ...(req.labelSelector === "" ? {} : { labelSelector: req.labelSelector }),
    ...(req.fieldSelector === "" ? {} : { fieldSelector: req.fieldSelector }),
    ...(req.limit > 0 ? { limit: req.limit } : {}),
    ...(req.continue === "" ? {} : { continue: req.continue }),
    ...(req.resourceVersion === "" ? {} : { resourceVersion: req.resourceVersion }),
    ...(match === "" ? {} : { resourceVersionMatch: match }),
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
  const fv = o.fieldValidation;
  if (fv !== "" && fv !== "Strict" && fv !== "Warn" && fv !== "Ignore") {
    throw new ApiError(
      "BadRequest",
      `fieldValidation: Unsupported value: "${fv}": supported values: "Ignore", "Strict", "Warn"`,
    );
  }
  if (o.fieldManager.length > FIELD_MANAGER_MAX_LENGTH) {
    throw new ApiError(
      "BadRequest",
      `fieldManager: Too long: may not be more than ${FIELD_MANAGER_MAX_LENGTH} bytes`,
    );
  }
  return {
    ...(o.dryRun ? { dryRun: true } : {}),
    ...(o.fieldManager === "" ? {} : { fieldManager: o.fieldManager }),
    ...(fv === "" ? {} : { fieldValidation: fv }),
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
  const policy = req.propagationPolicy;
  if (policy !== "" && policy !== "Orphan" && policy !== "Background" && policy !== "Foreground") {
    throw new ApiError(
      "BadRequest",
      `propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan"`,
    );
  }
  const pre = req.preconditions;
  return {
    ...(req.dryRun ? { dryRun: true } : {}),
    ...(policy === "" ? {} : { propagationPolicy: policy }),
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
