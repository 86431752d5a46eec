// containers[*].volumeMounts: each names a volume of the pod, mount paths are unique, subPaths stay inside
// the volume, and mount propagation is one of the known modes.
import type { Container, Volume, VolumeMount } from "kubernetes-types/core/v1.js";
import { type FieldError, forbidden, invalid, notSupported, required } from "../field-error.js";
import type { FieldPath } from "../field-path.js";
import { notFound } from "./missing-error-types.js";
import { validateLocalDescendingPath } from "./paths.js";
import { isObj, list, ptr, str } from "./read.js";

const MOUNT_PROPAGATIONS = ["Bidirectional", "HostToContainer", "None"];
const RECURSIVE_READ_ONLY = ["Disabled", "IfPossible", "Enabled"];

function validatePropagation(mode: string, container: Container, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!MOUNT_PROPAGATIONS.includes(mode)) errs.push(notSupported(path, mode, MOUNT_PROPAGATIONS));
  const privileged = isObj(container.securityContext) && container.securityContext.privileged === true;
  if (mode === "Bidirectional" && !privileged) {
    errs.push(forbidden(path, "Bidirectional mount propagation is available only to privileged containers"));
  }
  return errs;
}

function validateRecursiveReadOnly(mount: VolumeMount, path: FieldPath): FieldError[] {
  const rro = ptr(mount.recursiveReadOnly);
  if (rro === undefined || rro === "Disabled") return [];
  if (rro !== "Enabled" && rro !== "IfPossible")
    return [notSupported(path, rro, [...RECURSIVE_READ_ONLY].sort())];
  const errs: FieldError[] = [];
  if (mount.readOnly !== true) errs.push(forbidden(path, "may only be specified when readOnly is true"));
  const propagation = ptr(mount.mountPropagation);
  if (propagation !== undefined && propagation !== "None") {
    errs.push(forbidden(path, "may only be specified when mountPropagation is None or not specified"));
  }
  return errs;
}

/**
 * ValidateVolumeMounts. subPath-related errors use the list's path plus the field ("volumeMounts.subPath",
 * no index) because that is where Kubernetes reports them.
 */
export function validateVolumeMounts(
  container: Container,
  volumes: ReadonlyMap<string, Volume>,
  path: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  const mountPoints = new Set<string>();
  list<VolumeMount>(container.volumeMounts).forEach((mount, i) => {
    const p = path.index(i);
    const name = str(mount.name);
    const mountPath = str(mount.mountPath);
    if (name === "") errs.push(required(p.child("name")));
    if (!volumes.has(name)) errs.push(notFound(p.child("name"), name));
    if (mountPath === "") errs.push(required(p.child("mountPath")));
    if (mountPoints.has(mountPath)) errs.push(invalid(p.child("mountPath"), mountPath, "must be unique"));
    mountPoints.add(mountPath);
    const volume = volumes.get(name);
    const subPath = str(mount.subPath);
    const subPathExpr = str(mount.subPathExpr);
    // Image volumes (newer than these API types) cannot be mounted by sub-path.
    if (volume !== undefined && isObj((volume as { image?: unknown }).image)) {
      if (subPath !== "")
        errs.push(invalid(p.child("subPath"), subPath, "not allowed in image volume sources"));
      if (subPathExpr !== "") {
        errs.push(invalid(p.child("subPathExpr"), subPathExpr, "not allowed in image volume sources"));
      }
    }
    if (subPath !== "") errs.push(...validateLocalDescendingPath(subPath, path.child("subPath")));
    if (subPathExpr !== "") {
      if (subPath !== "") {
        errs.push(
          invalid(p.child("subPathExpr"), subPathExpr, "subPathExpr and subPath are mutually exclusive"),
        );
      }
      errs.push(...validateLocalDescendingPath(subPathExpr, path.child("subPathExpr")));
    }
    const propagation = ptr(mount.mountPropagation);
    if (propagation !== undefined) {
      errs.push(...validatePropagation(str(propagation), container, path.child("mountPropagation")));
    }
    errs.push(...validateRecursiveReadOnly(mount, path.child("recursiveReadOnly")));
  });
  return errs;
}
