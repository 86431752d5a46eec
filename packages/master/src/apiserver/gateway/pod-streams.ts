import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError } from "@tskube/api";
import type { ApiCore, RequestScope } from "../api-types.js";

/**
 * pods/log, pods/exec and pods/attach: the API server proxies them to the node agent of the pod's node.
 * The pod is looked up first so that a missing or unscheduled pod gets the API server's own errors.
 */
export class PodStreams {
  async serve(
    core: ApiCore,
    scope: RequestScope,
    _req: IncomingMessage,
    _res: ServerResponse,
    _q: URLSearchParams,
  ): Promise<void> {
    const pod = await core.get({ ...scope, subresource: undefined }, {});
    const nodeName = (pod.spec as { nodeName?: string } | undefined)?.nodeName ?? "";
    if (nodeName === "") {
      throw new ApiError("BadRequest", `pod ${scope.name ?? ""} does not have a host assigned`);
    }
    // Node agents (and their log/exec endpoint) arrive with the node agent; until then no node can answer.
    throw new ApiError("ServiceUnavailable", `no node agent is reachable for node "${nodeName}"`, {
      retryAfterSeconds: 5,
    });
  }
}
