// Prepares the directories of a pod's managed volumes before its containers start: emptyDir is created,
// configMap and secret volumes are written the way kubelet's AtomicWriter does (a timestamped directory,
// a `..data` symlink swapped atomically, one symlink per file), so updates appear in running containers
// at once and never half-written.
import {
  chmod,
  lstat,
  mkdir,
  readdir,
  readFile,
  readlink,
  rename,
  rm,
  stat,
  symlink,
  writeFile,
} from "node:fs/promises";
import { dirname, join, posix } from "node:path";
import type { ConfigMap, KeyToPath, Pod, Secret, Volume } from "kubernetes-types/core/v1.js";
import { type ManagedVolume, managedVolumes, mountError, PodConfigError } from "../pod/index.js";
import type { SyncContext } from "./runtime-types.js";

type Files = Map<string, { data: Buffer; mode: number }>;

function projectedFiles(
  volume: string,
  data: ReadonlyMap<string, Buffer>,
  items: readonly KeyToPath[] | undefined,
  defaultMode: number,
  what: string,
): Files {
  const files: Files = new Map();
  if (items === undefined || items.length === 0) {
    for (const [key, value] of data) files.set(key, { data: value, mode: defaultMode });
    return files;
  }
  for (const item of items) {
    const value = data.get(item.key);
    if (value === undefined) throw mountError(volume, `configuration key "${item.key}" not found in ${what}`);
    if (posix.isAbsolute(item.path) || item.path.split("/").includes(".."))
      throw mountError(volume, `invalid path "${item.path}"`);
    files.set(item.path, { data: value, mode: item.mode ?? defaultMode });
  }
  return files;
}

function configMapData(cm: ConfigMap): Map<string, Buffer> {
  const data = new Map<string, Buffer>();
  for (const [k, v] of Object.entries(cm.data ?? {})) data.set(k, Buffer.from(v));
  for (const [k, v] of Object.entries(cm.binaryData ?? {})) data.set(k, Buffer.from(v, "base64"));
  return data;
}

function secretData(secret: Secret): Map<string, Buffer> {
  const data = new Map<string, Buffer>();
  for (const [k, v] of Object.entries(secret.data ?? {})) data.set(k, Buffer.from(v, "base64"));
  for (const [k, v] of Object.entries(secret.stringData ?? {})) data.set(k, Buffer.from(v));
  return data;
}

/** The files a configMap/secret volume must hold, or undefined when it is optional and its source is missing. */
function volumeFiles(volume: Volume, ctx: SyncContext): Files | undefined {
  if (volume.configMap) {
    const src = volume.configMap;
    const name = src.name ?? "";
    const cm = ctx.configMaps.get(name);
    if (cm === undefined) {
      if (src.optional === true) return new Map();
      throw mountError(volume.name, `configmap "${name}" not found`);
    }
    return projectedFiles(
      volume.name,
      configMapData(cm),
      src.items,
      src.defaultMode ?? 0o644,
      `configmap "${name}"`,
    );
  }
  if (volume.secret) {
    const src = volume.secret;
    const name = src.secretName ?? "";
    const secret = ctx.secrets.get(name);
    if (secret === undefined) {
      if (src.optional === true) return new Map();
      throw mountError(volume.name, `secret "${name}" not found`);
    }
    return projectedFiles(
      volume.name,
      secretData(secret),
      src.items,
      src.defaultMode ?? 0o644,
      `secret "${name}"`,
    );
  }
  return undefined;
}

async function sameContent(dir: string, files: Files): Promise<boolean> {
  try {
    const current = await readlink(join(dir, "..data"));
    const base = join(dir, current);
    for (const [path, f] of files) {
      const file = join(base, path);
      if (!(await readFile(file)).equals(f.data)) return false;
      if (((await stat(file)).mode & 0o7777) !== f.mode) return false;
    }
    const listed = await listFiles(base);
    return listed.length === files.size;
  } catch {
    return false;
  }
}

async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) out.push(...(await listFiles(join(dir, entry.name), rel)));
    else out.push(rel);
  }
  return out;
}

let generation = 0;

/** kubelet's AtomicWriter: write a fresh `..<ts>` dir, swap `..data`, link top-level names, drop the old dir. */
async function writeAtomically(dir: string, files: Files): Promise<boolean> {
  await mkdir(dir, { recursive: true });
  if (await sameContent(dir, files)) return false;
  const stamp = `..${new Date().toISOString().replace(/[:.]/g, "_")}.${process.pid}.${generation++}`;
  const target = join(dir, stamp);
  await mkdir(target, { mode: 0o755 });
  for (const [path, f] of files) {
    const file = join(target, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, f.data);
    await chmod(file, f.mode);
  }
  const old = await readlink(join(dir, "..data")).catch(() => undefined);
  await symlink(stamp, join(dir, "..data_tmp"));
  await rename(join(dir, "..data_tmp"), join(dir, "..data"));
  const tops = new Set([...files.keys()].map((p) => p.split("/")[0] ?? p));
  for (const top of tops) {
    const link = join(dir, top);
    const existing = await lstat(link).catch(() => undefined);
    if (existing === undefined) await symlink(join("..data", top), link);
  }
  // Names no longer projected disappear.
  for (const entry of await readdir(dir)) {
    if (entry.startsWith("..") || tops.has(entry)) continue;
    await rm(join(dir, entry), { recursive: true, force: true });
  }
  if (old !== undefined && old !== stamp) await rm(join(dir, old), { recursive: true, force: true });
  return true;
}

/**
 * Creates every managed volume's directory and (re)writes configMap/secret contents when they changed.
 * Throws PodConfigError (FailedMount) for a missing, non-optional source.
 */
export async function setUpVolumes(pod: Pod, ctx: SyncContext): Promise<ManagedVolume[]> {
  const volumes = new Map((pod.spec?.volumes ?? []).map((v) => [v.name, v]));
  const managed = managedVolumes(pod, ctx.podsRoot);
  const errors: PodConfigError[] = [];
  for (const m of managed) {
    const volume = volumes.get(m.name);
    if (volume === undefined) continue;
    try {
      const files = volumeFiles(volume, ctx);
      if (files === undefined) await mkdir(m.dir, { recursive: true, mode: 0o777 });
      else await writeAtomically(m.dir, files);
    } catch (err) {
      if (err instanceof PodConfigError) errors.push(err);
      else throw err;
    }
  }
  const first = errors[0];
  if (first !== undefined) throw first;
  return managed;
}
