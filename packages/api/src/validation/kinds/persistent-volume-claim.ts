// core/v1 PersistentVolumeClaim: access modes and a positive storage request; after creation the spec is
// fixed except for binding (volumeName, once), setting a missing storageClassName, and the storage request
// of a bound claim (which may grow, or shrink no lower than the recorded capacity).
import type { PersistentVolumeClaimSpec } from "kubernetes-types/core/v1.js";
import { type FieldError, forbidden, invalid, notSupported, required } from "../field-error.js";
import { root } from "../field-path.js";
import { nameIsDnsSubdomain } from "../names.js";
import { FIELD_IMMUTABLE_ERROR_MSG } from "../numbers.js";
import { Quantity } from "../quantity.js";
import { VOLUME_MODES, validateAccessModes } from "./access-modes.js";
import type { KindValidator } from "./kind-validator.js";
import { selectorOf, validateLabelSelector } from "./label-selector.js";
import { metaOf, validateObjectMeta, validateObjectMetaUpdate } from "./object-meta.js";
import { isObj, list, ptr, sortedKeys, str } from "./read.js";
import { readQuantity, validateResourceQuantityValue } from "./resources.js";
import { describeDiff, semanticEqual } from "./semantic-equal.js";

const SPEC = root("spec");
const PVC_META = { namespaced: true, nameRule: nameIsDnsSubdomain, kubeFinalizers: true } as const;

function specOf(obj: unknown): PersistentVolumeClaimSpec {
  return isObj(obj) && isObj(obj.spec) ? (obj.spec as PersistentVolumeClaimSpec) : {};
}

function phaseOf(obj: unknown): string {
  return isObj(obj) && isObj(obj.status) ? str(obj.status.phase) : "";
}

function storageOf(map: unknown): Quantity | undefined {
  if (!isObj(map) || map.storage === undefined) return undefined;
  const q = readQuantity(map.storage, SPEC);
  return q instanceof Quantity ? q : undefined;
}

function validateSpec(spec: PersistentVolumeClaimSpec): FieldError[] {
  const errs: FieldError[] = [];
  if (list(spec.accessModes).length === 0) {
    errs.push(required(SPEC.child("accessModes"), "at least 1 access mode is required"));
  }
  errs.push(...validateLabelSelector(selectorOf(spec.selector), SPEC.child("selector")));
  errs.push(...validateAccessModes(spec.accessModes, SPEC.child("accessModes")));
  // Upstream keys the request on "resources" itself: spec.resources[storage].
  const storagePath = SPEC.child("resources").key("storage");
  const requests = isObj(spec.resources?.requests)
    ? (spec.resources?.requests as Record<string, unknown>)
    : {};
  if (!Object.hasOwn(requests, "storage")) {
    errs.push(required(storagePath));
  } else {
    const q = readQuantity(requests.storage, storagePath);
    if (!(q instanceof Quantity)) errs.push(q);
    else if (q.sign() <= 0) errs.push(invalid(storagePath, q.toString(), "must be greater than zero"));
    else errs.push(...validateResourceQuantityValue("storage", q, storagePath));
  }
  const className = ptr(spec.storageClassName);
  if (className !== undefined && className !== "") {
    errs.push(
      ...nameIsDnsSubdomain(className, false).map((msg) =>
        invalid(SPEC.child("storageClassName"), className, msg),
      ),
    );
  }
  const volumeMode = ptr(spec.volumeMode);
  if (volumeMode !== undefined && !VOLUME_MODES.includes(volumeMode)) {
    errs.push(notSupported(SPEC.child("volumeMode"), volumeMode, VOLUME_MODES));
  }
  for (const ref of ["dataSource", "dataSourceRef"] as const) {
    const source = spec[ref];
    if (!isObj(source)) continue;
    const p = SPEC.child(ref);
    if (str(source.name) === "") errs.push(required(p.child("name")));
    if (str(source.kind) === "") errs.push(required(p.child("kind")));
    if (str(source.apiGroup) === "" && str(source.kind) !== "PersistentVolumeClaim") {
      errs.push(
        invalid(p, str(source.kind), "must be 'PersistentVolumeClaim' when referencing the default apiGroup"),
      );
    }
  }
  return errs;
}

const create = (obj: unknown): FieldError[] => [
  ...validateObjectMeta(metaOf(obj), PVC_META),
  ...validateSpec(specOf(obj)),
];

function update(obj: unknown, old: unknown): FieldError[] {
  const errs = [...validateObjectMetaUpdate(metaOf(obj), metaOf(old), true), ...create(obj)];
  const spec = specOf(obj);
  const prev = specOf(old);
  const munged: PersistentVolumeClaimSpec = { ...spec };
  const before: PersistentVolumeClaimSpec = { ...prev };
  // Binding sets volumeName once; a claim without a class may be given one.
  if (str(prev.volumeName) === "") before.volumeName = spec.volumeName;
  if (ptr(prev.storageClassName) === undefined && ptr(spec.storageClassName) !== undefined) {
    munged.storageClassName = prev.storageClassName;
  }
  if (phaseOf(obj) === "Bound" && isObj(spec.resources?.requests)) {
    munged.resources = {
      ...spec.resources,
      requests: { ...spec.resources.requests, storage: prev.resources?.requests?.storage ?? "" },
    };
    if (ptr(spec.volumeAttributesClassName) !== undefined)
      munged.volumeAttributesClassName = prev.volumeAttributesClassName;
  }
  if (!semanticEqual(munged, before)) {
    const diff = describeDiff(before, munged, "spec").join("\n");
    errs.push(
      forbidden(
        SPEC,
        `spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n${diff}`,
      ),
    );
  }
  const newSize = storageOf(spec.resources?.requests);
  const oldSize = storageOf(prev.resources?.requests);
  const statusSize = storageOf(isObj(old) && isObj(old.status) ? old.status.capacity : undefined);
  // RecoverVolumeExpansionFailure (beta, on in 1.32): shrinking is allowed down to above the capacity.
  if (newSize !== undefined && oldSize !== undefined && newSize.cmp(oldSize) < 0) {
    if (statusSize === undefined || newSize.cmp(statusSize) <= 0) {
      errs.push(
        forbidden(
          SPEC.child("resources", "requests", "storage"),
          "field can not be less than status.capacity",
        ),
      );
    }
  }
  // Reported without the "spec." prefix, as upstream does.
  if (ptr(spec.volumeMode) !== ptr(prev.volumeMode)) {
    errs.push(invalid(root("volumeMode"), ptr(spec.volumeMode) ?? null, FIELD_IMMUTABLE_ERROR_MSG));
  }
  return errs;
}

function status(obj: unknown, old: unknown): FieldError[] {
  const errs = validateObjectMetaUpdate(metaOf(obj), metaOf(old), true);
  if (str(metaOf(obj).resourceVersion) === "") errs.push(required(root("resourceVersion")));
  // "Spec" with a capital S is the path upstream reports.
  if (list(specOf(obj).accessModes).length === 0) errs.push(required(root("Spec", "accessModes")));
  const capacity = isObj(obj) && isObj(obj.status) && isObj(obj.status.capacity) ? obj.status.capacity : {};
  for (const name of sortedKeys(capacity)) {
    const p = root("status", "capacity").key(name);
    const q = readQuantity(capacity[name], p);
    if (!(q instanceof Quantity)) errs.push(q);
    else if (q.sign() < 0) errs.push(invalid(p, Number(q.value()), "must be a valid resource quantity"));
  }
  return errs;
}

export const persistentVolumeClaimValidator: KindValidator = { namespaced: true, create, update, status };
