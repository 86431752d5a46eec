import type { GroupVersionKind, ResourceInfo, Verb } from "../registry/index.js";
import { apiGroups, apiVersionOf, resourcesIn, subresourceResponseKind } from "../registry/index.js";
import { type AggregatedVersion, DISCOVERY_GROUP, DISCOVERY_KIND } from "./media-types.js";
import { sortedVerbs } from "./verbs.js";

// Aggregated discovery (apidiscovery.k8s.io/v2): every group, version and resource in one answer to
// GET /api (the core group) or GET /apis (all others). Versions are in preference order, so the first is
// the one kubectl uses; a resource without responseKind would be dropped by client-go, one without verbs
// hidden from `kubectl api-resources`, so both are always present.

export interface DiscoveryKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

export interface APISubresourceDiscovery {
  readonly subresource: string;
  readonly responseKind: DiscoveryKind;
  readonly verbs: readonly Verb[];
}

export interface APIResourceDiscovery {
  readonly resource: string;
  readonly responseKind: DiscoveryKind;
  readonly scope: "Namespaced" | "Cluster";
  readonly singularResource?: string;
  readonly verbs: readonly Verb[];
  readonly shortNames?: readonly string[];
  readonly categories?: readonly string[];
  readonly subresources?: readonly APISubresourceDiscovery[];
}

export interface APIVersionDiscovery {
  readonly version: string;
  readonly resources: readonly APIResourceDiscovery[];
  readonly freshness: "Current";
}

export interface APIGroupDiscovery {
  readonly metadata: { readonly name?: string };
  readonly versions: readonly APIVersionDiscovery[];
}

export interface APIGroupDiscoveryList {
  readonly kind: typeof DISCOVERY_KIND;
  readonly apiVersion: string;
  readonly metadata: Record<string, never>;
  readonly items: readonly APIGroupDiscovery[];
}

/**
 * A kind as discovery states it relative to the list it appears in: group and version are left empty
 * when they are the containing group-version's (as the API server does), and spelled out otherwise
 * (deployments/scale answers autoscaling/v1 Scale).
 */
export function relativeKind(gvk: GroupVersionKind, group: string, version: string): DiscoveryKind {
  return gvk.group === group && gvk.version === version
    ? { group: "", version: "", kind: gvk.kind }
    : { group: gvk.group, version: gvk.version, kind: gvk.kind };
}

function resourceEntry(info: ResourceInfo, version: string): APIResourceDiscovery {
  const subresources = [...info.subresources]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(
      (s): APISubresourceDiscovery => ({
        subresource: s.name,
        responseKind: relativeKind(subresourceResponseKind(s, version), info.group, version),
        verbs: sortedVerbs(s.verbs),
      }),
    );
  return {
    resource: info.resource,
    responseKind: relativeKind({ group: info.group, version, kind: info.kind }, info.group, version),
    scope: info.namespaced ? "Namespaced" : "Cluster",
    ...(info.singular === "" ? {} : { singularResource: info.singular }),
    verbs: sortedVerbs(info.verbs),
    ...(info.shortNames.length === 0 ? {} : { shortNames: info.shortNames }),
    ...(info.categories.length === 0 ? {} : { categories: info.categories }),
    ...(subresources.length === 0 ? {} : { subresources }),
  };
}

function groupEntry(name: string, versions: readonly string[]): APIGroupDiscovery {
  return {
    metadata: name === "" ? {} : { name },
    versions: versions.map((version) => ({
      version,
      resources: resourcesIn(name, version).map((r) => resourceEntry(r, version)),
      freshness: "Current",
    })),
  };
}

/** The answer to GET /api ("core") or GET /apis ("groups") in aggregated form. */
export function aggregatedDiscovery(
  scope: "core" | "groups",
  version: AggregatedVersion = "v2",
): APIGroupDiscoveryList {
  const groups = apiGroups().filter((g) => (scope === "core" ? g.name === "" : g.name !== ""));
  return {
    kind: DISCOVERY_KIND,
    apiVersion: apiVersionOf(DISCOVERY_GROUP, version),
    metadata: {},
    items: groups.map((g) => groupEntry(g.name, g.versions)),
  };
}
