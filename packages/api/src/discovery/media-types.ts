// Media types of discovery. kubectl only takes a /api or /apis answer as aggregated discovery when the
// Content-Type carries exactly these parameters (research/kubectl.md §1.1); anything else is read as the
// legacy APIVersions / APIGroupList.

export const DISCOVERY_GROUP = "apidiscovery.k8s.io";
export const DISCOVERY_KIND = "APIGroupDiscoveryList";

export type AggregatedVersion = "v2" | "v2beta1";

/** Content type of an aggregated discovery answer: `application/json;g=apidiscovery.k8s.io;v=v2;as=…`. */
export function aggregatedContentType(version: AggregatedVersion): string {
  return `application/json;g=${DISCOVERY_GROUP};v=${version};as=${DISCOVERY_KIND}`;
}

export const AGGREGATED_V2_CONTENT_TYPE = aggregatedContentType("v2");
export const JSON_CONTENT_TYPE = "application/json";
