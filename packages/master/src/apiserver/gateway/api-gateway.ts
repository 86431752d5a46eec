import type { IncomingMessage, ServerResponse } from "node:http";
import {
  ApiError,
  discoveryAnswer,
  type HttpAnswer,
  openApiAnswer,
  toTable,
  unauthorized,
} from "@tskube/api";
import type { Logger } from "../../logger.js";
import type { AgentClient } from "../agents/agent-client.js";
import type { ApiObject } from "../api-object.js";
import type { ApiCore, RequestScope, UserInfo, WatchEvent } from "../api-types.js";
import { type Authorizer, allowAll } from "../core/authorizer.js";
import { TABLE_TYPE, wantsTable } from "./media-types.js";
import { PodStreams } from "./pod-streams.js";
import {
  deleteOptions,
  isWatch,
  listOptions,
  patchOptions,
  watchOptions,
  writeOptions,
} from "./query-options.js";
import { decodeObjectBody, decodePatchBody, readBody } from "./request-body.js";
import { sendError, sendJson } from "./responses.js";
import { parseRoute, type Route } from "./route.js";

export interface ApiGatewayDeps {
  readonly core: ApiCore;
  /** null = no credentials (401); throws ApiError for bad ones. */
  readonly authenticate: (req: IncomingMessage) => Promise<UserInfo | null>;
  readonly logger: Logger;
  readonly now?: () => Date;
  /** Authorizes the pods/log, exec and attach subresources, which the gateway proxies itself. */
  readonly authorize?: Authorizer;
  /** The client toward node agents (logs, exec); absent: those answer 503. */
  readonly agents?: AgentClient;
}

type ResourceRoute = Extract<Route, { type: "resource" }>;

/**
 * The kubectl-compatible HTTP(S) front door: routes Kubernetes API paths to the core, negotiates
 * Tables, decodes JSON/YAML/protobuf bodies and patches, streams watches, and answers every failure
 * with a Status. research/kubectl.md lists what kubectl 1.32 sends; this follows it.
 */
export class ApiGateway {
  private readonly now: () => Date;
  private readonly streams: PodStreams;
  /** Serialized watch objects, shared by every watcher of the same event. */
  private readonly serialized = new WeakMap<object, string>();

  constructor(private readonly d: ApiGatewayDeps) {
    this.now = d.now ?? (() => new Date());
    this.streams = new PodStreams({
      core: d.core,
      authenticate: d.authenticate,
      authorize: d.authorize ?? allowAll,
      agents: d.agents ?? null,
      logger: d.logger,
    });
  }

  /** The `upgrade` listener for node:http(s): exec/attach are proxied to node agents. */
  get upgrade(): PodStreams["upgrade"] {
    return this.streams.upgrade;
  }

  /** Ends every proxied exec/attach session (shutdown). */
  closeStreams(): void {
    this.streams.closeAll();
  }

