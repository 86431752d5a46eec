import { fileURLToPath } from "node:url";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import type { ObjectsDefinition } from "../generated/api/v1/Objects.js";
import type { ProtoGrpcType } from "../generated/objects.js";

// src/client and dist/client sit at the same depth, so one relative path finds the repo's proto/ from both.
const PROTO_ROOT = fileURLToPath(new URL("../../../../proto/", import.meta.url));

/** Must match the flags `npm run proto:gen` passes for objects.proto, or the generated types lie. */
export const OBJECTS_LOADER_OPTIONS: protoLoader.Options = {
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [PROTO_ROOT],
};

let cached: ProtoGrpcType | null = null;

/** The api.v1 package (the Objects service and its messages), loaded once. */
export function loadObjectsProto(): ProtoGrpcType {
  if (cached === null) {
    const definition = protoLoader.loadSync(["api/v1/objects.proto"], OBJECTS_LOADER_OPTIONS);
    cached = grpc.loadPackageDefinition(definition) as unknown as ProtoGrpcType;
  }
  return cached;
}

/** What a server registers: `server.addService(objectsServiceDefinition(), objectsServiceHandlers(…))`. */
export function objectsServiceDefinition(): ObjectsDefinition {
  return loadObjectsProto().api.v1.Objects.service;
}
