// What Deployments and ReplicaSets share: a required, non-empty selector that matches the template's labels
// (ValidatePodTemplateSpecForReplicaSet), and the apps/v1 rule that a selector never changes.
import type { LabelSelector } from "kubernetes-types/meta/v1.js";
import { type FieldError, forbidden, invalid, notSupported, required } from "../field-error.js";
import type { FieldPath } from "../field-path.js";
import { FIELD_IMMUTABLE_ERROR_MSG } from "../numbers.js";
import { asSelector, selectorIsEmpty, validateLabelSelector } from "./label-selector.js";
import { templateLabels, templateOf, templateSpec, validatePodTemplateSpec } from "./pod-template.js";
import { ptr, str } from "./read.js";
import { semanticEqual } from "./semantic-equal.js";

/** The kind named in "activeDeadlineSeconds in <Kind> is not Supported" and the empty-selector message. */
export type WorkloadKind = "Deployment" | "ReplicaSet" | "DaemonSet";

export const SELECTOR_MISMATCH = "`selector` does not match template `labels`";

/** spec.selector: required, valid, and not empty ("empty selector is invalid for deployment"). */
export function validateRequiredSelector(selector: LabelSelector | undefined, path: FieldPath): FieldError[] {
  if (selector === undefined) return [required(path)];
  const errs = validateLabelSelector(selector, path);
  // ReplicaSets share the Deployment wording upstream.
  if (selectorIsEmpty(selector))
    errs.push(invalid(path, selector, "empty selector is invalid for deployment"));
  return errs;
}

/** The template checks every replicated workload makes, after its selector has been converted. */
export function validateReplicatedTemplate(
  template: unknown,
  selector: LabelSelector | undefined,
  kind: WorkloadKind,
  path: FieldPath,
  selectorPath: FieldPath,
): FieldError[] {
  const parsed = asSelector(selector);
  if (parsed === undefined) return [invalid(selectorPath, selector ?? null, "invalid label selector")];
  const t = templateOf(template);
  const errs: FieldError[] = [];
  // A missing selector selects nothing, so it never matches the template either (reported as well).
  if (!parsed.empty && !parsed.matches(templateLabels(t))) {
    errs.push(invalid(path.child("metadata", "labels"), templateLabels(t), SELECTOR_MISMATCH));
  }
  errs.push(...validatePodTemplateSpec(t, path));
  errs.push(...validateTemplateRestartRules(t, kind, path));
  return errs;
}

/** Replicated pods restart forever and never time out. */
export function validateTemplateRestartRules(
  template: unknown,
  kind: WorkloadKind,
  path: FieldPath,
): FieldError[] {
  const spec = templateSpec(templateOf(template));
  const errs: FieldError[] = [];
  const restartPolicy = str(spec.restartPolicy);
  if (restartPolicy !== "Always")
    errs.push(notSupported(path.child("spec", "restartPolicy"), restartPolicy, ["Always"]));
  if (ptr(spec.activeDeadlineSeconds) !== undefined) {
    errs.push(
      forbidden(
        path.child("spec", "activeDeadlineSeconds"),
        `activeDeadlineSeconds in ${kind} is not Supported`,
      ),
    );
  }
  return errs;
}

/** apps/v1 selectors are immutable. */
export function validateSelectorUnchanged(
  next: LabelSelector | undefined,
  prev: LabelSelector | undefined,
  path: FieldPath,
): FieldError[] {
  return semanticEqual(next, prev) ? [] : [invalid(path, next ?? null, FIELD_IMMUTABLE_ERROR_MSG)];
}
