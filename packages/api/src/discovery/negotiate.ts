import { type MediaRange, parseAccept, rangeAdmits } from "./accept.js";
import { type AggregatedVersion, DISCOVERY_GROUP, DISCOVERY_KIND } from "./media-types.js";

// Which form of /api and /apis to answer. client-go asks for aggregated v2, then v2beta1, then plain JSON
// (research §1.1); older clients ask for JSON only and get the legacy APIVersions / APIGroupList.

export type DiscoveryForm =
  | { readonly form: "aggregated"; readonly version: AggregatedVersion }
  | { readonly form: "legacy" };

function aggregatedVersion(range: MediaRange): AggregatedVersion | undefined {
  if (range.type !== "application" || range.subtype !== "json") return undefined;
  const { g, v, as } = range.params;
  if (g !== DISCOVERY_GROUP || as !== DISCOVERY_KIND) return undefined;
  return v === "v2" || v === "v2beta1" ? v : undefined;
}

/** True for a range that takes plain JSON (no apidiscovery parameters), wildcards included. */
function takesPlainJson(range: MediaRange): boolean {
  return (
    rangeAdmits(range, "application", "json") && range.params.g === undefined && range.params.as === undefined
  );
}

/**
 * The form the client prefers among those served. Protobuf discovery is not served; a client accepting
 * nothing we serve still gets legacy JSON (more useful to it than a 406).
 */
export function negotiateDiscovery(accept: string | undefined): DiscoveryForm {
  for (const range of parseAccept(accept)) {
    const version = aggregatedVersion(range);
    if (version !== undefined) return { form: "aggregated", version };
    if (takesPlainJson(range)) return { form: "legacy" };
  }
  return { form: "legacy" };
}
