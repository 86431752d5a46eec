// autoscaling/v1 Scale, the body of the scale subresource: metadata and a non-negative replica count.
import { type FieldError, invalid } from "../field-error.js";
import { root } from "../field-path.js";
import { nameIsDnsSubdomain } from "../names.js";
import type { KindValidator } from "./kind-validator.js";
import { metaOf, validateObjectMeta, validateObjectMetaUpdate } from "./object-meta.js";
import { isObj, num } from "./read.js";

const SCALE_META = { namespaced: true, nameRule: nameIsDnsSubdomain, kubeFinalizers: true } as const;

function create(obj: unknown): FieldError[] {
  const errs = validateObjectMeta(metaOf(obj), SCALE_META);
  const replicas = isObj(obj) && isObj(obj.spec) ? num(obj.spec.replicas) : 0;
  if (replicas < 0)
    errs.push(invalid(root("spec", "replicas"), replicas, "must be greater than or equal to 0"));
  return errs;
}

export const scaleValidator: KindValidator = {
  namespaced: true,
  create,
  update: (obj, old) => [...validateObjectMetaUpdate(metaOf(obj), metaOf(old), true), ...create(obj)],
  status: (obj, old) => validateObjectMetaUpdate(metaOf(obj), metaOf(old), true),
};
