import type { ApiGroupInfo, ResourceInfo, Verb } from "../registry/index.js";
import {
  apiGroups,
  apiVersionOf,
  findGroup,
  resourcesIn,
  subresourceResponseKind,
} from "../registry/index.js";
import { type DiscoveryKind, relativeKind } from "./aggregated.js";
import { sortedVerbs } from "./verbs.js";

// Legacy discovery (meta/v1 APIVersions, APIGroupList, APIGroup, APIResourceList): what clients that do
// not ask for aggregated discovery read, and what every client reads from /api/v1 and /apis/<g>/<v>
// when /api or /apis answered in this form. Field order follows the Go structs, so answers diff cleanly
// against a real server's.

export interface GroupVersionForDiscovery {
  readonly groupVersion: string;
  readonly version: string;
}

export interface APIGroup {
  readonly kind?: "APIGroup";
  readonly apiVersion?: "v1";
  readonly name: string;
  readonly versions: readonly GroupVersionForDiscovery[];
  readonly preferredVersion: GroupVersionForDiscovery;
}

export interface APIGroupList {
  readonly kind: "APIGroupList";
  readonly apiVersion: "v1";
  readonly groups: readonly APIGroup[];
}

export interface APIVersions {
  readonly kind: "APIVersions";
  readonly versions: readonly string[];
  readonly serverAddressByClientCIDRs: readonly {
    readonly clientCIDR: string;
    readonly serverAddress: string;
  }[];
}

export interface APIResource {
  readonly name: string;
  readonly singularName: string;
  readonly namespaced: boolean;
  readonly group?: string;
  readonly version?: string;
  readonly kind: string;
  readonly verbs: readonly Verb[];
  readonly shortNames?: readonly string[];
  readonly categories?: readonly string[];
}

export interface APIResourceList {
  readonly kind: "APIResourceList";
  readonly apiVersion: "v1";
  readonly groupVersion: string;
  readonly resources: readonly APIResource[];
}

/** GET /api: the core versions, and the address clients should use (the host they reached us on). */
export function apiVersions(serverAddress: string): APIVersions {
  const core = findGroup("");
  return {
    kind: "APIVersions",
    versions: core?.versions ?? [],
    serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress }],
  };
}

function groupBody(g: ApiGroupInfo): APIGroup {
  const gv = (version: string): GroupVersionForDiscovery => ({
    groupVersion: apiVersionOf(g.name, version),
    version,
  });
  return { name: g.name, versions: g.versions.map(gv), preferredVersion: gv(g.preferredVersion) };
}

/** GET /apis: every named group with its versions, preferred first. */
export function apiGroupList(): APIGroupList {
  return {
    kind: "APIGroupList",
    apiVersion: "v1",
    groups: apiGroups()
      .filter((g) => g.name !== "")
      .map(groupBody),
  };
}

/** GET /apis/<group>, or undefined when the group is not served. */
export function apiGroup(name: string): APIGroup | undefined {
  const g = name === "" ? undefined : findGroup(name);
  return g === undefined ? undefined : { kind: "APIGroup", apiVersion: "v1", ...groupBody(g) };
}

function withKind(
  name: string,
  singularName: string,
  info: ResourceInfo,
  kind: DiscoveryKind,
): Omit<APIResource, "verbs" | "shortNames" | "categories"> {
  return {
    name,
    singularName,
    namespaced: info.namespaced,
    ...(kind.group === "" && kind.version === "" ? {} : { group: kind.group, version: kind.version }),
    kind: kind.kind,
  };
}

function resourceEntries(info: ResourceInfo, version: string): APIResource[] {
  const main: APIResource = {
    ...withKind(info.resource, info.singular, info, relativeKind({ ...info, version }, info.group, version)),
    verbs: sortedVerbs(info.verbs),
    ...(info.shortNames.length === 0 ? {} : { shortNames: info.shortNames }),
    ...(info.categories.length === 0 ? {} : { categories: info.categories }),
  };
  const subs = info.subresources.map(
    (s): APIResource => ({
      ...withKind(
        `${info.resource}/${s.name}`,
        "",
        info,
        relativeKind(subresourceResponseKind(s, version), info.group, version),
      ),
      verbs: sortedVerbs(s.verbs),
    }),
  );
  return [main, ...subs];
}

/** GET /api/v1 or /apis/<group>/<version>: resources and subresources sorted by name; undefined if not served. */
export function apiResourceList(group: string, version: string): APIResourceList | undefined {
  if (!(findGroup(group)?.versions.includes(version) ?? false)) return undefined;
  const resources = resourcesIn(group, version)
    .flatMap((r) => resourceEntries(r, version))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { kind: "APIResourceList", apiVersion: "v1", groupVersion: apiVersionOf(group, version), resources };
}
