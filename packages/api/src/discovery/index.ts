// Discovery: /version, aggregated (apidiscovery.k8s.io/v2) and legacy /api, /apis, /api/v1, /apis/<g>/<v>.
export { type MediaRange, parseAccept, rangeAdmits } from "./accept.js";
export {
  type APIGroupDiscovery,
  type APIGroupDiscoveryList,
  type APIResourceDiscovery,
  type APISubresourceDiscovery,
  type APIVersionDiscovery,
  aggregatedDiscovery,
  type DiscoveryKind,
} from "./aggregated.js";
export { type DiscoveryRequest, discoveryAnswer } from "./answer.js";
export { type HttpAnswer, jsonAnswer, statusAnswer } from "./http-answer.js";
export {
  type APIGroup,
  type APIGroupList,
  type APIResource,
  type APIResourceList,
  type APIVersions,
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
  type GroupVersionForDiscovery,
} from "./legacy.js";
export {
  AGGREGATED_V2_CONTENT_TYPE,
  type AggregatedVersion,
  aggregatedContentType,
  DISCOVERY_GROUP,
  DISCOVERY_KIND,
} from "./media-types.js";
export { type DiscoveryForm, negotiateDiscovery } from "./negotiate.js";
export { GIT_VERSION, KUBERNETES_MAJOR, KUBERNETES_MINOR, type VersionInfo, versionInfo } from "./version.js";
