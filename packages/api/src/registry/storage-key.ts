import { internalError } from "../errors.js";
import { RESOURCES } from "./resources.js";
import type { ResourceInfo } from "./types.js";

// Kubernetes' etcd key layout, so a store dump reads like a real cluster's `etcdctl get /registry
// --prefix --keys-only`: /registry/<segment>/<namespace>/<name> for namespaced kinds and
// /registry/<segment>/<name> for cluster-scoped ones. The segment is the plural resource name, except
// where Kubernetes kept historical names (nodes under "minions", services under "services/specs",
// endpoints under "services/endpoints"). Built-in groups are not part of the key (deployments live
// under /registry/deployments), only the resource.

export const STORAGE_ROOT = "/registry";

function segment(info: ResourceInfo): string {
  if (info.storage !== "store") {
    throw internalError(`${info.resource}.${info.group} is computed on request and has no storage key`);
  }
  return info.storagePath ?? info.resource;
}

function checkScope(info: ResourceInfo, namespace: string | undefined): void {
  if (!info.namespaced && namespace !== undefined && namespace !== "") {
    throw internalError(`${info.resource} is cluster-scoped but namespace "${namespace}" was given`);
  }
}

/** The key of one object: `/registry/pods/default/web-1`, `/registry/minions/node-1`. */
export function storageKey(info: ResourceInfo, namespace: string | undefined, name: string): string {
  checkScope(info, namespace);
  if (info.namespaced) {
    if (namespace === undefined || namespace === "") {
      throw internalError(`${info.resource} is namespaced but no namespace was given`);
    }
    return `${STORAGE_ROOT}/${segment(info)}/${namespace}/${name}`;
  }
  return `${STORAGE_ROOT}/${segment(info)}/${name}`;
}

/**
 * The range prefix a list or watch scans, with its trailing "/" so "/registry/pods/de" never matches
 * namespace "default": `/registry/pods/` (all namespaces), `/registry/pods/default/` (one namespace),
 * `/registry/namespaces/` (a cluster-scoped kind).
 */
export function storagePrefix(info: ResourceInfo, namespace?: string): string {
  checkScope(info, namespace);
  const base = `${STORAGE_ROOT}/${segment(info)}/`;
  return info.namespaced && namespace !== undefined && namespace !== "" ? `${base}${namespace}/` : base;
}

export interface ParsedStorageKey {
  readonly info: ResourceInfo;
  /** "" for cluster-scoped kinds. */
  readonly namespace: string;
  readonly name: string;
}

/** The inverse of storageKey, for consumers of raw store events; undefined for keys of no served kind. */
export function parseStorageKey(key: string): ParsedStorageKey | undefined {
  for (const info of RESOURCES) {
    if (info.storage !== "store") continue;
    const base = `${STORAGE_ROOT}/${info.storagePath ?? info.resource}/`;
    if (!key.startsWith(base)) continue;
    const parts = key.slice(base.length).split("/");
    if (info.namespaced && parts.length === 2 && parts[0] !== "" && parts[1] !== "") {
      return { info, namespace: parts[0]!, name: parts[1]! };
    }
    if (!info.namespaced && parts.length === 1 && parts[0] !== "") {
      return { info, namespace: "", name: parts[0]! };
    }
  }
  return undefined;
}
