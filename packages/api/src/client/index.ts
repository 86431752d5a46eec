// The gRPC object API (api.v1.Objects, proto/api/v1/objects.proto): the typed ObjectClient, and the wire
// pieces a server shares with it (proto loading, JSON bytes, ApiError ⇄ gRPC status). docs/grpc-api.md.

// What a client (the node agent) needs besides the wire, so that `@tskube/api/client` alone serves it without
// loading the API's registry, schemas and validation.
export { ApiError } from "../errors.js";
export { isQuantity, parseQuantity, type Quantity } from "../validation/quantity.js";
export { type CallFailure, toCallFailure } from "./call-failure.js";
export { decodeJson, decodeJsonObject, encodeJson } from "./json-bytes.js";
export type { KubeObject } from "./kube-object.js";
export { ObjectClient } from "./object-client.js";
export type {
  CallOptions,
  DeleteCallOptions,
  GetCallOptions,
  ListCallOptions,
  ObjectClientOptions,
  ObjectPatchType,
  PatchCallOptions,
  WatchCallOptions,
  WriteCallOptions,
} from "./object-client-options.js";
export { type BookmarkObject, ObjectWatch, type ObjectWatchEvent } from "./object-watch.js";
export { loadObjectsProto, OBJECTS_LOADER_OPTIONS, objectsServiceDefinition } from "./objects-proto.js";
export type * as ObjectsWire from "./objects-wire.js";
export {
  type ObjectList,
  type ObjectOf,
  RESOURCE_VERSIONS,
  type ResourceAddress,
  type ResourceArg,
  type ResourceName,
  type ResourceTypes,
  resolveResource,
  type SubresourceObject,
} from "./resource-types.js";
export {
  apiErrorFromStatus,
  encodeStatus,
  grpcCodeFor,
  STATUS_METADATA_KEY,
  statusFromMetadata,
  toGrpcError,
} from "./status-wire.js";
