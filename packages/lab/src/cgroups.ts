import { existsSync, readdirSync, readFileSync, rmdirSync, statSync } from "node:fs";
import { join } from "node:path";

// Each dockerd puts its containers under its own cgroup parent, so after a hard stop the container
// processes are found by cgroup (not by name) and the cgroup directories runc left behind are removed.

const CGROUP_ROOT = "/sys/fs/cgroup";

/** The directories of cgroup `name` in every mounted hierarchy (v1 controllers and v2). */
export function cgroupDirs(name: string): string[] {
  const roots = [CGROUP_ROOT];
  try {
    for (const entry of readdirSync(CGROUP_ROOT)) {
      const path = join(CGROUP_ROOT, entry);
      if (statSync(path).isDirectory()) roots.push(path);
    }
  } catch {
    return [];
  }
  return roots.map((root) => join(root, name)).filter((dir) => existsSync(join(dir, "cgroup.procs")));
}

function walk(dir: string): string[] {
  const subdirs = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .flatMap((e) => walk(join(dir, e.name)));
  return [...subdirs, dir];
}

/** Every pid in cgroup `name` or below it. */
export function cgroupPids(name: string): number[] {
  const pids = new Set<number>();
  for (const dir of cgroupDirs(name)) {
    for (const sub of walk(dir)) {
      for (const line of readFileSync(join(sub, "cgroup.procs"), "utf8").split("\n")) {
        if (line !== "") pids.add(Number(line));
      }
    }
  }
  return [...pids];
}

/** Removes the (empty) cgroup `name` and its children; returns directories that could not go. */
export function removeCgroups(name: string): string[] {
  const left: string[] = [];
  for (const dir of cgroupDirs(name)) {
    for (const sub of walk(dir)) {
      try {
        rmdirSync(sub);
      } catch {
        left.push(sub);
      }
    }
  }
  return left;
}
