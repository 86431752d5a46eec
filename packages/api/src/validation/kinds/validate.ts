// The entry points: create, update and status-update validation of a decoded, defaulted object of any
// kind. Unknown kinds get metadata validation only (with their name rule from nameRuleFor).
import type { FieldError } from "../field-error.js";
import { nameRuleFor } from "../name-rules.js";
import { metaOf, validateObjectMeta, validateObjectMetaUpdate } from "./object-meta.js";
import { str } from "./read.js";
import { validatorFor } from "./registry.js";

export interface ValidateOptions {
  /**
   * Whether an unknown kind is namespaced (the registry knows). When not given, a namespace is required of
   * no unknown object and only checked when present.
   */
  readonly namespaced?: boolean;
}

function genericMeta(kind: string, obj: unknown, opts: ValidateOptions): FieldError[] {
  const meta = metaOf(obj);
  const namespaced = opts.namespaced ?? str(meta.namespace) !== "";
  return validateObjectMeta(meta, { namespaced, nameRule: nameRuleFor(kind), kubeFinalizers: false });
}

/** Errors of a new object (create), after defaulting. `kind` with group, e.g. ("apps", "Deployment"). */
export function validateObject(
  group: string,
  kind: string,
  obj: unknown,
  opts: ValidateOptions = {},
): FieldError[] {
  const validator = validatorFor(group, kind);
  return validator === undefined ? genericMeta(kind, obj, opts) : validator.create(obj);
}

/** Errors of an update (after defaulting): validateObject's checks plus immutability rules against `old`. */
export function validateUpdate(
  group: string,
  kind: string,
  obj: unknown,
  old: unknown,
  opts: ValidateOptions = {},
): FieldError[] {
  const validator = validatorFor(group, kind);
  if (validator !== undefined) return validator.update(obj, old);
  return [...genericMeta(kind, obj, opts), ...validateObjectMetaUpdate(metaOf(obj), metaOf(old), false)];
}

/** Status-subresource updates: status fields only (and the metadata rules every update has). */
export function validateStatusUpdate(group: string, kind: string, obj: unknown, old: unknown): FieldError[] {
  const validator = validatorFor(group, kind);
  if (validator !== undefined) return validator.status(obj, old);
  return validateObjectMetaUpdate(metaOf(obj), metaOf(old), false);
}
