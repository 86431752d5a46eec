import * as grpc from "@grpc/grpc-js";
import type { RaftClient } from "../generated/raft/v1/Raft.js";
import { CHANNEL_OPTIONS, loadProtos } from "../grpc/protos.js";

/** A raw client of a member's Raft peer service (tests and diagnostics speak to it directly). */
export function createRaftPeerClient(address: string): RaftClient {
  return new (loadProtos().raft.v1.Raft)(address, grpc.credentials.createInsecure(), {
    ...CHANNEL_OPTIONS,
    "grpc.max_send_message_length": 64 * 1024 * 1024,
  });
}
