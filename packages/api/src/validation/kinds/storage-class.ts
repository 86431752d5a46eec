// storage.k8s.io/v1 StorageClass: a provisioner (a qualified name), bounded parameters, a reclaim policy
// and binding mode; provisioner, parameters, reclaim policy and binding mode never change. Kubernetes
// defaults reclaimPolicy to Delete and volumeBindingMode to Immediate; absent values are read that way.
import { type FieldError, forbidden, invalid, notSupported, required, tooLong } from "../field-error.js";
import { root } from "../field-path.js";
import { isQualifiedName } from "../labels.js";
import { nameIsDnsSubdomain } from "../names.js";
import { FIELD_IMMUTABLE_ERROR_MSG } from "../numbers.js";
import type { KindValidator } from "./kind-validator.js";
import { metaOf, validateObjectMeta, validateObjectMetaUpdate } from "./object-meta.js";
import { isObj, ptr, sortedKeys, str, strMap } from "./read.js";
import { semanticEqual } from "./semantic-equal.js";

const CLASS_META = { namespaced: false, nameRule: nameIsDnsSubdomain, kubeFinalizers: true } as const;
const MAX_PARAMETER_COUNT = 512;
const MAX_PARAMETER_SIZE = 256 * 1024;
const RECLAIM_POLICIES = ["Delete", "Retain"];
const BINDING_MODES = ["Immediate", "WaitForFirstConsumer"];

function fields(obj: unknown): Record<string, unknown> {
  return isObj(obj) ? obj : {};
}

function reclaimPolicy(obj: unknown): string {
  return str(ptr(fields(obj).reclaimPolicy) ?? "Delete");
}

function bindingMode(obj: unknown): string {
  return str(ptr(fields(obj).volumeBindingMode) ?? "Immediate");
}

function create(obj: unknown): FieldError[] {
  const sc = fields(obj);
  const errs = validateObjectMeta(metaOf(obj), CLASS_META);
  const provisioner = str(sc.provisioner);
  if (provisioner === "") errs.push(required(root("provisioner")));
  else {
    const lower = provisioner.toLowerCase();
    errs.push(...isQualifiedName(lower).map((msg) => invalid(root("provisioner"), lower, msg)));
  }
  const params = strMap(sc.parameters);
  const keys = sortedKeys(params);
  if (keys.length > MAX_PARAMETER_COUNT) {
    errs.push(tooLong(root("parameters"), "", MAX_PARAMETER_COUNT));
  } else {
    let size = 0;
    for (const key of keys) {
      if (key.length < 1) errs.push(invalid(root("parameters"), key, "field can not be empty."));
      size += Buffer.byteLength(key) + Buffer.byteLength(str(params[key]));
    }
    if (size > MAX_PARAMETER_SIZE) errs.push(tooLong(root("parameters"), "", MAX_PARAMETER_SIZE));
  }
  const reclaim = reclaimPolicy(obj);
  if (reclaim !== "" && !RECLAIM_POLICIES.includes(reclaim)) {
    errs.push(notSupported(root("reclaimPolicy"), reclaim, RECLAIM_POLICIES));
  }
  const mode = bindingMode(obj);
  if (!BINDING_MODES.includes(mode)) errs.push(notSupported(root("volumeBindingMode"), mode, BINDING_MODES));
  return errs;
}

/** The storage class strategy validates the new class in full, then ValidateStorageClassUpdate. */
function update(obj: unknown, old: unknown): FieldError[] {
  const errs = [...create(obj), ...validateObjectMetaUpdate(metaOf(obj), metaOf(old), true)];
  if (!semanticEqual(strMap(fields(obj).parameters), strMap(fields(old).parameters))) {
    errs.push(forbidden(root("parameters"), "updates to parameters are forbidden."));
  }
  if (str(fields(obj).provisioner) !== str(fields(old).provisioner)) {
    errs.push(forbidden(root("provisioner"), "updates to provisioner are forbidden."));
  }
  if (reclaimPolicy(obj) !== reclaimPolicy(old)) {
    errs.push(forbidden(root("reclaimPolicy"), "updates to reclaimPolicy are forbidden."));
  }
  if (bindingMode(obj) !== bindingMode(old)) {
    errs.push(invalid(root("volumeBindingMode"), bindingMode(obj), FIELD_IMMUTABLE_ERROR_MSG));
  }
  return errs;
}

export const storageClassValidator: KindValidator = {
  namespaced: false,
  create,
  update,
  status: (obj, old) => validateObjectMetaUpdate(metaOf(obj), metaOf(old), true),
};
