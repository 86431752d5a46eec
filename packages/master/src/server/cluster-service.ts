import type { NodeId } from "@tskube/raft";
import { checkAddress, checkName, stripScheme } from "../config.js";
import { MasterError } from "../errors.js";
import type { ClusterHandlers } from "../generated/cluster/v1/Cluster.js";
import type { MemberAddRequest__Output } from "../generated/cluster/v1/MemberAddRequest.js";
import type { MemberAddResponse } from "../generated/cluster/v1/MemberAddResponse.js";
import type { MemberListResponse } from "../generated/cluster/v1/MemberListResponse.js";
import type { MemberPromoteRequest__Output } from "../generated/cluster/v1/MemberPromoteRequest.js";
import type { MemberPromoteResponse } from "../generated/cluster/v1/MemberPromoteResponse.js";
import type { MemberRemoveRequest__Output } from "../generated/cluster/v1/MemberRemoveRequest.js";
import type { MemberRemoveResponse } from "../generated/cluster/v1/MemberRemoveResponse.js";
import type { StatusResponse } from "../generated/cluster/v1/StatusResponse.js";
import type { TransferLeaderRequest__Output } from "../generated/cluster/v1/TransferLeaderRequest.js";
import type { TransferLeaderResponse } from "../generated/cluster/v1/TransferLeaderResponse.js";
import { unary } from "../grpc/status.js";
import type { RaftDriver } from "../raft-driver.js";
import type { AppliedResult, StoreStateMachine } from "../state-machine/store-state-machine.js";

/** What membership changes need (shared by cluster.v1 and the etcd-format Cluster service). */
export interface MembershipContext {
  readonly selfId: NodeId;
  readonly driver: RaftDriver<AppliedResult>;
  readonly stateMachine: StoreStateMachine;
  /** A learner may be promoted once its acknowledged index is within this many entries of the commit index. */
  readonly promoteMaxLag: number;
}

export interface ClusterServiceContext extends MembershipContext {
  readonly clusterId: string;
}

/** The members as this member applied them: the address book, with the learner flag from the config. */
export interface MemberEntry {
  readonly name: string;
  readonly peerUrl: string;
  readonly isLearner: boolean;
}

export function memberList(ctx: MembershipContext): MemberEntry[] {
  const learners = new Set(ctx.driver.status().raft.confState.learners);
  return [...ctx.stateMachine.members]
    .map(([name, peerUrl]) => ({ name, peerUrl, isLearner: learners.has(name) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function requireLeader(ctx: MembershipContext): void {
  if (!ctx.driver.isLeader) {
    throw new MasterError(
      "NotLeader",
      `not the leader (member ${ctx.selfId}; leader is ${ctx.driver.leaderId ?? "unknown"})`,
    );
  }
}

function requireMember(ctx: MembershipContext, name: string): string {
  const address = ctx.stateMachine.members.get(name);
  if (address === undefined) throw new MasterError("NotFound", `member ${name} is not in the cluster`);
  return address;
}

/** Promotes a caught-up learner (on the leader; a voter already is one, which answers a retried call). */
export async function promoteMember(ctx: MembershipContext, name: string): Promise<void> {
  requireLeader(ctx);
  const address = requireMember(ctx, name);
  const raft = ctx.driver.status().raft;
  if (raft.confState.voters.includes(name)) return;
  const progress = raft.progress[name];
  if (
    progress === undefined ||
    progress.state !== "replicate" ||
    progress.match + ctx.promoteMaxLag < raft.commit
  ) {
    throw new MasterError(
      "FailedPrecondition",
      `learner ${name} is not caught up yet (acknowledged index ${progress?.match ?? 0}, ` +
        `${progress?.state ?? "no progress"}; commit index ${raft.commit})`,
    );
  }
  await ctx.driver.proposeConfChange({ type: "addVoter", id: name, context: address });
}

export async function removeMember(ctx: MembershipContext, name: string): Promise<void> {
  requireLeader(ctx);
  requireMember(ctx, name);
  await ctx.driver.proposeConfChange({ type: "remove", id: name, context: "" });
}

export async function transferLeader(ctx: MembershipContext, target: string): Promise<string> {
  requireLeader(ctx);
  requireMember(ctx, target);
  if (!ctx.driver.status().raft.confState.voters.includes(target)) {
    throw new MasterError("FailedPrecondition", `member ${target} is not a voter`);
  }
  return ctx.driver.transferLeadership(target);
}

/**
 * cluster.v1.Cluster: membership changes run on the leader; list and status are answered by any member
 * (the list through a ReadIndex round when a leader is known).
 */
export function clusterServiceHandlers(ctx: ClusterServiceContext): ClusterHandlers {
  return {
    MemberList: unary<unknown, MemberListResponse>(async () => {
      // With a leader the list is linearizable: it shows every membership change committed before the
      // call, even on a follower that has not applied the latest one yet (a caller that just saw a
      // change complete must find it here). Without a leader, the local view (leader "") beats no answer.
      if (ctx.driver.leaderId !== null) await ctx.driver.linearizableRead();
      return { clusterId: ctx.clusterId, members: memberList(ctx), leader: ctx.driver.leaderId ?? "" };
    }),

    MemberAdd: unary<MemberAddRequest__Output, MemberAddResponse>(async (req) => {
      checkName(req.name);
      const peerUrl = stripScheme(req.peerUrl);
      checkAddress("peer address", peerUrl);
      requireLeader(ctx);
      const existing = ctx.stateMachine.members.get(req.name);
      if (existing !== undefined && existing !== peerUrl) {
        throw new MasterError(
          "FailedPrecondition",
          `member ${req.name} already exists with peer address ${existing}`,
        );
      }
      // Adding the same member twice (a retry after a lost answer) is answered like the first add.
      if (existing === undefined) {
        await ctx.driver.proposeConfChange({ type: "addLearner", id: req.name, context: peerUrl });
      }
      const members = memberList(ctx);
      return {
        clusterId: ctx.clusterId,
        member: members.find((m) => m.name === req.name) ?? { name: req.name, peerUrl, isLearner: true },
        members,
      };
    }),

    MemberPromote: unary<MemberPromoteRequest__Output, MemberPromoteResponse>(async (req) => {
      await promoteMember(ctx, req.name);
      return { members: memberList(ctx) };
    }),

    MemberRemove: unary<MemberRemoveRequest__Output, MemberRemoveResponse>(async (req) => {
      await removeMember(ctx, req.name);
      return { members: memberList(ctx) };
    }),

    TransferLeader: unary<TransferLeaderRequest__Output, TransferLeaderResponse>(async (req) => ({
      leader: await transferLeader(ctx, req.target),
    })),

    Status: unary<unknown, StatusResponse>(async () => {
      const s = ctx.driver.status();
      return {
        name: ctx.selfId,
        clusterId: ctx.clusterId,
        role: s.raft.role,
        leader: s.raft.leader ?? "",
        term: s.raft.term,
        commit: s.raft.commit,
        applied: s.applied,
        firstIndex: s.raft.firstIndex,
        lastIndex: s.raft.lastIndex,
        isLearner: s.raft.confState.learners.includes(ctx.selfId),
        voters: [...s.raft.confState.voters],
        learners: [...s.raft.confState.learners],
        snapshotsInstalled: s.snapshotsInstalled,
        snapshotIndex: s.snapshotIndex,
        removed: s.removed,
      };
    }),
  };
}
