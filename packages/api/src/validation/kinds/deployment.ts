// apps/v1 Deployment (ValidateDeployment, ValidateDeploymentUpdate with the apps/v1 immutable selector,
// ValidateDeploymentStatusUpdate).
import type { Deployment, DeploymentSpec, DeploymentStrategy } from "kubernetes-types/apps/v1.js";
import { type FieldError, forbidden, invalid, notSupported, required } from "../field-error.js";
import { type FieldPath, root } from "../field-path.js";
import { nameIsDnsSubdomain } from "../names.js";
import { validateNonnegative } from "../numbers.js";
import {
  intOrPercentValue,
  isNotMoreThan100Percent,
  validatePositiveIntOrPercent,
} from "./int-or-percent.js";
import type { KindValidator } from "./kind-validator.js";
import { selectorOf } from "./label-selector.js";
import { metaOf, validateObjectMeta, validateObjectMetaUpdate } from "./object-meta.js";
import { fieldAs, isObj, num, ptr, str } from "./read.js";
import {
  availableNotAboveReady,
  collisionCount,
  collisionCountNotDecremented,
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
export const WORKLOAD_META = {
  namespaced: true,
  nameRule: nameIsDnsSubdomain,
  kubeFinalizers: true,
} as const;

function specOf(obj: unknown): DeploymentSpec {
  return fieldAs<DeploymentSpec>(obj, "spec");
}

function validateStrategy(strategy: DeploymentStrategy, path: FieldPath): FieldError[] {
  const type = str(strategy.type);
  const rolling = ptr(strategy.rollingUpdate);
  if (type === "Recreate") {
    return rolling === undefined
      ? []
      : [forbidden(path.child("rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'")];
  }
  if (type === "RollingUpdate") {
    if (!isObj(rolling))
      return [required(path.child("rollingUpdate"), "this should be defaulted and never be nil")];
    const r = path.child("rollingUpdate");
    const errs = [
      ...validatePositiveIntOrPercent(rolling.maxUnavailable, r.child("maxUnavailable")),
      ...validatePositiveIntOrPercent(rolling.maxSurge, r.child("maxSurge")),
    ];
    if (intOrPercentValue(rolling.maxUnavailable) === 0 && intOrPercentValue(rolling.maxSurge) === 0) {
      errs.push(
        invalid(
          r.child("maxUnavailable"),
          rolling.maxUnavailable ?? null,
          "may not be 0 when `maxSurge` is 0",
        ),
      );
    }
    errs.push(...isNotMoreThan100Percent(rolling.maxUnavailable, r.child("maxUnavailable")));
    return errs;
  }
  return [notSupported(path, strategy, ["Recreate", "RollingUpdate"])];
}

function validateDeploymentSpec(spec: DeploymentSpec): FieldError[] {
  const errs = validateNonnegative(num(spec.replicas), SPEC.child("replicas"));
  const selector = selectorOf(spec.selector);
  errs.push(...validateRequiredSelector(selector, SPEC.child("selector")));
  errs.push(
    ...validateReplicatedTemplate(
      spec.template,
      selector,
      "Deployment",
      SPEC.child("template"),
      SPEC.child("selector"),
    ),
  );
  errs.push(...validateStrategy(isObj(spec.strategy) ? spec.strategy : {}, SPEC.child("strategy")));
  const minReady = num(spec.minReadySeconds);
  errs.push(...validateNonnegative(minReady, SPEC.child("minReadySeconds")));
  const history = ptr(spec.revisionHistoryLimit);
  if (history !== undefined) errs.push(...validateNonnegative(history, SPEC.child("revisionHistoryLimit")));
  const deadline = ptr(spec.progressDeadlineSeconds);
  if (deadline !== undefined) {
    errs.push(...validateNonnegative(deadline, SPEC.child("progressDeadlineSeconds")));
    if (deadline <= minReady) {
      errs.push(
        invalid(SPEC.child("progressDeadlineSeconds"), deadline, "must be greater than minReadySeconds"),
      );
    }
  }
  return errs;
}

function validateStatus(obj: unknown, old: unknown): FieldError[] {
  const path = root("status");
  const status = statusRecord(obj);
  return [
    ...nonnegativeFields(
      status,
      [
        "observedGeneration",
        "replicas",
        "updatedReplicas",
        "readyReplicas",
        "availableReplicas",
        "unavailableReplicas",
      ],
      path,
    ),
    ...collisionCount(status, path),
    ...notAboveReplicas(status, ["updatedReplicas", "readyReplicas", "availableReplicas"], path),
    ...availableNotAboveReady(status, path),
    ...collisionCountNotDecremented(status, statusRecord(old), path),
  ];
}

export const deploymentValidator: KindValidator = {
  namespaced: true,
  create: (obj) => [
    ...validateObjectMeta(metaOf(obj), WORKLOAD_META),
    ...validateDeploymentSpec(specOf(obj as Deployment)),
  ],
  update: (obj, old) => [
    ...validateObjectMetaUpdate(metaOf(obj), metaOf(old), true),
    ...validateDeploymentSpec(specOf(obj)),
    ...validateSelectorUnchanged(
      selectorOf(specOf(obj).selector),
      selectorOf(specOf(old).selector),
      SPEC.child("selector"),
    ),
  ],
  status: (obj, old) => [
    ...validateObjectMetaUpdate(metaOf(obj), metaOf(old), true),
    ...validateStatus(obj, old),
  ],
};
