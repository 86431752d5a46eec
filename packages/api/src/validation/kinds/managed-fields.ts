// metadata.managedFields: only the shape is checked (the operation, the fields type, the manager text).
import type { ManagedFieldsEntry } from "kubernetes-types/meta/v1.js";
import { type FieldError, invalid, tooLong } from "../field-error.js";
import type { FieldPath } from "../field-path.js";
import { list, str } from "./read.js";

const FIELD_MANAGER_MAX_LENGTH = 128;
const MAX_SUBRESOURCE_NAME_LENGTH = 256;

/** Go's %#U of a rune: "U+0007" (with the character itself when it is printable, which here it is not). */
function goRune(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
}

export function validateFieldManager(manager: string, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (manager.length > FIELD_MANAGER_MAX_LENGTH) errs.push(tooLong(path, manager, FIELD_MANAGER_MAX_LENGTH));
  let position = 0;
  for (const ch of manager) {
    const cp = ch.codePointAt(0) ?? 0;
    // Control characters are the non-printable runes a client can realistically send.
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
      errs.push(invalid(path, manager, `invalid character ${goRune(cp)} (at position ${position})`));
    }
    position += Buffer.byteLength(ch);
  }
  return errs;
}

export function validateManagedFields(entries: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  list<ManagedFieldsEntry>(entries).forEach((entry, i) => {
    const p = path.index(i);
    const operation = str(entry.operation);
    if (operation !== "Apply" && operation !== "Update") {
      errs.push(invalid(p.child("operation"), operation, "must be `Apply` or `Update`"));
    }
    const fieldsType = str(entry.fieldsType);
    if (fieldsType !== "" && fieldsType !== "FieldsV1") {
      errs.push(invalid(p.child("fieldsType"), fieldsType, "must be `FieldsV1`"));
    }
    errs.push(...validateFieldManager(str(entry.manager), p.child("manager")));
    const subresource = str(entry.subresource);
    if (subresource.length > MAX_SUBRESOURCE_NAME_LENGTH) {
      errs.push(tooLong(p.child("subresource"), subresource, MAX_SUBRESOURCE_NAME_LENGTH));
    }
  });
  return errs;
}
