// Security contexts: user and group ids in the uint32 range, and the contradictions Kubernetes refuses.
// Seccomp, AppArmor, SELinux and Windows options are not checked here.
import type { PodSecurityContext, SecurityContext } from "kubernetes-types/core/v1.js";
import { type FieldError, invalid } from "../field-error.js";
import type { FieldPath } from "../field-path.js";
import { inclusiveRangeError } from "../numbers.js";
import { list, num, present, ptr } from "./read.js";

const MAX_ID = 4294967295;

function validateId(value: number | undefined | null, path: FieldPath): FieldError[] {
  const id = ptr(value);
  if (id === undefined || (id >= 0 && id <= MAX_ID)) return [];
  return [invalid(path, id, inclusiveRangeError(0, MAX_ID))];
}

export function validatePodSecurityContext(
  sc: PodSecurityContext | undefined | null,
  path: FieldPath,
): FieldError[] {
  if (!present(sc)) return [];
  const errs = [
    ...validateId(sc.fsGroup, path.child("fsGroup")),
    ...validateId(sc.runAsUser, path.child("runAsUser")),
    ...validateId(sc.runAsGroup, path.child("runAsGroup")),
  ];
  list<number>(sc.supplementalGroups).forEach((gid, i) => {
    errs.push(...validateId(num(gid), path.child("supplementalGroups").index(i)));
  });
  return errs;
}

/** The pod-level contradiction that lives on the spec (hostPID with a shared process namespace). */
export function validateShareProcessNamespace(
  share: boolean | undefined | null,
  hostPID: boolean | undefined | null,
  path: FieldPath,
): FieldError[] {
  if (share === true && hostPID === true) {
    return [invalid(path, true, "ShareProcessNamespace and HostPID cannot both be enabled")];
  }
  return [];
}

export function validateSecurityContext(
  sc: SecurityContext | undefined | null,
  path: FieldPath,
): FieldError[] {
  if (!present(sc)) return [];
  const errs = [
    ...validateId(sc.runAsUser, path.child("runAsUser")),
    ...validateId(sc.runAsGroup, path.child("runAsGroup")),
  ];
  if (sc.allowPrivilegeEscalation === false) {
    if (sc.privileged === true) {
      errs.push(invalid(path, sc, "cannot set `allowPrivilegeEscalation` to false and `privileged` to true"));
    }
    for (const cap of list<string>(sc.capabilities?.add)) {
      if (cap === "CAP_SYS_ADMIN") {
        errs.push(
          invalid(
            path,
            sc,
            "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN",
          ),
        );
      }
    }
  }
  return errs;
}
