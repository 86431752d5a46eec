// spec.volumes: unique DNS-label names and exactly one source each. The common sources get their own
// checks; the rest (cloud disks, iSCSI, …) are only counted. Volumes with errors are left out of the
// returned names, so mounts of them are also reported, as upstream does.
import type { KeyToPath, Volume } from "kubernetes-types/core/v1.js";
import { duplicate, type FieldError, forbidden, invalid, notSupported, required } from "../field-error.js";
import type { FieldPath } from "../field-path.js";
import { isDns1123Label } from "../names.js";
import { isQuantity, quantityFrom } from "../quantity.js";
import {
  validateLocalDescendingPath,
  validateLocalNonReservedPath,
  validatePathNoBacksteps,
} from "./paths.js";
import { isObj, list, num, ptr, str } from "./read.js";

const FILE_MODE_ERROR = "must be a number between 0 and 0777 (octal), both inclusive";
const HOST_PATH_TYPES = [
  "",
  "BlockDevice",
  "CharDevice",
  "Directory",
  "DirectoryOrCreate",
  "File",
  "FileOrCreate",
  "Socket",
];

type Source = Record<string, unknown>;
type SourceCheck = (source: Source, path: FieldPath) => FieldError[];

function fileMode(mode: unknown, path: FieldPath): FieldError[] {
  const m = ptr(mode);
  if (typeof m !== "number") return [];
  return m > 0o777 || m < 0 ? [invalid(path, m, FILE_MODE_ERROR)] : [];
}

function keyToPaths(items: unknown, path: FieldPath): FieldError[] {
  return list<KeyToPath>(items).flatMap((kp, i) => {
    const p = path.index(i);
    const errs: FieldError[] = [];
    if (str(kp.key) === "") errs.push(required(p.child("key")));
    if (str(kp.path) === "") errs.push(required(p.child("path")));
    errs.push(...validateLocalNonReservedPath(str(kp.path), p.child("path")));
    errs.push(...fileMode(kp.mode, p.child("mode")));
    return errs;
  });
}

function requiredString(source: Source, key: string, path: FieldPath): FieldError[] {
  return str(source[key]) === "" ? [required(path.child(key))] : [];
}

const emptyDir: SourceCheck = (s, path) => {
  const limit = ptr(s.sizeLimit);
  if (limit === undefined) return [];
  const q = quantityFrom(limit);
  return isQuantity(q) && q.sign() < 0
    ? [forbidden(path.child("sizeLimit"), "SizeLimit field must be a valid resource quantity")]
    : [];
};

const hostPath: SourceCheck = (s, path) => {
  const p = str(s.path);
  if (p === "") return [required(path.child("path"))];
  const errs = validatePathNoBacksteps(p, path.child("path"));
  const type = ptr(s.type);
  if (type !== undefined && !HOST_PATH_TYPES.includes(str(type))) {
    errs.push(notSupported(path.child("type"), type, HOST_PATH_TYPES));
  }
  return errs;
};

const gitRepo: SourceCheck = (s, path) => [
  ...requiredString(s, "repository", path),
  ...validateLocalDescendingPath(str(s.directory), path.child("directory")),
];

const secret: SourceCheck = (s, path) => [
  ...requiredString(s, "secretName", path),
  ...fileMode(s.defaultMode, path.child("defaultMode")),
  ...keyToPaths(s.items, path.child("items")),
];

const configMap: SourceCheck = (s, path) => [
  ...requiredString(s, "name", path),
  ...fileMode(s.defaultMode, path.child("defaultMode")),
  ...keyToPaths(s.items, path.child("items")),
];

const persistentVolumeClaim: SourceCheck = (s, path) => requiredString(s, "claimName", path);

const nfs: SourceCheck = (s, path) => {
  const errs = [...requiredString(s, "server", path), ...requiredString(s, "path", path)];
  if (!str(s.path).startsWith("/"))
    errs.push(invalid(path.child("path"), str(s.path), "must be an absolute path"));
  return errs;
};

const downwardAPI: SourceCheck = (s, path) => fileMode(s.defaultMode, path.child("defaultMode"));

