// apps/v1 ReplicaSet (ValidateReplicaSet, ValidateReplicaSetUpdate with the apps/v1 immutable selector,
// ValidateReplicaSetStatusUpdate).
import type { ReplicaSetSpec } from "kubernetes-types/apps/v1.js";
import type { FieldError } from "../field-error.js";
import { root } from "../field-path.js";
import { validateNonnegative } from "../numbers.js";
import { WORKLOAD_META } from "./deployment.js";
import type { KindValidator } from "./kind-validator.js";
import { selectorOf } from "./label-selector.js";
import { metaOf, validateObjectMeta, validateObjectMetaUpdate } from "./object-meta.js";
import { fieldAs, num } from "./read.js";
import {
  availableNotAboveReady,
  nonnegativeFields,
  notAboveReplicas,
  statusRecord,
} from "./workload-status.js";
import {
  validateReplicatedTemplate,
  validateRequiredSelector,
  validateSelectorUnchanged,
} from "./workload-template.js";

const SPEC = root("spec");

function specOf(obj: unknown): ReplicaSetSpec {
  return fieldAs<ReplicaSetSpec>(obj, "spec");
}

function validateReplicaSetSpec(spec: ReplicaSetSpec): FieldError[] {
  const errs = [
    ...validateNonnegative(num(spec.replicas), SPEC.child("replicas")),
    ...validateNonnegative(num(spec.minReadySeconds), SPEC.child("minReadySeconds")),
  ];
  const selector = selectorOf(spec.selector);
  errs.push(...validateRequiredSelector(selector, SPEC.child("selector")));
  errs.push(
    ...validateReplicatedTemplate(
      spec.template,
      selector,
      "ReplicaSet",
      SPEC.child("template"),
      SPEC.child("selector"),
    ),
  );
  return errs;
}

function validateStatus(obj: unknown): FieldError[] {
  const path = root("status");
  const status = statusRecord(obj);
  return [
    ...nonnegativeFields(
      status,
      ["replicas", "fullyLabeledReplicas", "readyReplicas", "availableReplicas", "observedGeneration"],
      path,
    ),
    ...notAboveReplicas(status, ["fullyLabeledReplicas", "readyReplicas", "availableReplicas"], path),
    ...availableNotAboveReady(status, path),
  ];
}

export const replicaSetValidator: KindValidator = {
  namespaced: true,
  create: (obj) => [
    ...validateObjectMeta(metaOf(obj), WORKLOAD_META),
    ...validateReplicaSetSpec(specOf(obj)),
  ],
  update: (obj, old) => [
    ...validateObjectMetaUpdate(metaOf(obj), metaOf(old), true),
    ...validateReplicaSetSpec(specOf(obj)),
    ...validateSelectorUnchanged(
      selectorOf(specOf(obj).selector),
      selectorOf(specOf(old).selector),
      SPEC.child("selector"),
    ),
  ],
  status: (obj, old) => [...validateObjectMetaUpdate(metaOf(obj), metaOf(old), true), ...validateStatus(obj)],
};
