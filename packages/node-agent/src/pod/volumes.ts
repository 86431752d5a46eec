// Volume mounts → Docker binds. The runtime prepares the directories (emptyDir, configMap and secret
// contents); this decides where they are and how each container sees them.
import { posix } from "node:path";
import type { Container, Pod, Volume, VolumeMount } from "kubernetes-types/core/v1.js";
import type { ContainerContext } from "./context.js";
import { configError, mountError } from "./errors.js";
import { expandWith } from "./expansion.js";

/** kubelet's plugin directory names, kept so the layout reads like /var/lib/kubelet/pods. */
const PLUGIN_DIRS = {
  emptyDir: "kubernetes.io~empty-dir",
  configMap: "kubernetes.io~configmap",
  secret: "kubernetes.io~secret",
  downwardAPI: "kubernetes.io~downward-api",
  projected: "kubernetes.io~projected",
} as const;

export type ManagedVolumeKind = keyof typeof PLUGIN_DIRS;

/** The directory the agent owns for one of a pod's volumes. */
export function podVolumeDir(
  podsRoot: string,
  podUid: string,
  kind: ManagedVolumeKind,
  volume: string,
): string {
  return posix.join(podsRoot, podUid, "volumes", PLUGIN_DIRS[kind], volume);
}

export interface ManagedVolume {
  name: string;
  kind: ManagedVolumeKind;
  dir: string;
}

function managedKind(volume: Volume): ManagedVolumeKind | undefined {
  if (volume.emptyDir) return "emptyDir";
  if (volume.configMap) return "configMap";
  if (volume.secret) return "secret";
  if (volume.downwardAPI) return "downwardAPI";
  if (volume.projected) return "projected";
  return undefined;
}

/** Every directory the runtime must create (and fill, for configMap/secret) before containers start. */
export function managedVolumes(pod: Pod, podsRoot: string): ManagedVolume[] {
  const uid = pod.metadata?.uid ?? "";
  const out: ManagedVolume[] = [];
  for (const volume of pod.spec?.volumes ?? []) {
    const kind = managedKind(volume);
    if (kind !== undefined)
      out.push({ name: volume.name, kind, dir: podVolumeDir(podsRoot, uid, kind, volume.name) });
  }
  return out;
}

interface VolumeSourcePath {
  path: string;
  readOnly: boolean;
}

/** Where a pod volume lives on the host. */
export function volumeHostPath(pod: Pod, volume: Volume, ctx: ContainerContext): VolumeSourcePath {
  const kind = managedKind(volume);
  if (kind !== undefined) {
    // Kubernetes mounts configMap, secret, downwardAPI and projected volumes read-only.
    const path = podVolumeDir(ctx.podsRoot, pod.metadata?.uid ?? "", kind, volume.name);
    return { path, readOnly: kind !== "emptyDir" };
  }
  if (volume.hostPath) return { path: volume.hostPath.path, readOnly: false };
  if (volume.persistentVolumeClaim) {
    const claim = volume.persistentVolumeClaim.claimName;
    const path = ctx.claimPaths?.get(claim);
    if (path === undefined) {
      throw mountError(
        volume.name,
        `persistentvolumeclaim "${claim}" is not bound to a hostPath PersistentVolume`,
      );
    }
    return { path, readOnly: volume.persistentVolumeClaim.readOnly === true };
  }
  throw mountError(
    volume.name,
    "unsupported volume type (supported: emptyDir, hostPath, configMap, secret, persistentVolumeClaim)",
  );
}

function subPathOf(mount: VolumeMount, env: ReadonlyMap<string, string>): string {
  if (mount.subPathExpr) return expandWith(mount.subPathExpr, env);
  return mount.subPath ?? "";
}

function checkSubPath(subPath: string, mount: VolumeMount): void {
  if (posix.isAbsolute(subPath) || subPath.split("/").includes("..")) {
    throw configError(
      `failed to prepare subPath for volumeMount "${mount.name}" of container: subPath "${subPath}" must be a relative path without '..'`,
    );
  }
}

/** Docker's propagation option for Kubernetes' mountPropagation. */
function propagation(mount: VolumeMount): string | undefined {
  if (mount.mountPropagation === "HostToContainer") return "rslave";
  if (mount.mountPropagation === "Bidirectional") return "rshared";
  return undefined;
}

/** `host:container[:opts]` binds for a container's volumeMounts. */
export function volumeBinds(
  pod: Pod,
  container: Container,
  ctx: ContainerContext,
  env: ReadonlyMap<string, string>,
): string[] {
  const volumes = new Map((pod.spec?.volumes ?? []).map((v) => [v.name, v]));
  return (container.volumeMounts ?? []).map((mount) => {
    const volume = volumes.get(mount.name);
    if (volume === undefined)
      throw configError(`cannot find volume "${mount.name}" to mount into container "${container.name}"`);
    const source = volumeHostPath(pod, volume, ctx);
    const subPath = subPathOf(mount, env);
    checkSubPath(subPath, mount);
    const host = subPath === "" ? source.path : posix.join(source.path, subPath);
    const options = [
      source.readOnly || mount.readOnly === true ? "ro" : undefined,
      propagation(mount),
    ].filter((o): o is string => o !== undefined);
    return options.length > 0
      ? `${host}:${mount.mountPath}:${options.join(",")}`
      : `${host}:${mount.mountPath}`;
  });
}
