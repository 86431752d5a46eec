import type * as grpc from "@grpc/grpc-js";
import type { MaintenanceHandlers } from "../generated/etcdserverpb/Maintenance.js";
import type { MoveLeaderRequest__Output } from "../generated/etcdserverpb/MoveLeaderRequest.js";
import type { MoveLeaderResponse } from "../generated/etcdserverpb/MoveLeaderResponse.js";
import type { SnapshotRequest__Output } from "../generated/etcdserverpb/SnapshotRequest.js";
import type { SnapshotResponse } from "../generated/etcdserverpb/SnapshotResponse.js";
import type { StatusResponse } from "../generated/etcdserverpb/StatusResponse.js";
import { memberIdOf } from "../member-id.js";
import { type MembershipContext, transferLeader } from "./cluster-service.js";
import { memberNameOf } from "./etcd-cluster-service.js";
import { header, type StoreContext } from "./store-context.js";
import { storeStatusError, storeUnary } from "./store-status.js";

const SNAPSHOT_CHUNK_BYTES = 1 << 20;
/** Reported as the server version (the etcd API level tskube implements). */
export const API_VERSION = "3.4.0-tskube";

/** etcdserverpb.Maintenance: status of this member, a snapshot of its state, leader transfer. */
export function maintenanceServiceHandlers(ctx: StoreContext & MembershipContext): MaintenanceHandlers {
  return {
    Status: storeUnary<unknown, StatusResponse>(() => {
      const s = ctx.driver.status();
      const leader = s.raft.leader;
      return {
        header: header(ctx),
        version: API_VERSION,
        // The in-memory store has no database file: its keys and kept values stand in for etcd's db size.
        dbSize: ctx.stateMachine.store.approximateBytes(),
        leader: leader === null ? "0" : memberIdOf(leader),
        raftIndex: s.raft.commit,
        raftTerm: s.raft.term,
        raftAppliedIndex: s.applied,
        isLearner: s.raft.confState.learners.includes(ctx.selfId),
        errors: [],
      };
    }),

    // The blob is this member's state machine snapshot (store + member directory) at its applied index.
    Snapshot: (call: grpc.ServerWritableStream<SnapshotRequest__Output, SnapshotResponse>) => {
      try {
        const blob = ctx.stateMachine.snapshot();
        for (let off = 0; off < blob.length; off += SNAPSHOT_CHUNK_BYTES) {
          const chunk = blob.subarray(off, Math.min(blob.length, off + SNAPSHOT_CHUNK_BYTES));
          call.write({ header: header(ctx), remainingBytes: blob.length - off - chunk.length, blob: chunk });
        }
        call.end();
      } catch (err) {
        call.emit("error", storeStatusError(err));
      }
    },

    MoveLeader: storeUnary<MoveLeaderRequest__Output, MoveLeaderResponse>(async (req) => {
      await transferLeader(ctx, memberNameOf(ctx, req.targetID));
      return { header: header(ctx) };
    }),
  };
}
