import type * as grpc from "@grpc/grpc-js";
import { checkRangeEnd, type WatchResponse as HubResponse, type StoreEvent } from "@tskube/store";
import type { WatchHandlers } from "../generated/etcdserverpb/Watch.js";
import type { WatchCreateRequest__Output } from "../generated/etcdserverpb/WatchCreateRequest.js";
import type { WatchRequest__Output } from "../generated/etcdserverpb/WatchRequest.js";
import type { WatchResponse } from "../generated/etcdserverpb/WatchResponse.js";
import { header, type StoreContext } from "./store-context.js";
import { event, int } from "./store-convert.js";
import { storeStatusError } from "./store-status.js";

/** etcd's id for "every watch of this stream" in a progress response (clientv3.InvalidWatchID). */
const ALL_WATCHES = "-1";

interface StreamWatch {
  readonly hubId: number;
  readonly progressTimer: NodeJS.Timeout | null;
}

/**
 * etcdserverpb.Watch: one stream multiplexes watches by id. Events come from this member's watch hub, which
 * sees every applied entry in log order, so each watch gets its revisions in order, each revision whole, once;
 * a client resuming at lastRevision + 1 on any member continues without loss or repeats.
 */
export function watchServiceHandlers(ctx: StoreContext): WatchHandlers {
  return {
    Watch: (call: grpc.ServerDuplexStream<WatchRequest__Output, WatchResponse>) => {
      const watches = new Map<string, StreamWatch>();
      let nextId = 0;
      let closed = false;
      const send = (r: WatchResponse) => {
        if (!closed) call.write(r);
      };

      const create = (req: WatchCreateRequest__Output) => {
        let id = int(req.watchId, "watch_id");
        if (id === 0) {
          while (watches.has(String(nextId))) nextId++;
          id = nextId++;
        } else if (watches.has(String(id))) {
          send({
            header: header(ctx),
            watchId: ALL_WATCHES,
            created: true,
            canceled: true,
            cancelReason: `watch id ${id} is in use`,
          });
          return;
        }
        const watchId = String(id);
        if (req.rangeEnd.length > 0) checkRangeEnd(req.rangeEnd);
        const noPut = req.filters.includes("NOPUT");
        const noDelete = req.filters.includes("NODELETE");
        send({ header: header(ctx), watchId, created: true });
        let canceled = false;
        const onResponse = (r: HubResponse) => {
          if (r.canceled) {
            canceled = true;
            forget(watchId);
            send({
              header: header(ctx, r.revision),
              watchId,
              canceled: true,
              compactRevision: r.compactRevision ?? 0,
              cancelReason: r.error?.message ?? "canceled",
            });
            return;
          }
          const events = r.events.filter(
            (e: StoreEvent) => !(noPut && e.type === "PUT") && !(noDelete && e.type === "DELETE"),
          );
          if (events.length > 0 || r.progress)
            send({ header: header(ctx, r.revision), watchId, events: events.map(event) });
        };
        const hubId = ctx.stateMachine.watches.watch(
          req.key,
          req.rangeEnd.length === 0 ? undefined : req.rangeEnd,
          int(req.startRevision, "start_revision"),
          onResponse,
          { prevKv: req.prevKv },
        );
        if (canceled) return;
        const progressTimer = req.progressNotify
          ? setInterval(
              () => send({ header: header(ctx), watchId, events: [] }),
              ctx.progressNotifyIntervalMs,
            )
          : null;
        watches.set(watchId, { hubId, progressTimer });
      };

      const forget = (watchId: string): boolean => {
        const w = watches.get(watchId);
        if (w === undefined) return false;
        watches.delete(watchId);
        ctx.stateMachine.watches.cancel(w.hubId);
        if (w.progressTimer !== null) clearInterval(w.progressTimer);
        return true;
      };

      const closeAll = () => {
        if (closed) return;
        closed = true;
        for (const id of [...watches.keys()]) forget(id);
      };

      call.on("data", (req: WatchRequest__Output) => {
        try {
          if (req.createRequest) create(req.createRequest);
          else if (req.cancelRequest) {
            const watchId = req.cancelRequest.watchId;
            if (forget(watchId))
              send({ header: header(ctx), watchId, canceled: true, cancelReason: "canceled by the client" });
          } else if (req.progressRequest) {
            // Every watch here is caught up (delivery is synchronous with apply): the current revision is progress.
            if (watches.size > 0) send({ header: header(ctx), watchId: ALL_WATCHES, events: [] });
          }
        } catch (err) {
          closeAll();
          call.emit("error", storeStatusError(err));
        }
      });
      call.on("end", () => {
        closeAll();
        call.end();
      });
      call.on("error", closeAll);
      call.on("cancelled", closeAll);
      call.on("close", closeAll);
    },
  };
}
