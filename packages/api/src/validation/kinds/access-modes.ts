// Volume access modes shared by PersistentVolumes and claims.
import { type FieldError, forbidden, notSupported } from "../field-error.js";
import type { FieldPath } from "../field-path.js";
import { list, str } from "./read.js";

export const ACCESS_MODES = ["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"];
export const VOLUME_MODES = ["Block", "Filesystem"];

/** Every mode known, and ReadWriteOncePod only on its own. */
export function validateAccessModes(modes: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let oncePod = false;
  let other = false;
  for (const m of list<string>(modes).map(str)) {
    if (!ACCESS_MODES.includes(m)) errs.push(notSupported(path, m, ACCESS_MODES));
    if (m === "ReadWriteOncePod") oncePod = true;
    else if (ACCESS_MODES.includes(m)) other = true;
  }
  if (oncePod && other) errs.push(forbidden(path, "may not use ReadWriteOncePod with other access modes"));
  return errs;
}
