// The resource registry: the table of served resources and lookups over it (discovery, OpenAPI, routing
// and the store layout all derive from it).
export { allowedSelectorFields, checkFieldSelector } from "./field-selectors.js";
export { compareGroups } from "./groups.js";
export {
  type ApiGroupInfo,
  apiGroups,
  apiVersionOf,
  findGroup,
  findResource,
  findSubresource,
  type GroupVersion,
  groupVersionPath,
  groupVersions,
  parseApiVersion,
  preferredVersion,
  resourceAt,
  resourceForKind,
  resourceRef,
  resourcesIn,
  servesGroupVersion,
  subresourceResponseKind,
} from "./lookup.js";
export { RESOURCES } from "./resources.js";
export {
  type ParsedStorageKey,
  parseStorageKey,
  STORAGE_ROOT,
  storageKey,
  storagePrefix,
} from "./storage-key.js";
export type { GroupVersionKind, ResourceInfo, SubresourceInfo, Verb } from "./types.js";
