// File paths inside volumes (subPath, items[].path, hostPath.path): no "..", relative where required.
import { type FieldError, invalid } from "../field-error.js";
import type { FieldPath } from "../field-path.js";

/** validatePathNoBacksteps: one error even for "../../..". */
export function validatePathNoBacksteps(target: string, path: FieldPath): FieldError[] {
  return target.replaceAll("\\", "/").split("/").includes("..")
    ? [invalid(path, target, "must not contain '..'")]
    : [];
}

/** validateLocalDescendingPath: relative and without "..". */
export function validateLocalDescendingPath(target: string, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (target.startsWith("/")) errs.push(invalid(path, target, "must be a relative path"));
  errs.push(...validatePathNoBacksteps(target, path));
  return errs;
}

/** ValidateLocalNonReservedPath: also refuses names starting with ".." (such as "..data"). */
export function validateLocalNonReservedPath(target: string, path: FieldPath): FieldError[] {
  const errs = validateLocalDescendingPath(target, path);
  if (target.startsWith("..") && !target.startsWith("../")) {
    errs.push(invalid(path, target, "must not start with '..'"));
  }
  return errs;
}
