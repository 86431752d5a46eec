// coordination.k8s.io/v1 Lease: a positive duration, a non-negative transition count, and a coordinated
// leader-election strategy (with preferredHolder only alongside one).
import type { LeaseSpec } from "kubernetes-types/coordination/v1.js";
import { type FieldError, forbidden, invalid, notSupported } from "../field-error.js";
import { type FieldPath, root } from "../field-path.js";
import { isQualifiedName } from "../labels.js";
import { nameIsDnsSubdomain } from "../names.js";
import type { KindValidator } from "./kind-validator.js";
import { metaOf, validateObjectMeta, validateObjectMetaUpdate } from "./object-meta.js";
import { isObj, ptr, str } from "./read.js";

const SPEC = root("spec");
/** coordination validates metadata through apimachinery, without the core finalizer rule. */
const LEASE_META = { namespaced: true, nameRule: nameIsDnsSubdomain, kubeFinalizers: false } as const;
const STRATEGIES = ["OldestEmulationVersion"];

function validateStrategy(strategy: string, path: FieldPath): FieldError[] {
  // Reported at "strategy.strategy", as upstream does.
  const p = path.child("strategy");
  if (!strategy.includes("/"))
    return STRATEGIES.includes(strategy) ? [] : [notSupported(p, strategy, STRATEGIES)];
  return isQualifiedName(strategy).map((msg) => invalid(p, strategy, msg));
}

function validateSpec(obj: unknown): FieldError[] {
  const spec = (isObj(obj) && isObj(obj.spec) ? obj.spec : {}) as LeaseSpec & {
    strategy?: string;
    preferredHolder?: string;
  };
  const errs: FieldError[] = [];
  const duration = ptr(spec.leaseDurationSeconds);
  if (duration !== undefined && duration <= 0) {
    errs.push(invalid(SPEC.child("leaseDurationSeconds"), duration, "must be greater than 0"));
  }
  const transitions = ptr(spec.leaseTransitions);
  if (transitions !== undefined && transitions < 0) {
    errs.push(invalid(SPEC.child("leaseTransitions"), transitions, "must be greater than or equal to 0"));
  }
  const strategy = ptr(spec.strategy);
  if (strategy !== undefined) errs.push(...validateStrategy(strategy, SPEC.child("strategy")));
  if (str(spec.preferredHolder) !== "" && str(strategy) === "") {
    errs.push(forbidden(SPEC.child("preferredHolder"), "may only be specified if `strategy` is defined"));
  }
  return errs;
}

export const leaseValidator: KindValidator = {
  namespaced: true,
  create: (obj) => [...validateObjectMeta(metaOf(obj), LEASE_META), ...validateSpec(obj)],
  update: (obj, old) => [...validateObjectMetaUpdate(metaOf(obj), metaOf(old), false), ...validateSpec(obj)],
  status: (obj, old) => validateObjectMetaUpdate(metaOf(obj), metaOf(old), false),
};
