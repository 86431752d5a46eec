// core/v1 PersistentVolume: access modes, a storage capacity, exactly one volume source (the common ones
// checked in detail), a reclaim policy, and a source that never changes after creation.
import type { PersistentVolumeSpec } from "kubernetes-types/core/v1.js";
import { type FieldError, forbidden, invalid, notSupported, required } from "../field-error.js";
import { type FieldPath, root } from "../field-path.js";
import { nameIsDnsSubdomain } from "../names.js";
import { FIELD_IMMUTABLE_ERROR_MSG } from "../numbers.js";
import { Quantity } from "../quantity.js";
import { VOLUME_MODES, validateAccessModes } from "./access-modes.js";
import type { KindValidator } from "./kind-validator.js";
import { metaOf, validateObjectMeta, validateObjectMetaUpdate } from "./object-meta.js";
import { validatePathNoBacksteps } from "./paths.js";
import { isObj, list, ptr, sortedKeys, str } from "./read.js";
import { readQuantity } from "./resources.js";
import { describeDiff, semanticEqual } from "./semantic-equal.js";

const SPEC = root("spec");
const PV_META = { namespaced: false, nameRule: nameIsDnsSubdomain, kubeFinalizers: true } as const;
const RECLAIM_POLICIES = ["Delete", "Recycle", "Retain"];

/** Volume sources of a PV in Kubernetes' order, with the name its "more than 1" error uses. */
const PV_SOURCES: readonly (readonly [string, string])[] = [
  ["hostPath", "hostPath"],
  ["gcePersistentDisk", "gcePersistentDisk"],
  ["awsElasticBlockStore", "awsElasticBlockStore"],
  ["glusterfs", "glusterfs"],
  ["flocker", "flocker"],
  ["nfs", "nfs"],
  ["rbd", "rbd"],
  ["quobyte", "quobyte"],
  ["cephfs", "cephFS"],
  ["iscsi", "iscsi"],
  ["cinder", "cinder"],
  ["fc", "fc"],
  ["flexVolume", "flexVolume"],
  ["azureFile", "azureFile"],
  ["vsphereVolume", "vsphereVolume"],
  ["photonPersistentDisk", "photonPersistentDisk"],
  ["portworxVolume", "portworxVolume"],
  ["azureDisk", "azureDisk"],
  ["scaleIO", "scaleIO"],
  ["local", "local"],
  ["storageos", "storageos"],
  ["csi", "csi"],
];
const SOURCE_KEYS = PV_SOURCES.map(([key]) => key);

function specOf(obj: unknown): PersistentVolumeSpec {
  return isObj(obj) && isObj(obj.spec) ? (obj.spec as PersistentVolumeSpec) : {};
}

function validateSource(
  key: string,
  source: Record<string, unknown>,
  spec: PersistentVolumeSpec,
  path: FieldPath,
): FieldError[] {
  const req = (field: string): FieldError[] =>
    str(source[field]) === "" ? [required(path.child(field))] : [];
  switch (key) {
    case "hostPath":
      return str(source.path) === ""
        ? [required(path.child("path"))]
        : validatePathNoBacksteps(str(source.path), path.child("path"));
    case "nfs": {
      const errs = [...req("server"), ...req("path")];
      if (!str(source.path).startsWith("/"))
        errs.push(invalid(path.child("path"), str(source.path), "must be an absolute path"));
      return errs;
    }
    case "local": {
      const errs = req("path");
      if (!isObj(spec.nodeAffinity))
        errs.push(required(SPEC.child("nodeAffinity"), "Local volume requires node affinity"));
      return errs;
    }
    case "csi":
      return [...req("driver"), ...req("volumeHandle")];
    default:
      return [];
  }
}

function validateCapacity(spec: PersistentVolumeSpec): FieldError[] {
  const path = SPEC.child("capacity");
  const capacity = isObj(spec.capacity) ? (spec.capacity as Record<string, unknown>) : {};
  const names = sortedKeys(capacity);
  const errs: FieldError[] = [];
  if (names.length === 0) errs.push(required(path));
  if (!names.includes("storage") || names.length > 1) errs.push(notSupported(path, capacity, ["storage"]));
  for (const name of names) {
    const p = path.key(name);
    const q = readQuantity(capacity[name], p);
    if (!(q instanceof Quantity)) {
      errs.push(q);
      continue;
    }
    if (q.sign() < 0) errs.push(invalid(p, Number(q.value()), "must be a valid resource quantity"));
    if (q.sign() <= 0) errs.push(invalid(p, q.toString(), "must be greater than zero"));
  }
  return errs;
}

