// metadata.ownerReferences: every reference names a versioned kind, a name and a uid, at most one is the
// controller, and Events may not own anything. Errors sit at "metadata.ownerReferences.<field>" without an
// index, exactly where Kubernetes puts them.
import type { OwnerReference } from "kubernetes-types/meta/v1.js";
import { type FieldError, invalid } from "../field-error.js";
import type { FieldPath } from "../field-path.js";
import { list, str } from "./read.js";

/** schema.ParseGroupVersion, forgiving as FromAPIVersionAndKind is: a malformed value has no version. */
function groupVersion(apiVersion: string): { group: string; version: string } {
  if (apiVersion === "" || apiVersion === "/") return { group: "", version: "" };
  const slashes = apiVersion.split("/").length - 1;
  if (slashes === 0) return { group: "", version: apiVersion };
  if (slashes === 1) {
    const i = apiVersion.indexOf("/");
    return { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
  }
  return { group: "", version: "" };
}

function validateOwnerReference(ref: OwnerReference, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const apiVersion = str(ref.apiVersion);
  const kind = str(ref.kind);
  const gv = groupVersion(apiVersion);
  if (gv.version === "")
    errs.push(invalid(path.child("apiVersion"), apiVersion, "version must not be empty"));
  if (kind === "") errs.push(invalid(path.child("kind"), kind, "must not be empty"));
  if (str(ref.name) === "") errs.push(invalid(path.child("name"), str(ref.name), "must not be empty"));
  if (str(ref.uid) === "") errs.push(invalid(path.child("uid"), str(ref.uid), "must not be empty"));
  if (gv.group === "" && gv.version === "v1" && kind === "Event") {
    errs.push(invalid(path, ref, "/v1, Kind=Event is disallowed from being an owner"));
  }
  return errs;
}

export function validateOwnerReferences(refs: unknown, path: FieldPath): FieldError[] {
  const all = list<OwnerReference>(refs);
  const errs: FieldError[] = [];
  let firstController = "";
  for (const ref of all) {
    errs.push(...validateOwnerReference(ref, path));
    if (ref.controller === true) {
      const current = `${str(ref.kind)}/${str(ref.name)}`;
      if (firstController !== "") {
        errs.push(
          invalid(
            path,
            all,
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`,
          ),
        );
      } else {
        firstController = current;
      }
    }
  }
  return errs;
}
