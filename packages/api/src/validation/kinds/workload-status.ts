// Replica counters of workload status: none negative, and none above what the status says exists.
import { type FieldError, invalid } from "../field-error.js";
import type { FieldPath } from "../field-path.js";
import { validateNonnegative } from "../numbers.js";
import { isObj, num, ptr } from "./read.js";

export function statusRecord(obj: unknown): Record<string, unknown> {
  return isObj(obj) && isObj(obj.status) ? obj.status : {};
}

export function nonnegativeFields(
  status: Record<string, unknown>,
  fields: readonly string[],
  path: FieldPath,
): FieldError[] {
  return fields.flatMap((f) => validateNonnegative(num(status[f]), path.child(f)));
}

/** "cannot be greater than status.replicas" for each counter above `status.replicas`. */
export function notAboveReplicas(
  status: Record<string, unknown>,
  fields: readonly string[],
  path: FieldPath,
): FieldError[] {
  const replicas = num(status.replicas);
  return fields.flatMap((f) =>
    num(status[f]) > replicas
      ? [invalid(path.child(f), num(status[f]), "cannot be greater than status.replicas")]
      : [],
  );
}

export function availableNotAboveReady(status: Record<string, unknown>, path: FieldPath): FieldError[] {
  const available = num(status.availableReplicas);
  return available > num(status.readyReplicas)
    ? [invalid(path.child("availableReplicas"), available, "cannot be greater than readyReplicas")]
    : [];
}

export function collisionCount(status: Record<string, unknown>, path: FieldPath): FieldError[] {
  const count = ptr(status.collisionCount);
  return typeof count === "number" ? validateNonnegative(count, path.child("collisionCount")) : [];
}

/** IsDecremented on status.collisionCount. */
export function collisionCountNotDecremented(
  status: Record<string, unknown>,
  oldStatus: Record<string, unknown>,
  path: FieldPath,
): FieldError[] {
  const next = ptr(status.collisionCount);
  const prev = ptr(oldStatus.collisionCount);
  if (typeof prev !== "number") return [];
  const value = typeof next === "number" ? next : 0;
  return typeof next !== "number" || next < prev
    ? [invalid(path.child("collisionCount"), value, "cannot be decremented")]
    : [];
}
