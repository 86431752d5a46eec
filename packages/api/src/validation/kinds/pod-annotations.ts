// Annotations with meaning for pods (ValidatePodSpecificAnnotations): a mirror pod must be bound to a node,
// and the ReplicaSet scale-down hint "pod-deletion-cost" must be a 32-bit integer.
import type { PodSpec } from "kubernetes-types/core/v1.js";
import { type FieldError, invalid } from "../field-error.js";
import type { FieldPath } from "../field-path.js";
import { str } from "./read.js";

export const MIRROR_POD_ANNOTATION = "kubernetes.io/config.mirror";
export const POD_DELETION_COST_ANNOTATION = "controller.kubernetes.io/pod-deletion-cost";

/** Go's strconv.ParseInt(s, 10, 32) accepts an optional sign and decimal digits only. */
function isInt32(text: string): boolean {
  if (!/^[-+]?[0-9]+$/.test(text)) return false;
  const n = Number(text);
  return n >= -2147483648 && n <= 2147483647;
}

export function validatePodSpecificAnnotations(
  annotations: Readonly<Record<string, string>>,
  spec: PodSpec,
  path: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  if (Object.hasOwn(annotations, MIRROR_POD_ANNOTATION) && str(spec.nodeName) === "") {
    errs.push(
      invalid(
        path.key(MIRROR_POD_ANNOTATION),
        annotations[MIRROR_POD_ANNOTATION] ?? "",
        "must set spec.nodeName if mirror pod annotation is set",
      ),
    );
  }
  const cost = annotations[POD_DELETION_COST_ANNOTATION];
  if (cost !== undefined && !isInt32(cost)) {
    errs.push(invalid(path.key(POD_DELETION_COST_ANNOTATION), cost, "must be a 32bit integer"));
  }
  return errs;
}
