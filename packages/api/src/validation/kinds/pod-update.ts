// Pod updates (ValidatePodUpdate). A running pod's spec is fixed except for container images,
// activeDeadlineSeconds (set, or lowered), added tolerations (and tolerationSeconds of existing ones) and
// removed scheduling gates; any other change is refused with one error at "spec".
import type { Container, Pod, PodSpec, Toleration } from "kubernetes-types/core/v1.js";
import { type FieldError, forbidden, invalid, required } from "../field-error.js";
import type { FieldPath } from "../field-path.js";
import { inclusiveRangeError, MAX_INT32 } from "../numbers.js";
import { METADATA, metaOf, validateObjectMetaUpdate } from "./object-meta.js";
import { MIRROR_POD_ANNOTATION, validatePodSpecificAnnotations } from "./pod-annotations.js";
import { podSpecOf, SPEC, validatePodMetadataAndSpec } from "./pod-common.js";
import { list, ptr, str, strMap } from "./read.js";
import { describeDiff, semanticEqual } from "./semantic-equal.js";
import { validateTolerations } from "./tolerations.js";

/** The fields a pod update may change, as the refusal message lists them. */
export const UPDATABLE_POD_SPEC_FIELDS = [
  "`spec.containers[*].image`",
  "`spec.initContainers[*].image`",
  "`spec.activeDeadlineSeconds`",
  "`spec.tolerations` (only additions to existing tolerations)",
  "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
];

function validateMirrorAnnotationUpdate(pod: Pod, old: Pod): FieldError[] {
  const next = strMap(metaOf(pod).annotations);
  const prev = strMap(metaOf(old).annotations);
  const path = METADATA.child("annotations").key(MIRROR_POD_ANNOTATION);
  const had = Object.hasOwn(prev, MIRROR_POD_ANNOTATION);
  const has = Object.hasOwn(next, MIRROR_POD_ANNOTATION);
  if (had && (!has || next[MIRROR_POD_ANNOTATION] !== prev[MIRROR_POD_ANNOTATION])) {
    return [forbidden(path, "may not remove or update mirror pod annotation")];
  }
  if (!had && has) return [forbidden(path, "may not add mirror pod annotation")];
  return [];
}

/** ValidateContainerUpdates: same number of containers, each with an image. `stop` ends validation. */
function validateContainerUpdates(
  next: readonly Container[],
  prev: readonly Container[],
  path: FieldPath,
): { errs: FieldError[]; stop: boolean } {
  if (next.length !== prev.length) {
    return { errs: [forbidden(path, "pod updates may not add or remove containers")], stop: true };
  }
  const errs: FieldError[] = [];
  next.forEach((c, i) => {
    const image = str(c.image);
    if (image === "") errs.push(required(path.index(i).child("image")));
    if (image.trim() !== image) {
      errs.push(invalid(path.index(i).child("image"), image, "must not have leading or trailing whitespace"));
    }
  });
  return { errs, stop: false };
}

function withoutSeconds(t: Toleration): Toleration {
  const { tolerationSeconds: _ignored, ...rest } = t;
  return rest;
}

/** Existing tolerations must stay (only their tolerationSeconds may change); new ones may be added. */
function validateOnlyAddedTolerations(
  next: readonly Toleration[],
  prev: readonly Toleration[],
  path: FieldPath,
): FieldError[] {
  for (const old of prev) {
    if (!next.some((t) => semanticEqual(withoutSeconds(t), withoutSeconds(old)))) {
      return [forbidden(path, "existing toleration can not be modified except its tolerationSeconds")];
    }
  }
  return validateTolerations(next, path);
}

function validateOnlyDeletedSchedulingGates(next: unknown, prev: unknown, path: FieldPath): FieldError[] {
  const old = new Set(list<{ name?: string }>(prev).map((g) => str(g.name)));
  const errs: FieldError[] = [];
  list<{ name?: string }>(next).forEach((gate, i) => {
    const name = str(gate.name);
    if (!old.has(name)) {
      errs.push(
        forbidden(
          path.index(i).child("name"),
          `only deletion is allowed, but found new scheduling gate '${name}'`,
        ),
      );
    }
  });
  return errs;
}

function validateActiveDeadlineUpdate(next: PodSpec, prev: PodSpec): { errs: FieldError[]; stop: boolean } {
  const path = SPEC.child("activeDeadlineSeconds");
  const value = ptr(next.activeDeadlineSeconds);
  const old = ptr(prev.activeDeadlineSeconds);
  if (value !== undefined) {
    if (value < 0 || value > MAX_INT32)
      return { errs: [invalid(path, value, inclusiveRangeError(0, MAX_INT32))], stop: true };
    if (old !== undefined && old < value) {
      return { errs: [invalid(path, value, "must be less than or equal to previous value")], stop: true };
    }
  } else if (old !== undefined) {
    return {
      errs: [invalid(path, null, "must not update from a positive integer to nil value")],
      stop: false,
    };
  }
  return { errs: [], stop: false };
}

/** The new spec with every field an update may change put back to its old value. */
function mungedSpec(next: PodSpec, prev: PodSpec): PodSpec {
  const withOldImages = (cs: readonly Container[], olds: readonly Container[]): Container[] =>
    cs.map((c, i) => ({ ...c, image: olds[i]?.image ?? "" }));
  const munged: PodSpec = {
    ...next,
    containers: withOldImages(list<Container>(next.containers), list<Container>(prev.containers)),
    initContainers: withOldImages(list<Container>(next.initContainers), list<Container>(prev.initContainers)),
    activeDeadlineSeconds: prev.activeDeadlineSeconds,
    schedulingGates: prev.schedulingGates,
    tolerations: prev.tolerations,
  };
  const oldGrace = ptr(prev.terminationGracePeriodSeconds);
  if (oldGrace !== undefined && oldGrace < 0 && munged.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = oldGrace;
  }
  return munged;
}

export function validatePodUpdate(pod: Pod, old: Pod): FieldError[] {
  const errs = validateObjectMetaUpdate(metaOf(pod), metaOf(old), true);
  errs.push(...validatePodMetadataAndSpec(pod));
  errs.push(...validateMirrorAnnotationUpdate(pod, old));
  errs.push(
    ...validatePodSpecificAnnotations(
      strMap(metaOf(pod).annotations),
      podSpecOf(pod),
      METADATA.child("annotations"),
    ),
  );
  const next = podSpecOf(pod);
  const prev = podSpecOf(old);
  for (const field of ["containers", "initContainers"] as const) {
    const r = validateContainerUpdates(
      list<Container>(next[field]),
      list<Container>(prev[field]),
      SPEC.child(field),
    );
    errs.push(...r.errs);
    if (r.stop) return errs;
  }
  const deadline = validateActiveDeadlineUpdate(next, prev);
  errs.push(...deadline.errs);
  if (deadline.stop) return errs;
  errs.push(
    ...validateOnlyAddedTolerations(
      list<Toleration>(next.tolerations),
      list<Toleration>(prev.tolerations),
      SPEC.child("tolerations"),
    ),
  );
  if (list(next.schedulingGates).length > 0) {
    errs.push(
      ...validateOnlyDeletedSchedulingGates(
        next.schedulingGates,
        prev.schedulingGates,
        SPEC.child("schedulingGates"),
      ),
    );
  }
  if (semanticEqual(next, prev)) return errs;
  const munged = mungedSpec(next, prev);
  if (!semanticEqual(munged, prev)) {
    const diff = describeDiff(prev, munged, "spec").join("\n");
    errs.push(
      forbidden(
        SPEC,
        `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(",")}\n${diff}`,
      ),
    );
  }
  return errs;
}
