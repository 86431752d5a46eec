import type * as grpc from "@grpc/grpc-js";
import { StoreError } from "@tskube/store";
import type { LeaseHandlers } from "../generated/etcdserverpb/Lease.js";
import type { LeaseGrantRequest__Output } from "../generated/etcdserverpb/LeaseGrantRequest.js";
import type { LeaseGrantResponse } from "../generated/etcdserverpb/LeaseGrantResponse.js";
import type { LeaseKeepAliveRequest__Output } from "../generated/etcdserverpb/LeaseKeepAliveRequest.js";
import type { LeaseKeepAliveResponse } from "../generated/etcdserverpb/LeaseKeepAliveResponse.js";
import type { LeaseLeasesResponse } from "../generated/etcdserverpb/LeaseLeasesResponse.js";
import type { LeaseRevokeRequest__Output } from "../generated/etcdserverpb/LeaseRevokeRequest.js";
import type { LeaseRevokeResponse } from "../generated/etcdserverpb/LeaseRevokeResponse.js";
import type { LeaseTimeToLiveRequest__Output } from "../generated/etcdserverpb/LeaseTimeToLiveRequest.js";
import type { LeaseTimeToLiveResponse } from "../generated/etcdserverpb/LeaseTimeToLiveResponse.js";
import { header, proposeStore, readPoint, type StoreContext } from "./store-context.js";
import { int } from "./store-convert.js";
import { storeStatusError, storeUnary } from "./store-status.js";

/** etcd's cap on a lease TTL (seconds). */
const MAX_LEASE_TTL = 9_000_000_000;

/**
 * etcdserverpb.Lease. Grants and revokes are log entries; keep-alives and remaining TTLs are answered by the
 * leader's lessor (followers relay them), because only the leader keeps lease clocks.
 */
export function leaseServiceHandlers(ctx: StoreContext): LeaseHandlers {
  return {
    LeaseGrant: storeUnary<LeaseGrantRequest__Output, LeaseGrantResponse>(async (req) => {
      const requested = int(req.TTL, "TTL");
      if (requested > MAX_LEASE_TTL) throw new StoreError("InvalidTtl", `TTL ${requested} is too large`);
      const ttl = Math.max(requested, ctx.minLeaseTtl);
      const id = int(req.ID, "ID");
      const applied = await proposeStore(ctx, { type: "leaseGrant", id, ttl });
      if (applied.response.type !== "leaseGrant") throw new StoreError("BadEncoding", "unexpected response");
      return {
        header: header(ctx, applied.revision),
        ID: String(applied.response.id),
        TTL: applied.response.ttl,
        error: "",
      };
    }),

    LeaseRevoke: storeUnary<LeaseRevokeRequest__Output, LeaseRevokeResponse>(async (req) => {
      const applied = await proposeStore(ctx, { type: "leaseRevoke", id: int(req.ID, "ID") });
      return { header: header(ctx, applied.revision) };
    }),

    LeaseKeepAlive: (
      call: grpc.ServerDuplexStream<LeaseKeepAliveRequest__Output, LeaseKeepAliveResponse>,
    ) => {
      let ended = false;
      const fail = (err: unknown) => {
        if (ended) return;
        ended = true;
        call.emit("error", storeStatusError(err));
      };
      call.on("data", (req: LeaseKeepAliveRequest__Output) => {
        keepAlive(ctx, req.ID).then((r) => {
          if (!ended) call.write(r);
        }, fail);
      });
      call.on("end", () => {
        if (!ended) call.end();
        ended = true;
      });
      call.on("error", () => {
        ended = true;
      });
    },

    LeaseTimeToLive: storeUnary<LeaseTimeToLiveRequest__Output, LeaseTimeToLiveResponse>(async (req) => {
      if (!ctx.driver.isLeader) {
        const r = await ctx.forwarder.timeToLive(req.ID, req.keys);
        return { ...r, header: header(ctx) };
      }
      const id = int(req.ID, "ID");
      const info = ctx.stateMachine.store.leases().find((l) => l.id === id);
      const remaining = ctx.lessor.remaining(id);
      if (info === undefined || remaining < 0) {
        return { header: header(ctx), ID: req.ID, TTL: -1, grantedTTL: 0, keys: [] };
      }
      return {
        header: header(ctx),
        ID: req.ID,
        TTL: remaining,
        grantedTTL: info.ttl,
        keys: req.keys ? info.keys : [],
      };
    }),

    LeaseLeases: storeUnary<unknown, LeaseLeasesResponse>(async () => {
      await readPoint(ctx, false);
      const leases = ctx.stateMachine.store.leases().map((l) => ({ ID: String(l.id) }));
      return { header: header(ctx), leases };
    }),
  };
}

async function keepAlive(ctx: StoreContext, idText: string): Promise<LeaseKeepAliveResponse> {
  if (!ctx.driver.isLeader) {
    const r = await ctx.forwarder.keepAlive(idText);
    return { ...r, header: header(ctx) };
  }
  const ttl = ctx.lessor.renew(int(idText, "ID"));
  return { header: header(ctx), ID: idText, TTL: ttl };
}
