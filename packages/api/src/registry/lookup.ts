import type { ResourceRef } from "../errors.js";
import { compareGroups } from "./groups.js";
import { RESOURCES } from "./resources.js";
import type { GroupVersionKind, ResourceInfo, SubresourceInfo } from "./types.js";

// Lookups over the resource table. The table is static, so the indexes are built once at load.

export interface GroupVersion {
  readonly group: string;
  readonly version: string;
}

/** One API group as discovery lists it: served versions in preference order. */
export interface ApiGroupInfo {
  readonly name: string;
  readonly versions: readonly string[];
  readonly preferredVersion: string;
}

function buildGroups(resources: readonly ResourceInfo[]): readonly ApiGroupInfo[] {
  const versions = new Map<string, string[]>();
  for (const r of resources) {
    const list = versions.get(r.group) ?? [];
    for (const v of r.versions) if (!list.includes(v)) list.push(v);
    versions.set(r.group, list);
  }
  return [...versions.entries()]
    .sort(([a], [b]) => compareGroups(a, b))
    .map(([name, vs]) => ({ name, versions: vs, preferredVersion: vs[0]! }));
}

const GROUPS = buildGroups(RESOURCES);

/** Every served group, core ("") first, in Kubernetes' discovery order. */
export function apiGroups(): readonly ApiGroupInfo[] {
  return GROUPS;
}

export function findGroup(group: string): ApiGroupInfo | undefined {
  return GROUPS.find((g) => g.name === group);
}

/** The preferred (and storage) version of a group, or undefined when the group is not served. */
export function preferredVersion(group: string): string | undefined {
  return findGroup(group)?.preferredVersion;
}

/** Every served group-version: core/v1 first, then each group's versions in preference order. */
export function groupVersions(): readonly GroupVersion[] {
  return GROUPS.flatMap((g) => g.versions.map((version) => ({ group: g.name, version })));
}

/** True when the group-version is served at all. */
export function servesGroupVersion(group: string, version: string): boolean {
  return findGroup(group)?.versions.includes(version) ?? false;
}

/** The resources served in one group-version, sorted by resource name (as discovery lists them). */
export function resourcesIn(group: string, version: string): readonly ResourceInfo[] {
  return RESOURCES.filter((r) => r.group === group && r.versions.includes(version)).sort((a, b) =>
    a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0,
  );
}

/**
 * The resource served at group/version exactly under this plural URL segment, for routing: Kubernetes
 * answers /api/v1/namespaces/x/po or …/Pods with 404, so short names and case variants do not match here.
 */
export function resourceAt(group: string, version: string, plural: string): ResourceInfo | undefined {
  return RESOURCES.find((r) => r.group === group && r.resource === plural && r.versions.includes(version));
}

/**
 * The resource a user means by a plural, short or singular name in any case ("deployments", "deploy",
 * "Deployment"), as kubectl resolves names; URL routing wants resourceAt instead.
 */
export function findResource(
  group: string,
  version: string,
  resourceOrShort: string,
): ResourceInfo | undefined {
  const name = resourceOrShort.toLowerCase();
  const candidates = RESOURCES.filter((r) => r.group === group && r.versions.includes(version));
  return (
    candidates.find((r) => r.resource === name) ??
    candidates.find((r) => r.shortNames.includes(name)) ??
    candidates.find((r) => r.singular !== "" && r.singular === name)
  );
}

/** The resource of a kind in a group (kinds are unique within a group here). */
export function resourceForKind(group: string, kind: string): ResourceInfo | undefined {
  return RESOURCES.find((r) => r.group === group && r.kind === kind);
}

export function findSubresource(info: ResourceInfo, name: string): SubresourceInfo | undefined {
  return info.subresources.find((s) => s.name === name);
}

/** What a subresource answers with when served at `version` (fills the "same version" placeholder). */
export function subresourceResponseKind(sub: SubresourceInfo, version: string): GroupVersionKind {
  return sub.responseKind.version === "" ? { ...sub.responseKind, version } : sub.responseKind;
}

/** "apps/v1", or "v1" for the core group: the apiVersion of objects in a group-version. */
export function apiVersionOf(group: string, version: string): string {
  return group === "" ? version : `${group}/${version}`;
}

/** Splits an apiVersion ("apps/v1", "v1") into group and version. */
export function parseApiVersion(apiVersion: string): GroupVersion {
  const slash = apiVersion.indexOf("/");
  return slash === -1
    ? { group: "", version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** The URL prefix of a group-version: "/api/v1" for core, "/apis/<group>/<version>" otherwise. */
export function groupVersionPath(group: string, version: string): string {
  return group === "" ? `/api/${version}` : `/apis/${group}/${version}`;
}

/** The resource as ApiError texts name it ("deployments.apps", "pods"). */
export function resourceRef(info: ResourceInfo): ResourceRef {
  return { resource: info.resource, group: info.group };
}
