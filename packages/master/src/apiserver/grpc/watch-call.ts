import * as grpc from "@grpc/grpc-js";
import { apiErrorFromStatus, encodeJson, type ObjectsWire, toGrpcError } from "@tskube/api";
import type { Status } from "kubernetes-types/meta/v1.js";
import type { ApiCore, WatchEvent, WatchHandle } from "../api-types.js";
import { type Authenticate, authenticated } from "./authenticate.js";
import { watchOptions } from "./request-options.js";
import { scopeOf } from "./request-scope.js";

type WatchCall = grpc.ServerWritableStream<ObjectsWire.WatchRequest, ObjectsWire.WatchEvent>;

/**
 * One Watch call: response headers go out once the core accepted the watch (that is what the client waits
 * for), events follow as they come, and the stream ends OK when the core ends the watch (timeout) or with
 * the error status when the core reports one (an ERROR event, such as 410 Expired).
 */
export function serveWatch(call: WatchCall, core: ApiCore, authenticate: Authenticate): void {
  let handle: WatchHandle | undefined;
  let finished = false;
  let wrote = false;

  const finish = (err?: unknown) => {
    if (finished) return;
    finished = true;
    handle?.close();
    if (err === undefined) call.end();
    else call.emit("error", toGrpcError(err));
  };

  const sink = (event: WatchEvent) => {
    if (finished) return;
    if (event.type === "ERROR") {
      finish(apiErrorFromStatus(event.object as Status));
      return;
    }
    wrote = true;
    call.write({ type: event.type, object: encodeJson(event.object) });
  };

  call.on("cancelled", () => {
    finished = true;
    handle?.close();
  });

  const start = async () => {
    const user = await authenticated(call, authenticate);
    const h = await core.watch(scopeOf(call.request.target, user), watchOptions(call.request), sink);
    handle = h;
    // The client left, or an ERROR event ended the watch, while the core was still setting it up.
    if (finished) {
      h.close();
      return;
    }
    if (!wrote) call.sendMetadata(new grpc.Metadata());
    h.done.then(
      () => finish(),
      (err: unknown) => finish(err),
    );
  };
  start().catch((err: unknown) => finish(err));
}
