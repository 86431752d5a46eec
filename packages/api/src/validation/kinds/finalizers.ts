// metadata.finalizers. Every finalizer is a qualified name (reported at "metadata.finalizers", no index);
// core kinds additionally require unprefixed names to be one of the standard finalizers (reported at the
// entry's index). "orphan" and "foregroundDeletion" contradict each other.
import { type FieldError, forbidden, invalid } from "../field-error.js";
import type { FieldPath } from "../field-path.js";
import { goQuote } from "../go-format.js";
import { isQualifiedName } from "../labels.js";
import { list, str } from "./read.js";

export const FINALIZER_ORPHAN_DEPENDENTS = "orphan";
export const FINALIZER_DELETE_DEPENDENTS = "foregroundDeletion";
const STANDARD_FINALIZERS = new Set(["kubernetes", FINALIZER_ORPHAN_DEPENDENTS, FINALIZER_DELETE_DEPENDENTS]);

/** apimachinery ValidateFinalizerName: a qualified name, errors at `path` itself. */
export function validateFinalizerName(name: string, path: FieldPath): FieldError[] {
  return isQualifiedName(name).map((msg) => invalid(path, name, msg));
}

/** The core API group's extra rule (validateKubeFinalizerName). */
export function validateKubeFinalizerName(name: string, path: FieldPath): FieldError[] {
  if (!name.includes("/") && !STANDARD_FINALIZERS.has(name)) {
    return [invalid(path, name, "name is neither a standard finalizer name nor is it fully qualified")];
  }
  return [];
}

/** apimachinery ValidateFinalizers. */
export function validateFinalizers(finalizers: unknown, path: FieldPath): FieldError[] {
  const names = list<string>(finalizers).map(str);
  const errs = names.flatMap((f) => validateFinalizerName(f, path));
  if (names.includes(FINALIZER_ORPHAN_DEPENDENTS) && names.includes(FINALIZER_DELETE_DEPENDENTS)) {
    errs.push(
      invalid(
        path,
        names,
        `finalizer ${FINALIZER_ORPHAN_DEPENDENTS} and ${FINALIZER_DELETE_DEPENDENTS} cannot be both set`,
      ),
    );
  }
  return errs;
}

/** The core wrapper's per-entry check, at "finalizers[i]". */
export function validateKubeFinalizers(finalizers: unknown, path: FieldPath): FieldError[] {
  return list<string>(finalizers).flatMap((f, i) => validateKubeFinalizerName(str(f), path.index(i)));
}

/** Go's %#v of a []string, as ValidateNoNewFinalizers prints the extra names. */
function goStringSlice(values: readonly string[]): string {
  return `[]string{${values.map(goQuote).join(", ")}}`;
}

/** Finalizers cannot be added once deletion has started. */
export function validateNoNewFinalizers(next: unknown, prev: unknown, path: FieldPath): FieldError[] {
  const before = new Set(list<string>(prev).map(str));
  const extra = [...new Set(list<string>(next).map(str))].filter((f) => !before.has(f)).sort();
  if (extra.length === 0) return [];
  return [
    forbidden(
      path,
      `no new finalizers can be added if the object is being deleted, found new finalizers ${goStringSlice(extra)}`,
    ),
  ];
}
