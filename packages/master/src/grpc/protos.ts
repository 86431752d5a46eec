import { fileURLToPath } from "node:url";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import type { ProtoGrpcType as ClusterProto } from "../generated/cluster.js";
import type { ProtoGrpcType as RaftProto } from "../generated/raft.js";
import type { ProtoGrpcType as StoreProto } from "../generated/rpc.js";

// src/grpc and dist/grpc sit at the same depth, so one relative path finds the repo's proto/ from both.
const PROTO_ROOT = fileURLToPath(new URL("../../../../proto/", import.meta.url));

/** Must match the flags of `npm run proto:gen`, or the generated types lie. */
export const LOADER_OPTIONS: protoLoader.Options = {
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [PROTO_ROOT],
};

export type Protos = RaftProto & ClusterProto;

let cached: Protos | null = null;

export function loadProtos(): Protos {
  if (cached === null) {
    const definition = protoLoader.loadSync(
      ["raft/v1/raft.proto", "cluster/v1/cluster.proto"],
      LOADER_OPTIONS,
    );
    cached = grpc.loadPackageDefinition(definition) as unknown as Protos;
  }
  return cached;
}

/**
 * The store API (etcd v3 wire format). Its int64s load as decimal strings: etcd's lease ids use all 64
 * bits, and a client of an external etcd (`--store etcd://`) must not round them.
 */
export const STORE_LOADER_OPTIONS: protoLoader.Options = { ...LOADER_OPTIONS, longs: String };

let storeCached: StoreProto | null = null;

export function loadStoreProtos(): StoreProto {
  if (storeCached === null) {
    const definition = protoLoader.loadSync(["etcdserverpb/rpc.proto"], STORE_LOADER_OPTIONS);
    storeCached = grpc.loadPackageDefinition(definition) as unknown as StoreProto;
  }
  return storeCached;
}

/** Loopback-friendly channel options: reconnect fast (a restarted peer is back within ~100 ms). */
export const CHANNEL_OPTIONS: grpc.ChannelOptions = {
  "grpc.initial_reconnect_backoff_ms": 50,
  "grpc.min_reconnect_backoff_ms": 50,
  "grpc.max_reconnect_backoff_ms": 1000,
  "grpc.enable_retries": 0,
};
