// metadata of every kind, on create and on update (ValidateObjectMeta / ValidateObjectMetaUpdate), in
// Kubernetes' order: generateName, name, namespace, generation, labels, annotations, ownerReferences,
// finalizers, managedFields.
import type { ObjectMeta } from "kubernetes-types/meta/v1.js";
import { type FieldError, invalid } from "../field-error.js";
import { type FieldPath, root } from "../field-path.js";
import { validateAnnotations, validateLabels } from "../labels.js";
import type { NameRule } from "../names.js";
import { validateMetadataNames } from "../names.js";
import { FIELD_IMMUTABLE_ERROR_MSG, validateNonnegative } from "../numbers.js";
import { validateFinalizers, validateKubeFinalizers, validateNoNewFinalizers } from "./finalizers.js";
import { validateManagedFields } from "./managed-fields.js";
import { validateOwnerReferences } from "./owner-references.js";
import { isObj, num, ptr, str, strMap } from "./read.js";
import { semanticEqual } from "./semantic-equal.js";

export interface MetaRules {
  readonly namespaced: boolean;
  readonly nameRule: NameRule;
  /**
   * The core API's extra finalizer rule (unprefixed finalizers must be standard ones). Kinds validated
   * through pkg/apis/core/validation have it; coordination.k8s.io does not.
   */
  readonly kubeFinalizers: boolean;
}

export const METADATA = root("metadata");

/** The metadata of an object, or an empty one when it has none. */
export function metaOf(obj: unknown): ObjectMeta {
  return isObj(obj) && isObj(obj.metadata) ? (obj.metadata as ObjectMeta) : {};
}

export function validateObjectMeta(
  meta: ObjectMeta,
  rules: MetaRules,
  path: FieldPath = METADATA,
): FieldError[] {
  const errs = validateMetadataNames(
    { name: str(meta.name), generateName: str(meta.generateName), namespace: str(meta.namespace) },
    rules.namespaced,
    rules.nameRule,
    path,
  );
  errs.push(...validateNonnegative(num(meta.generation), path.child("generation")));
  errs.push(...validateLabels(strMap(meta.labels), path.child("labels")));
  errs.push(...validateAnnotations(strMap(meta.annotations), path.child("annotations")));
  errs.push(...validateOwnerReferences(meta.ownerReferences, path.child("ownerReferences")));
  errs.push(...validateFinalizers(meta.finalizers, path.child("finalizers")));
  errs.push(...validateManagedFields(meta.managedFields, path.child("managedFields")));
  if (rules.kubeFinalizers) errs.push(...validateKubeFinalizers(meta.finalizers, path.child("finalizers")));
  return errs;
}

function immutable(next: unknown, prev: unknown, path: FieldPath): FieldError[] {
  return semanticEqual(next, prev) ? [] : [invalid(path, next ?? null, FIELD_IMMUTABLE_ERROR_MSG)];
}

/**
 * ValidateObjectMetaUpdate. An update must carry a resourceVersion: the registry fills it in for
 * unconditional updates before validating, as the API server's store does.
 */
export function validateObjectMetaUpdate(
  meta: ObjectMeta,
  old: ObjectMeta,
  kubeFinalizers: boolean,
  path: FieldPath = METADATA,
): FieldError[] {
  const errs: FieldError[] = [];
  if (ptr(old.deletionTimestamp) !== undefined) {
    errs.push(...validateNoNewFinalizers(meta.finalizers, old.finalizers, path.child("finalizers")));
  }
  if (str(meta.resourceVersion) === "") {
    errs.push(
      invalid(path.child("resourceVersion"), str(meta.resourceVersion), "must be specified for an update"),
    );
  }
  if (num(meta.generation) < num(old.generation)) {
    errs.push(invalid(path.child("generation"), num(meta.generation), "must not be decremented"));
  }
  errs.push(...immutable(str(meta.name), str(old.name), path.child("name")));
  errs.push(...immutable(str(meta.namespace), str(old.namespace), path.child("namespace")));
  errs.push(...immutable(str(meta.uid), str(old.uid), path.child("uid")));
  errs.push(
    ...immutable(ptr(meta.creationTimestamp), ptr(old.creationTimestamp), path.child("creationTimestamp")),
  );
  errs.push(
    ...immutable(ptr(meta.deletionTimestamp), ptr(old.deletionTimestamp), path.child("deletionTimestamp")),
  );
  // A pointer field: nil and 0 differ, so the loose semantic comparison is not used.
  const grace = ptr(meta.deletionGracePeriodSeconds);
  const oldGrace = ptr(old.deletionGracePeriodSeconds);
  if (grace !== oldGrace)
    errs.push(invalid(path.child("deletionGracePeriodSeconds"), grace ?? null, FIELD_IMMUTABLE_ERROR_MSG));
  errs.push(...validateLabels(strMap(meta.labels), path.child("labels")));
  errs.push(...validateAnnotations(strMap(meta.annotations), path.child("annotations")));
  errs.push(...validateOwnerReferences(meta.ownerReferences, path.child("ownerReferences")));
  errs.push(...validateManagedFields(meta.managedFields, path.child("managedFields")));
  if (kubeFinalizers) errs.push(...validateKubeFinalizers(meta.finalizers, path.child("finalizers")));
  return errs;
}
