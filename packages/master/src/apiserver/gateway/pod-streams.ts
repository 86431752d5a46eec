import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { ApiError, unauthorized } from "@tskube/api";
import type { Logger } from "../../logger.js";
import type { AgentClient } from "../agents/agent-client.js";
import { proxyUpgrade, type StreamKind, writeUpgradeError } from "../agents/exec-proxy.js";
import { proxyLogs } from "../agents/log-proxy.js";
import { resolvePodTarget } from "../agents/pod-target.js";
import type { ApiCore, RequestScope, UserInfo } from "../api-types.js";
import type { Authorizer } from "../core/authorizer.js";
import { parseRoute } from "./route.js";

export interface PodStreamsDeps {
  readonly core: ApiCore;
  readonly authenticate: (req: IncomingMessage) => Promise<UserInfo | null>;
  readonly authorize: Authorizer;
  /** null: no agent client (plain-HTTP test servers): every stream answers 503. */
  readonly agents: AgentClient | null;
  readonly logger: Logger;
}

const STREAM_KINDS: ReadonlySet<string> = new Set(["exec", "attach"]);

/**
 * pods/log, pods/exec and pods/attach: the API server proxies them to the node agent of the pod's node, as
 * kube-apiserver does to kubelets. The request is authorized on the subresource (log: get; exec/attach:
 * create, also for kubectl's WebSocket GET), then the pod, container and node are resolved with the API
 * server's own errors before any byte goes to the agent.
 */
export class PodStreams {
  /** Upgraded connections: server.close() does not end them, closeAll() does. */
  private readonly open = new Set<Duplex>();

  constructor(private readonly d: PodStreamsDeps) {}

  closeAll(): void {
    for (const s of this.open) s.destroy();
    this.open.clear();
  }

  /** pods/log, and exec/attach without an upgrade (which cannot work). */
  async serve(
    scope: RequestScope,
    _req: IncomingMessage,
    res: ServerResponse,
    q: URLSearchParams,
  ): Promise<void> {
    const sub = scope.subresource ?? "";
    if (scope.group !== "" || scope.resource !== "pods" || scope.namespace === undefined) {
      throw new ApiError("NotFound", "the server could not find the requested resource");
    }
    if (sub !== "log") {
      this.authorizeStream(scope);
      throw new ApiError("BadRequest", "Upgrade request required");
    }
    this.d.authorize(scope.user, attributes(scope, "get"));
    const target = await resolvePodTarget(
      this.d.core,
      scope.namespace ?? "",
      scope.name ?? "",
      q.get("container"),
      "empty",
    );
    if (target === null) {
      // An unscheduled pod has no logs yet: an empty answer, as the API server gives.
      res.writeHead(200, { "Content-Type": "text/plain", "Content-Length": 0 });
      res.end();
      return;
    }
    await proxyLogs(this.agents(target.address.nodeName), target, q, res);
  }

  /** The server's `upgrade` listener: exec/attach WebSocket (or SPDY) upgrades. */
  readonly upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on("error", () => socket.destroy());
    this.open.add(socket);
    socket.on("close", () => this.open.delete(socket));
    this.serveUpgrade(req, socket, head).catch((err: unknown) => {
      const e = writeUpgradeError(socket, err);
      if (e.code >= 500) this.d.logger.warn({ err: e.message, url: req.url }, "upgrade request failed");
    });
  };

  private async serveUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? "/", "http://gateway");
    const route = parseRoute(url.pathname);
    const user = await this.d.authenticate(req);
    if (user === null) throw unauthorized();
    if (
      route.type !== "resource" ||
      route.group !== "" ||
      route.resource !== "pods" ||
      route.namespace === undefined ||
      route.name === undefined ||
      !STREAM_KINDS.has(route.subresource ?? "")
    ) {
      throw new ApiError("BadRequest", `upgrade is not supported on ${url.pathname}`);
    }
    const scope: RequestScope = {
      user,
      group: "",
      version: route.version,
      resource: "pods",
      namespace: route.namespace,
      name: route.name,
      subresource: route.subresource ?? "",
    };
    this.authorizeStream(scope);
    const q = url.searchParams;
    const target = await resolvePodTarget(
      this.d.core,
      route.namespace,
      route.name,
      q.get("container"),
      "error",
    );
    if (target === null) throw new ApiError("BadRequest", `pod ${route.name} does not have a host assigned`);
    const kind = route.subresource as StreamKind;
    await proxyUpgrade(this.agents(target.address.nodeName), target, kind, req, socket, head, q);
  }

  /** exec/attach open a process's stdin: `create`, whatever the HTTP method (as Kubernetes authorizes WebSockets). */
  private authorizeStream(scope: RequestScope): void {
    this.d.authorize(scope.user, attributes(scope, "create"));
  }

  private agents(nodeName: string): AgentClient {
    if (this.d.agents === null) {
      throw new ApiError("ServiceUnavailable", `no node agent is reachable for node "${nodeName}"`, {
        retryAfterSeconds: 5,
      });
    }
    return this.d.agents;
  }
}

function attributes(scope: RequestScope, verb: string) {
  return {
    verb,
    group: "",
    resource: "pods",
    subresource: scope.subresource ?? "",
    ...(scope.namespace === undefined ? {} : { namespace: scope.namespace }),
    ...(scope.name === undefined ? {} : { name: scope.name }),
  };
}
