// core/v1 Namespace: a cluster-scoped DNS label name and finalizer names; updates check metadata only;
// the status phase follows the deletion timestamp.
import type { Namespace } from "kubernetes-types/core/v1.js";
import { type FieldError, invalid } from "../field-error.js";
import { root } from "../field-path.js";
import { nameIsDnsLabel } from "../names.js";
import { validateFinalizerName, validateKubeFinalizerName } from "./finalizers.js";
import type { KindValidator } from "./kind-validator.js";
import { metaOf, validateObjectMeta, validateObjectMetaUpdate } from "./object-meta.js";
import { isObj, list, ptr, str } from "./read.js";

const NAMESPACE_META = { namespaced: false, nameRule: nameIsDnsLabel, kubeFinalizers: true } as const;

function create(obj: unknown): FieldError[] {
  const ns = (isObj(obj) ? obj : {}) as Namespace;
  const errs = validateObjectMeta(metaOf(ns), NAMESPACE_META);
  // Reported at "spec.finalizers" without an index, as upstream does.
  const path = root("spec", "finalizers");
  for (const f of list<string>(ns.spec?.finalizers)) {
    errs.push(...validateFinalizerName(str(f), path), ...validateKubeFinalizerName(str(f), path));
  }
  return errs;
}

function status(obj: unknown, old: unknown): FieldError[] {
  const errs = validateObjectMetaUpdate(metaOf(obj), metaOf(old), true);
  const phase = isObj(obj) && isObj(obj.status) ? str(obj.status.phase) : "";
  // "Phase" with a capital P is the path upstream reports.
  const path = root("status", "Phase");
  if (ptr(metaOf(obj).deletionTimestamp) === undefined) {
    if (phase !== "Active")
      errs.push(invalid(path, phase, "may only be 'Active' if `deletionTimestamp` is empty"));
  } else if (phase !== "Terminating") {
    errs.push(invalid(path, phase, "may only be 'Terminating' if `deletionTimestamp` is not empty"));
  }
  return errs;
}

export const namespaceValidator: KindValidator = {
  namespaced: false,
  create,
  update: (obj, old) => validateObjectMetaUpdate(metaOf(obj), metaOf(old), true),
  status,
};
