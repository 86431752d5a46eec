// core/v1 Pod: create (validatePodMetadataAndSpec + ValidatePodCreate), update (only images,
// activeDeadlineSeconds, added tolerations and removed scheduling gates may change) and status.
import type { Pod } from "kubernetes-types/core/v1.js";
import { type FieldError, forbidden } from "../field-error.js";
import type { KindValidator } from "./kind-validator.js";
import { metaOf, validateObjectMetaUpdate } from "./object-meta.js";
import { podSpecOf, SPEC, validatePodMetadataAndSpec } from "./pod-common.js";
import { validatePodStatusUpdate } from "./pod-status.js";
import { validatePodUpdate } from "./pod-update.js";
import { isObj, list, str } from "./read.js";

function create(obj: unknown): FieldError[] {
  const pod = (isObj(obj) ? obj : {}) as Pod;
  const spec = podSpecOf(pod);
  const errs = validatePodMetadataAndSpec(pod);
  if (list(spec.ephemeralContainers).length > 0) {
    errs.push(forbidden(SPEC.child("ephemeralContainers"), "cannot be set on create"));
  }
  if (str(spec.nodeName) !== "" && list(spec.schedulingGates).length > 0) {
    errs.push(forbidden(SPEC.child("nodeName"), "cannot be set until all schedulingGates have been cleared"));
  }
  return errs;
}

export const podValidator: KindValidator = {
  namespaced: true,
  create,
  update: (obj, old) => validatePodUpdate((isObj(obj) ? obj : {}) as Pod, (isObj(old) ? old : {}) as Pod),
  status: (obj, old) => {
    const pod = (isObj(obj) ? obj : {}) as Pod;
    const prev = (isObj(old) ? old : {}) as Pod;
    return [
      ...validateObjectMetaUpdate(metaOf(pod), metaOf(prev), true),
      ...validatePodStatusUpdate(pod, prev),
    ];
  },
};