  /** The request listener for node:http(s). */
  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    this.serve(req, res).catch((err: unknown) => {
      const e = sendError(res, err);
      if (e.code >= 500) this.d.logger.warn({ err: (err as Error).message, url: req.url }, "request failed");
    });
  };

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://gateway");
    const route = parseRoute(url.pathname);
    const accept = header(req, "accept");
    if (route.type === "health") return sendText(res, 200, "ok");
    const user = await this.d.authenticate(req);
    if (user === null) throw unauthorized();
    const method = req.method ?? "GET";
    const doc =
      route.type === "resource"
        ? undefined
        : (discoveryAnswer({ method, path: url.pathname, accept, host: req.headers.host }) ??
          openApiAnswer({
            method,
            path: url.pathname,
            hash: url.searchParams.get("hash") ?? undefined,
            accept,
          }));
    if (doc !== undefined) return sendAnswer(res, doc);
    if (route.type === "resource") return this.resource(req, res, route, url.searchParams, user);
    throw new ApiError("NotFound", "the server could not find the requested resource");
  }

  private async resource(
    req: IncomingMessage,
    res: ServerResponse,
    route: ResourceRoute,
    q: URLSearchParams,
    user: UserInfo,
  ): Promise<void> {
    const scope: RequestScope = {
      user,
      group: route.group,
      version: route.version,
      resource: route.resource,
      ...(route.namespace === undefined ? {} : { namespace: route.namespace }),
      ...(route.name === undefined ? {} : { name: route.name }),
      ...(route.subresource === undefined ? {} : { subresource: route.subresource }),
    };
    const method = req.method ?? "GET";
    const table = wantsTable(header(req, "accept"));
    const core = this.d.core;
    if (route.subresource === "log" || route.subresource === "exec" || route.subresource === "attach") {
      return this.streams.serve(scope, req, res, q);
    }
    if (method === "GET" && route.name === undefined) {
      if (isWatch(q)) return this.watch(req, res, scope, q, table);
      const list = await core.list(scope, listOptions(q));
      if (table) {
        const t = toTable(
          list.kind.replace(/List$/, ""),
          list.items as never[],
          this.now(),
          list.metadata.resourceVersion,
        );
        if (list.metadata.continue !== undefined) t.metadata.continue = list.metadata.continue;
        return sendJson(res, 200, t, { "Content-Type": TABLE_TYPE });
      }
      return sendJson(res, 200, list);
    }
    if (method === "GET") {
      const obj = await core.get(scope, {});
      if (table && route.subresource === undefined) {
        return sendJson(res, 200, toTable(obj.kind ?? "", [obj as never], this.now()), {
          "Content-Type": TABLE_TYPE,
        });
      }
      return sendJson(res, 200, obj);
    }
    if (method === "POST") {
      const body = decodeObjectBody(header(req, "content-type"), await readBody(req));
      const r = await core.create(scope, body, writeOptions(q));
      return sendJson(res, 201, r.object, warningHeaders(r.warnings));
    }
    if (method === "PUT") {
      if (route.name === undefined) throw methodNotAllowed();
      const body = decodeObjectBody(header(req, "content-type"), await readBody(req));
      const r = await core.update(scope, body, writeOptions(q));
      return sendJson(res, r.created ? 201 : 200, r.object, warningHeaders(r.warnings));
    }
    if (method === "PATCH") {
      if (route.name === undefined) throw methodNotAllowed();
      const { kind, patch } = decodePatchBody(header(req, "content-type"), await readBody(req));
      const r = await core.patch(scope, kind, patch, patchOptions(q));
      return sendJson(res, r.created ? 201 : 200, r.object, warningHeaders(r.warnings));
    }
    if (method === "DELETE") {
      const raw = await readBody(req);
      const body =
        raw.length === 0
          ? undefined
          : (decodeObjectBody(header(req, "content-type"), raw) as Record<string, unknown>);
      if (route.name === undefined) return this.deleteCollection(res, scope, q, body);
      const obj = await core.delete(scope, deleteOptions(q, body));
      return sendJson(res, 200, obj);
    }
    throw methodNotAllowed();
  }

  private async deleteCollection(
    res: ServerResponse,
    scope: RequestScope,
    q: URLSearchParams,
    body: Record<string, unknown> | undefined,
  ): Promise<void> {
    const list = await this.d.core.list(scope, listOptions(q));
    const options = deleteOptions(q, body);
    const deleted: ApiObject[] = [];
    for (const item of list.items) {
      const name = item.metadata?.name ?? "";
      const namespace = item.metadata?.namespace;
      try {
        deleted.push(
          await this.d.core.delete(
            { ...scope, name, ...(namespace === undefined ? {} : { namespace }) },
            options,
          ),
        );
      } catch (err) {
        if (!(err instanceof ApiError) || err.reason !== "NotFound") throw err;
      }
    }
    sendJson(res, 200, { ...list, items: deleted });
  }

  private async watch(
    req: IncomingMessage,
    res: ServerResponse,
    scope: RequestScope,
    q: URLSearchParams,
    table: boolean,
  ): Promise<void> {
    let headersSent = false;
    const start = (): void => {
      if (headersSent) return;
      headersSent = true;
      res.writeHead(200, {
        "Content-Type": table ? TABLE_TYPE : "application/json",
        "Transfer-Encoding": "chunked",
      });
    };
    let first = true;
    const sink = (e: WatchEvent): void => {
      start();
      res.write(this.eventLine(e, table, first));
      if (e.type !== "BOOKMARK" && e.type !== "ERROR") first = false;
    };
    const handle = await this.d.core.watch(scope, watchOptions(q), sink);
    start();
    // Headers now, not with the first event: the client's request completes when they arrive.
    res.flushHeaders();
    // 'close' of the response, not the request: the request's fires once its (empty) body is read.
    res.on("close", () => handle.close());
    void handle.done.then(() => {
      if (!res.writableEnded) res.end();
    });
    void req;
  }

  private eventLine(e: WatchEvent, table: boolean, withHeaders: boolean): string {
    if (table && e.type !== "BOOKMARK" && e.type !== "ERROR") {
      const t = toTable(e.object.kind ?? "", [e.object as never], this.now());
      if (!withHeaders) t.columnDefinitions = [];
      return `{"type":"${e.type}","object":${JSON.stringify(t)}}\n`;
    }
    let text = this.serialized.get(e.object);
    if (text === undefined) {
      text = JSON.stringify(e.object);
      this.serialized.set(e.object, text);
    }
    return `{"type":"${e.type}","object":${text}}\n`;
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(",") : v;
}

function warningHeaders(warnings: readonly string[]): Record<string, string> {
  if (warnings.length === 0) return {};
  return { Warning: warnings.map((w) => `299 - ${JSON.stringify(w)}`).join(", ") };
}

function methodNotAllowed(): ApiError {
  return new ApiError("MethodNotAllowed", "the server does not allow this method on the requested resource");
}

function sendAnswer(res: ServerResponse, a: HttpAnswer): void {
  const body = typeof a.body === "string" ? a.body : Buffer.from(a.body);
  res.writeHead(a.status, { ...a.headers, "content-length": Buffer.byteLength(body) });
  res.end(body);
}

function sendText(res: ServerResponse, code: number, text: string): void {
  res.writeHead(code, {
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
  });
  res.end(text);
}
