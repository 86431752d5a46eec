import { KNOWN_KINDS, KNOWN_TYPES } from "./generated/known-types.js";
import type { FieldType } from "./model.js";

// Lookups go through Object.hasOwn: a body's keys are untrusted, and "constructor" or "__proto__" must
// never find Object.prototype's members.

const DELETE_OPTIONS = "meta.k8s.io/v1/DeleteOptions";

/** The type name of a kind's body, or undefined when there is no field data for it. */
export function rootTypeOf(group: string, version: string, kind: string): string | undefined {
  const key = `${group}/${version}/${kind}`;
  if (Object.hasOwn(KNOWN_KINDS, key)) return KNOWN_KINDS[key];
  // Kubernetes registers meta/v1 DeleteOptions in every group version.
  if (kind === "DeleteOptions") return KNOWN_KINDS[DELETE_OPTIONS];
  return undefined;
}

/** Whether checkFields knows the fields of this kind (the metrics kinds, for one, are never decoded). */
export function hasKnownFields(group: string, version: string, kind: string): boolean {
  return rootTypeOf(group, version, kind) !== undefined;
}

/** The fields of a struct type, or undefined for a leaf, list or map type. */
export function fieldsOf(type: FieldType): Readonly<Record<string, FieldType>> | undefined {
  return Object.hasOwn(KNOWN_TYPES, type) ? KNOWN_TYPES[type] : undefined;
}

/** The type of one field of a struct, or undefined when the struct has no such field. */
export function fieldType(fields: Readonly<Record<string, FieldType>>, name: string): FieldType | undefined {
  return Object.hasOwn(fields, name) ? fields[name] : undefined;
}