const projected: SourceCheck = (s, path) => {
  const errs = fileMode(s.defaultMode, path.child("defaultMode"));
  list<Source>(s.sources).forEach((src, i) => {
    const p = path.child("sources").index(i);
    let count = 0;
    for (const kind of ["secret", "configMap"] as const) {
      const inner = src[kind];
      if (!isObj(inner)) continue;
      count++;
      if (str(inner.name) === "") errs.push(required(p.child(kind).child("name")));
      errs.push(...keyToPaths(inner.items, p.child(kind).child("items")));
    }
    if (isObj(src.downwardAPI)) count++;
    const token = src.serviceAccountToken;
    if (isObj(token)) {
      count++;
      const seconds = num(token.expirationSeconds);
      const sp = p.child("serviceAccountToken").child("expirationSeconds");
      if (seconds < 600) errs.push(invalid(sp, seconds, "may not specify a duration less than 10 minutes"));
      if (seconds > 2 ** 32)
        errs.push(invalid(sp, seconds, "may not specify a duration larger than 2^32 seconds"));
      // Reported at the projected volume's own "path", as upstream does.
      if (str(token.path) === "") errs.push(required(path.child("path")));
      else errs.push(...validateLocalNonReservedPath(str(token.path), path.child("path")));
    }
    if (isObj(src.clusterTrustBundle)) count++;
    if (count > 1) errs.push(forbidden(p, "may not specify more than 1 volume type per source"));
  });
  return errs;
};

const csi: SourceCheck = (s, path) => (str(s.driver) === "" ? [required(path.child("driver"))] : []);

const ephemeral: SourceCheck = (s, path) =>
  isObj(s.volumeClaimTemplate) ? [] : [required(path.child("volumeClaimTemplate"))];

const noCheck: SourceCheck = () => [];

/**
 * Sources in Kubernetes' order, with the field name its "more than 1 volume type" error uses (two are
 * spelled differently from the JSON field upstream, "cephFS" and "downwarAPI", and are kept so).
 */
const SOURCES: readonly (readonly [key: string, errorName: string, check: SourceCheck])[] = [
  ["emptyDir", "emptyDir", emptyDir],
  ["hostPath", "hostPath", hostPath],
  ["gitRepo", "gitRepo", gitRepo],
  ["gcePersistentDisk", "gcePersistentDisk", noCheck],
  ["awsElasticBlockStore", "awsElasticBlockStore", noCheck],
  ["secret", "secret", secret],
  ["nfs", "nfs", nfs],
  ["iscsi", "iscsi", noCheck],
  ["glusterfs", "glusterfs", noCheck],
  ["flocker", "flocker", noCheck],
  ["persistentVolumeClaim", "persistentVolumeClaim", persistentVolumeClaim],
  ["rbd", "rbd", noCheck],
  ["cinder", "cinder", noCheck],
  ["cephfs", "cephFS", noCheck],
  ["quobyte", "quobyte", noCheck],
  ["downwardAPI", "downwarAPI", downwardAPI],
  ["fc", "fc", noCheck],
  ["flexVolume", "flexVolume", noCheck],
  ["configMap", "configMap", configMap],
  ["azureFile", "azureFile", noCheck],
  ["vsphereVolume", "vsphereVolume", noCheck],
  ["photonPersistentDisk", "photonPersistentDisk", noCheck],
  ["portworxVolume", "portworxVolume", noCheck],
  ["azureDisk", "azureDisk", noCheck],
  ["storageos", "storageos", noCheck],
  ["projected", "projected", projected],
  ["scaleIO", "scaleIO", noCheck],
  ["csi", "csi", csi],
  ["ephemeral", "ephemeral", ephemeral],
  ["image", "image", noCheck],
];

function validateVolumeSource(volume: Volume, path: FieldPath): FieldError[] {
  const v = volume as unknown as Record<string, unknown>;
  const errs: FieldError[] = [];
  let count = 0;
  for (const [key, errorName, check] of SOURCES) {
    const source = v[key];
    if (!isObj(source)) continue;
    if (count > 0) {
      errs.push(forbidden(path.child(errorName), "may not specify more than 1 volume type"));
      continue;
    }
    count++;
    errs.push(...check(source, path.child(key)));
  }
  if (count === 0) errs.push(required(path, "must specify a volume type"));
  return errs;
}

/** Volumes of a pod spec: their errors, and the names that mounts may refer to. */
export function validateVolumes(
  volumes: unknown,
  path: FieldPath,
): { names: Map<string, Volume>; errs: FieldError[] } {
  const names = new Map<string, Volume>();
  const errs: FieldError[] = [];
  list<Volume>(volumes).forEach((volume, i) => {
    const p = path.index(i);
    const name = str(volume.name);
    const el = validateVolumeSource(volume, p);
    if (name === "") el.push(required(p.child("name")));
    else el.push(...isDns1123Label(name).map((msg) => invalid(p.child("name"), name, msg)));
    if (names.has(name)) el.push(duplicate(p.child("name"), name));
    if (el.length === 0) names.set(name, volume);
    else errs.push(...el);
  });
  return { names, errs };
}