function validatePvSpec(spec: PersistentVolumeSpec): FieldError[] {
  const errs: FieldError[] = [];
  if (list(spec.accessModes).length === 0) errs.push(required(SPEC.child("accessModes")));
  errs.push(...validateAccessModes(spec.accessModes, SPEC.child("accessModes")));
  errs.push(...validateCapacity(spec));
  const reclaim = str(spec.persistentVolumeReclaimPolicy);
  if (reclaim !== "" && !RECLAIM_POLICIES.includes(reclaim)) {
    errs.push(notSupported(SPEC.child("persistentVolumeReclaimPolicy"), reclaim, RECLAIM_POLICIES));
  }
  const s = spec as unknown as Record<string, unknown>;
  let count = 0;
  for (const [key, errorName] of PV_SOURCES) {
    const source = s[key];
    if (!isObj(source)) continue;
    // A flexVolume is counted but never refused as a second source (an upstream quirk).
    if (count > 0 && key !== "flexVolume") {
      errs.push(forbidden(SPEC.child(errorName), "may not specify more than 1 volume type"));
      continue;
    }
    count++;
    errs.push(...validateSource(key, source, spec, SPEC.child(key)));
  }
  if (count === 0) errs.push(required(SPEC, "must specify a volume type"));
  const hostPath = s.hostPath;
  if (
    isObj(hostPath) &&
    str(hostPath.path).replace(/\/+$/, "") === "" &&
    str(hostPath.path) !== "" &&
    reclaim === "Recycle"
  ) {
    errs.push(
      forbidden(
        SPEC.child("persistentVolumeReclaimPolicy"),
        "may not be 'recycle' for a hostPath mount of '/'",
      ),
    );
  }
  const className = str(spec.storageClassName);
  if (className !== "") {
    errs.push(
      ...nameIsDnsSubdomain(className, false).map((msg) =>
        invalid(SPEC.child("storageClassName"), className, msg),
      ),
    );
  }
  const volumeMode = ptr(spec.volumeMode);
  if (volumeMode !== undefined && !VOLUME_MODES.includes(volumeMode)) {
    errs.push(notSupported(SPEC.child("volumeMode"), volumeMode, VOLUME_MODES));
  }
  return errs;
}

function sourceOf(spec: PersistentVolumeSpec): Record<string, unknown> {
  const s = spec as unknown as Record<string, unknown>;
  return Object.fromEntries(SOURCE_KEYS.filter((k) => s[k] !== undefined).map((k) => [k, s[k]]));
}

const create = (obj: unknown): FieldError[] => [
  ...validateObjectMeta(metaOf(obj), PV_META),
  ...validatePvSpec(specOf(obj)),
];

function update(obj: unknown, old: unknown): FieldError[] {
  const errs = [...validateObjectMetaUpdate(metaOf(obj), metaOf(old), true), ...create(obj)];
  const spec = specOf(obj);
  const prev = specOf(old);
  const next = sourceOf(spec);
  const before = sourceOf(prev);
  // A CSI volume may gain a controllerExpandSecretRef it did not have.
  const nextCsi = next.csi;
  const prevCsi = before.csi;
  if (isObj(nextCsi) && isObj(prevCsi) && prevCsi.controllerExpandSecretRef === undefined) {
    next.csi = { ...nextCsi, controllerExpandSecretRef: undefined };
  }
  if (!semanticEqual(next, before)) {
    const diff = describeDiff(before, next, "persistentvolumesource").join("\n");
    errs.push(
      forbidden(
        SPEC.child("persistentvolumesource"),
        `spec.persistentvolumesource is immutable after creation\n${diff}`,
      ),
    );
  }
  // Reported without the "spec." prefix, as upstream does.
  if (ptr(spec.volumeMode) !== ptr(prev.volumeMode)) {
    errs.push(invalid(root("volumeMode"), ptr(spec.volumeMode) ?? null, FIELD_IMMUTABLE_ERROR_MSG));
  }
  return errs;
}

function status(obj: unknown, old: unknown): FieldError[] {
  const errs = validateObjectMetaUpdate(metaOf(obj), metaOf(old), true);
  if (str(metaOf(obj).resourceVersion) === "") errs.push(required(root("resourceVersion")));
  return errs;
}

export const persistentVolumeValidator: KindValidator = { namespaced: false, create, update, status };
