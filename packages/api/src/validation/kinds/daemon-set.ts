// apps/v1 DaemonSet (ValidateDaemonSet, ValidateDaemonSetUpdate with the apps/v1 immutable selector,
// ValidateDaemonSetStatusUpdate). Unlike the other workloads a missing selector is not "Required": it
// selects nothing, so only the template-label mismatch is reported, as upstream does.
import type { DaemonSetSpec, DaemonSetUpdateStrategy } from "kubernetes-types/apps/v1.js";
import { type FieldError, invalid, notSupported, required } from "../field-error.js";
import { type FieldPath, root } from "../field-path.js";
import { validateNonnegative } from "../numbers.js";
import { WORKLOAD_META } from "./deployment.js";
import {
  intOrPercentValue,
  isNotMoreThan100Percent,
  validatePositiveIntOrPercent,
} from "./int-or-percent.js";
import type { KindValidator } from "./kind-validator.js";
import { asSelector, selectorIsEmpty, selectorOf, validateLabelSelector } from "./label-selector.js";
import { metaOf, validateObjectMeta, validateObjectMetaUpdate } from "./object-meta.js";
import { templateLabels, templateOf, validatePodTemplateSpec } from "./pod-template.js";
import { fieldAs, isObj, num, ptr, str } from "./read.js";
import {
  collisionCount,
  collisionCountNotDecremented,
  nonnegativeFields,
  statusRecord,
} from "./workload-status.js";
import {
  SELECTOR_MISMATCH,
  validateSelectorUnchanged,
  validateTemplateRestartRules,
} from "./workload-template.js";

const SPEC = root("spec");

function specOf(obj: unknown): DaemonSetSpec {
  return fieldAs<DaemonSetSpec>(obj, "spec");
}

function validateUpdateStrategy(strategy: DaemonSetUpdateStrategy, path: FieldPath): FieldError[] {
  const type = str(strategy.type);
  if (type === "OnDelete") return [];
  if (type !== "RollingUpdate") return [notSupported(path, strategy, ["RollingUpdate", "OnDelete"])];
  const rolling = ptr(strategy.rollingUpdate);
  if (!isObj(rolling)) return [required(path.child("rollingUpdate"))];
  const r = path.child("rollingUpdate");
  const errs = [
    ...validatePositiveIntOrPercent(rolling.maxUnavailable, r.child("maxUnavailable")),
    ...validatePositiveIntOrPercent(rolling.maxSurge, r.child("maxSurge")),
    ...isNotMoreThan100Percent(rolling.maxUnavailable, r.child("maxUnavailable")),
    ...isNotMoreThan100Percent(rolling.maxSurge, r.child("maxSurge")),
  ];
  const hasUnavailable = intOrPercentValue(rolling.maxUnavailable) !== 0;
  const hasSurge = intOrPercentValue(rolling.maxSurge) !== 0;
  if (hasUnavailable && hasSurge) {
    errs.push(
      invalid(
        r.child("maxSurge"),
        rolling.maxSurge ?? null,
        "may not be set when maxUnavailable is non-zero",
      ),
    );
  } else if (!hasUnavailable && !hasSurge) {
    errs.push(required(r.child("maxUnavailable"), "cannot be 0 when maxSurge is 0"));
  }
  return errs;
}

function validateDaemonSetSpec(spec: DaemonSetSpec): FieldError[] {
  const selector = selectorOf(spec.selector);
  const errs = validateLabelSelector(selector, SPEC.child("selector"));
  const template = templateOf(spec.template);
  const parsed = asSelector(selector);
  if (parsed !== undefined && !parsed.matches(templateLabels(template))) {
    errs.push(
      invalid(SPEC.child("template", "metadata", "labels"), templateLabels(template), SELECTOR_MISMATCH),
    );
  }
  if (selector !== undefined && selectorIsEmpty(selector)) {
    errs.push(invalid(SPEC.child("selector"), selector, "empty selector is invalid for daemonset"));
  }
  errs.push(...validatePodTemplateSpec(template, SPEC.child("template")));
  errs.push(...validateTemplateRestartRules(template, "DaemonSet", SPEC.child("template")));
  errs.push(...validateNonnegative(num(spec.minReadySeconds), SPEC.child("minReadySeconds")));
  errs.push(
    ...validateUpdateStrategy(
      isObj(spec.updateStrategy) ? spec.updateStrategy : {},
      SPEC.child("updateStrategy"),
    ),
  );
  const history = ptr(spec.revisionHistoryLimit);
  if (history !== undefined) errs.push(...validateNonnegative(history, SPEC.child("revisionHistoryLimit")));
  return errs;
}

function validateStatus(obj: unknown, old: unknown): FieldError[] {
  const path = root("status");
  const status = statusRecord(obj);
  return [
    ...nonnegativeFields(
      status,
      [
        "currentNumberScheduled",
        "numberMisscheduled",
        "desiredNumberScheduled",
        "numberReady",
        "observedGeneration",
        "updatedNumberScheduled",
        "numberAvailable",
        "numberUnavailable",
      ],
      path,
    ),
    ...collisionCount(status, path),
    ...collisionCountNotDecremented(status, statusRecord(old), path),
  ];
}

export const daemonSetValidator: KindValidator = {
  namespaced: true,
  create: (obj) => [...validateObjectMeta(metaOf(obj), WORKLOAD_META), ...validateDaemonSetSpec(specOf(obj))],
  update: (obj, old) => [
    ...validateObjectMetaUpdate(metaOf(obj), metaOf(old), true),
    ...validateDaemonSetSpec(specOf(obj)),
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
