import { MasterError } from "../errors.js";
import type { ClusterHandlers } from "../generated/etcdserverpb/Cluster.js";
import type { Member } from "../generated/etcdserverpb/Member.js";
import type { MemberAddResponse } from "../generated/etcdserverpb/MemberAddResponse.js";
import type { MemberListRequest__Output } from "../generated/etcdserverpb/MemberListRequest.js";
import type { MemberListResponse } from "../generated/etcdserverpb/MemberListResponse.js";
import type { MemberPromoteRequest__Output } from "../generated/etcdserverpb/MemberPromoteRequest.js";
import type { MemberPromoteResponse } from "../generated/etcdserverpb/MemberPromoteResponse.js";
import type { MemberRemoveRequest__Output } from "../generated/etcdserverpb/MemberRemoveRequest.js";
import type { MemberRemoveResponse } from "../generated/etcdserverpb/MemberRemoveResponse.js";
import { memberIdOf } from "../member-id.js";
import { type MembershipContext, memberList, promoteMember, removeMember } from "./cluster-service.js";
import { header, type StoreContext } from "./store-context.js";
import { storeUnary } from "./store-status.js";

/** etcd's member records: ids derived from names, peer and client URLs from the member directory. */
export function etcdMembers(ctx: StoreContext & MembershipContext): Member[] {
  return memberList(ctx).map((m) => ({
    ID: memberIdOf(m.name),
    name: m.name,
    peerURLs: [`http://${m.peerUrl}`],
    clientURLs: [...ctx.stateMachine.clientUrls(m.name)],
    isLearner: m.isLearner,
  }));
}

/** The member name behind an etcd-format id (ids are derived from names, so a lookup over the members). */
export function memberNameOf(ctx: MembershipContext, id: string): string {
  for (const name of ctx.stateMachine.members.keys()) if (memberIdOf(name) === id) return name;
  throw new MasterError("NotFound", `member ${id} not found`);
}

/**
 * etcdserverpb.Cluster. tskube members have names; adding one takes `tskube member add NAME PEER` (cluster.v1),
 * because etcd's MemberAdd carries no name.
 */
export function etcdClusterServiceHandlers(ctx: StoreContext & MembershipContext): ClusterHandlers {
  return {
    MemberList: storeUnary<MemberListRequest__Output, MemberListResponse>(async () => {
      if (ctx.driver.leaderId !== null) await ctx.driver.linearizableRead();
      return { header: header(ctx), members: etcdMembers(ctx) };
    }),
    MemberAdd: storeUnary<unknown, MemberAddResponse>(() => {
      throw new MasterError(
        "FailedPrecondition",
        "tskube members are added by name: use `tskube member add NAME PEER_ADDRESS` (cluster.v1.Cluster/MemberAdd)",
      );
    }),
    MemberRemove: storeUnary<MemberRemoveRequest__Output, MemberRemoveResponse>(async (req) => {
      await removeMember(ctx, memberNameOf(ctx, req.ID));
      return { header: header(ctx), members: etcdMembers(ctx) };
    }),
    MemberPromote: storeUnary<MemberPromoteRequest__Output, MemberPromoteResponse>(async (req) => {
      await promoteMember(ctx, memberNameOf(ctx, req.ID));
      return { header: header(ctx), members: etcdMembers(ctx) };
    }),
  };
}
