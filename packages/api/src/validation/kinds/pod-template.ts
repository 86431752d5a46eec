// The pod template of a workload (ValidatePodTemplateSpec): its labels and annotations (at
// "template.labels", the template's embedded metadata) and its pod spec; ephemeral containers are not
// allowed in templates.
import type { PodSpec, PodTemplateSpec } from "kubernetes-types/core/v1.js";
import { type FieldError, forbidden } from "../field-error.js";
import type { FieldPath } from "../field-path.js";
import { validateAnnotations, validateLabels } from "../labels.js";
import { validatePodSpecificAnnotations } from "./pod-annotations.js";
import { validatePodSpec } from "./pod-spec.js";
import { isObj, list, strMap } from "./read.js";

export function templateOf(v: unknown): PodTemplateSpec {
  return isObj(v) ? (v as PodTemplateSpec) : {};
}

export function templateSpec(template: PodTemplateSpec): PodSpec {
  return isObj(template.spec) ? template.spec : ({} as PodSpec);
}

export function templateLabels(template: PodTemplateSpec): Record<string, string> {
  return strMap(template.metadata?.labels);
}

export function validatePodTemplateSpec(template: PodTemplateSpec, path: FieldPath): FieldError[] {
  const annotations = strMap(template.metadata?.annotations);
  const spec = templateSpec(template);
  const errs = [
    ...validateLabels(templateLabels(template), path.child("labels")),
    ...validateAnnotations(annotations, path.child("annotations")),
    ...validatePodSpecificAnnotations(annotations, spec, path.child("annotations")),
    ...validatePodSpec(spec, path.child("spec"), { resourceIsPod: false }),
  ];
  if (list(spec.ephemeralContainers).length > 0) {
    errs.push(
      forbidden(
        path.child("spec", "ephemeralContainers"),
        "ephemeral containers not allowed in pod template",
      ),
    );
  }
  return errs;
}
