// The generated api.v1 message types a server implementation needs, under one namespace
// (`import type { ObjectsWire } from "@tskube/api"`) so they do not crowd the package's own names.
export type { CreateRequest__Output as CreateRequest } from "../generated/api/v1/CreateRequest.js";
export type { DeleteRequest__Output as DeleteRequest } from "../generated/api/v1/DeleteRequest.js";
export type { GetRequest__Output as GetRequest } from "../generated/api/v1/GetRequest.js";
export type { ListRequest__Output as ListRequest } from "../generated/api/v1/ListRequest.js";
export type { ListResponse } from "../generated/api/v1/ListResponse.js";
export type { ObjectResponse } from "../generated/api/v1/ObjectResponse.js";
export type { ObjectsClient, ObjectsDefinition, ObjectsHandlers } from "../generated/api/v1/Objects.js";
export type { PatchRequest__Output as PatchRequest } from "../generated/api/v1/PatchRequest.js";
export type { PatchType__Output as PatchType } from "../generated/api/v1/PatchType.js";
export type { Preconditions__Output as Preconditions } from "../generated/api/v1/Preconditions.js";
export type { Target__Output as Target } from "../generated/api/v1/Target.js";
export type { UpdateRequest__Output as UpdateRequest } from "../generated/api/v1/UpdateRequest.js";
export type { WatchEvent } from "../generated/api/v1/WatchEvent.js";
export type { WatchRequest__Output as WatchRequest } from "../generated/api/v1/WatchRequest.js";
export type { WriteOptions__Output as WriteOptions } from "../generated/api/v1/WriteOptions.js";
export type { WriteResponse } from "../generated/api/v1/WriteResponse.js";
