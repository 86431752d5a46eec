import type { NodeId } from "@tskube/raft";
import type { StoreCommand, StoreResult } from "@tskube/store";
import { MasterError } from "../errors.js";
import type { ResponseHeader } from "../generated/etcdserverpb/ResponseHeader.js";
import type { Lessor } from "../lease/lessor.js";
import type { RaftDriver } from "../raft-driver.js";
import {
  type AppliedResult,
  encodeStoreEntry,
  type StoreStateMachine,
} from "../state-machine/store-state-machine.js";
import type { LeaderForwarder } from "./leader-forwarder.js";

/** What the store API's handlers share: one per master. */
export interface StoreContext {
  readonly selfId: NodeId;
  /** etcd-format ids (decimal uint64 strings). */
  readonly clusterIdNumber: string;
  readonly memberIdNumber: string;
  readonly driver: RaftDriver<AppliedResult>;
  readonly stateMachine: StoreStateMachine;
  readonly lessor: Lessor;
  readonly forwarder: LeaderForwarder;
  /** Lease TTLs below this many seconds are raised to it (etcd: 3/2 × election timeout, in seconds). */
  readonly minLeaseTtl: number;
  /** Seconds between progress notifications of a watch that asked for them. */
  readonly progressNotifyIntervalMs: number;
}

export function header(ctx: StoreContext, revision = ctx.stateMachine.store.revision): ResponseHeader {
  return {
    clusterId: ctx.clusterIdNumber,
    memberId: ctx.memberIdNumber,
    revision,
    raftTerm: ctx.driver.term,
  };
}

export type AppliedStoreResult = Extract<StoreResult, { ok: true }>;

/** Proposes a store command and waits until this member applied it; a failed command throws its StoreError. */
export async function proposeStore(ctx: StoreContext, command: StoreCommand): Promise<AppliedStoreResult> {
  const applied = await ctx.driver.propose((id) => encodeStoreEntry(id, command), command.type);
  if (applied.kind !== "store") throw new MasterError("Unavailable", "unexpected result kind");
  if (!applied.result.ok) throw applied.result.error;
  return applied.result;
}

/** A linearizable read point unless the request asked for a serializable (local) read. */
export async function readPoint(ctx: StoreContext, serializable: boolean): Promise<void> {
  if (!serializable) await ctx.driver.linearizableRead();
}
