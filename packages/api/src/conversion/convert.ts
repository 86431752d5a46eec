import type * as v1 from "kubernetes-types/autoscaling/v1.js";
import type * as v2 from "kubernetes-types/autoscaling/v2.js";
import { badRequest } from "../errors.js";
import { apiVersionOf } from "../registry/index.js";
import { hpaV1ToV2, hpaV2ToV1 } from "./hpa.js";

// Version conversion of served objects. Only HorizontalPodAutoscaler has two served versions with
// different shapes; every other kind converts by relabelling its apiVersion.

/** An API object as JSON: at least apiVersion and kind, anything else. */
export interface Versioned {
  apiVersion?: string;
  kind?: string;
  [field: string]: unknown;
}

const HPA_VERSIONS = ["v1", "v2"];

/**
 * `obj` (of `kind` in `group`, at `fromVersion`) as `toVersion`, with apiVersion set accordingly. Returns a
 * new object and never modifies `obj`; throws a 400 ApiError for a version pair it cannot convert.
 */
export function convert<T extends object>(
  obj: T,
  group: string,
  kind: string,
  fromVersion: string,
  toVersion: string,
): Versioned {
  if (group === "autoscaling" && kind === "HorizontalPodAutoscaler" && fromVersion !== toVersion) {
    if (!HPA_VERSIONS.includes(fromVersion) || !HPA_VERSIONS.includes(toVersion)) {
      throw badRequest(`no conversion of ${kind}.${group} from ${fromVersion} to ${toVersion}`);
    }
    return (
      toVersion === "v1"
        ? hpaV2ToV1(obj as v2.HorizontalPodAutoscaler)
        : hpaV1ToV2(obj as v1.HorizontalPodAutoscaler)
    ) as Versioned;
  }
  return { ...(obj as Versioned), apiVersion: apiVersionOf(group, toVersion), kind };
}
