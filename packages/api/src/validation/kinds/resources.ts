// Container resources: every quantity parses and is non-negative, requests do not exceed limits, and
// resources that cannot be overcommitted (huge pages, extended resources) have requests equal to limits.
import type { ResourceRequirements } from "kubernetes-types/core/v1.js";
import { type FieldError, forbidden, invalid, required } from "../field-error.js";
import type { FieldPath } from "../field-path.js";
import { IS_NEGATIVE_ERROR_MSG } from "../numbers.js";
import { isQuantity, Quantity, quantityFrom } from "../quantity.js";
import { isObj, sortedKeys } from "./read.js";
import {
  isHugePageResourceName,
  isIntegerResourceName,
  isOvercommitAllowed,
  validateContainerResourceName,
} from "./resource-names.js";

/**
 * A quantity from a resource list, or the error for an unparsable one. Kubernetes rejects those while
 * decoding (a 400 with the same text); here they become an Invalid error on the field.
 */
export function readQuantity(value: unknown, path: FieldPath): Quantity | FieldError {
  const q = quantityFrom(value);
  return isQuantity(q) ? q : invalid(path, value ?? null, q.error);
}

/** ValidateResourceQuantityValue. */
export function validateResourceQuantityValue(name: string, q: Quantity, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (q.sign() < 0) errs.push(invalid(path, q.toString(), IS_NEGATIVE_ERROR_MSG));
  if (isIntegerResourceName(name) && !q.isInteger())
    errs.push(invalid(path, q.toString(), "must be an integer"));
  return errs;
}

/** The names and parsed quantities of a resource list, with their name and value errors. */
function readEntry(
  map: Record<string, unknown>,
  name: string,
  path: FieldPath,
  errs: FieldError[],
): Quantity | undefined {
  errs.push(...validateContainerResourceName(name, path));
  const q = readQuantity(map[name], path);
  if (!(q instanceof Quantity)) {
    errs.push(q);
    return undefined;
  }
  errs.push(...validateResourceQuantityValue(name, q, path));
  return q;
}

export function validateContainerResources(
  resources: ResourceRequirements | undefined,
  path: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  const limPath = path.child("limits");
  const reqPath = path.child("requests");
  const limitMap = isObj(resources?.limits) ? (resources.limits as Record<string, unknown>) : {};
  const requestMap = isObj(resources?.requests) ? (resources.requests as Record<string, unknown>) : {};
  const limits = new Map<string, Quantity>();
  for (const name of sortedKeys(limitMap)) {
    const q = readEntry(limitMap, name, limPath.key(name), errs);
    if (q !== undefined) limits.set(name, q);
  }
  for (const name of sortedKeys(requestMap)) {
    const request = readEntry(requestMap, name, reqPath.key(name), errs);
    if (request === undefined) continue;
    const limit = limits.get(name);
    if (limit !== undefined) {
      // Reported at the request list, not the key, as Kubernetes does.
      if (request.cmp(limit) !== 0 && !isOvercommitAllowed(name)) {
        errs.push(
          invalid(reqPath, request.toString(), `must be equal to ${name} limit of ${limit.toString()}`),
        );
      } else if (request.cmp(limit) > 0) {
        errs.push(
          invalid(
            reqPath,
            request.toString(),
            `must be less than or equal to ${name} limit of ${limit.toString()}`,
          ),
        );
      }
    } else if (!Object.hasOwn(limitMap, name) && !isOvercommitAllowed(name)) {
      errs.push(required(limPath, "Limit must be set for non overcommitable resources"));
    }
  }
  const names = [...Object.keys(limitMap), ...Object.keys(requestMap)];
  const hasCpuOrMemory = names.some((n) => n === "cpu" || n === "memory");
  if (!hasCpuOrMemory && names.some(isHugePageResourceName)) {
    errs.push(forbidden(path, "HugePages require cpu or memory"));
  }
  return errs;
}
