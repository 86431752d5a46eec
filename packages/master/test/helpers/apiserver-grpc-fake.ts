import * as grpc from "@grpc/grpc-js";
import {
  type ApiError,
  alreadyExists,
  conflict,
  expired,
  notFound,
  objectsServiceDefinition,
} from "@tskube/api";
import type { ApiObject, PatchKind } from "../../src/apiserver/api-object.js";
import type {
  ApiCore,
  DeleteOptions,
  GetOptions,
  ListOptions,
  ListResult,
  PatchOptions,
  RequestScope,
  UserInfo,
  WatchEvent,
  WatchHandle,
  WatchOptions,
  WriteOptions,
  WriteResult,
} from "../../src/apiserver/api-types.js";
import { type Authenticate, objectsServiceHandlers } from "../../src/apiserver/grpc/index.js";

// A small in-memory ApiCore for testing the gRPC transport only (encoding, error mapping, auth plumbing,
// streaming): it stores objects by resource/namespace/name, keeps an event history so watches can resume
// from a resourceVersion, records every call, and can be told to fail the next one.

export interface RecordedCall {
  readonly verb: string;
  readonly scope: RequestScope;
  readonly options: unknown;
  readonly body?: unknown;
  readonly patchKind?: PatchKind;
}

interface Watcher {
  readonly scope: RequestScope;
  readonly options: WatchOptions;
  readonly sink: (event: WatchEvent) => void;
  end(): void;
}

interface HistoryEntry {
  readonly rv: number;
  readonly key: string;
  readonly event: WatchEvent;
}

export class FakeCore implements ApiCore {
  readonly calls: RecordedCall[] = [];
  readonly watchers = new Set<Watcher>();
  /** Watches ever opened, in order (with the options they were opened with). */
  readonly watchOpens: WatchOptions[] = [];
  private readonly objects = new Map<string, ApiObject>();
  private readonly history: HistoryEntry[] = [];
  private rv = 100;
  /** Revisions at or below this are "compacted": watches from them get 410 as an ERROR event. */
  compactedBelow = 50;
  private failures: unknown[] = [];

  /** The next calls (any verb) throw these, in order. */
  failNext(...errors: unknown[]): void {
    this.failures.push(...errors);
  }

  get revision(): number {
    return this.rv;
  }

  async get(scope: RequestScope, options: GetOptions = {}): Promise<ApiObject> {
    this.record("get", scope, options);
    const o = this.objects.get(keyOf(scope, scope.name ?? ""));
    if (o === undefined) throw notFound(scope, scope.name ?? "");
    return o;
  }

  async list(scope: RequestScope, options: ListOptions = {}): Promise<ListResult> {
    this.record("list", scope, options);
    const prefix = prefixOf(scope);
    const items = [...this.objects.entries()].filter(([k]) => k.startsWith(prefix)).map(([, o]) => o);
    return {
      apiVersion: scope.group === "" ? scope.version : `${scope.group}/${scope.version}`,
      kind: "PodList",
      metadata: {
        resourceVersion: String(this.rv),
        ...(options.limit === undefined ? {} : { continue: "next-page", remainingItemCount: 7 }),
      },
      // As the API server does: list items carry no apiVersion/kind.
      items: items.map(({ apiVersion: _a, kind: _k, ...rest }) => rest),
    };
  }

  async create(scope: RequestScope, body: ApiObject, options: WriteOptions = {}): Promise<WriteResult> {
    this.record("create", scope, options, body);
    if (scope.subresource !== undefined)
      return { object: { kind: "Status", status: "Success" }, warnings: [], created: true };
    const name = body.metadata?.name ?? "";
    const key = keyOf(scope, name);
    if (this.objects.has(key)) throw alreadyExists(scope, name);
    const warnings = "unknown" in body ? ['unknown field "unknown"'] : [];
    const object = this.store(key, body, "ADDED");
    return { object, warnings, created: true };
  }

  async update(scope: RequestScope, body: ApiObject, options: WriteOptions = {}): Promise<WriteResult> {
    this.record("update", scope, options, body);
    const name = scope.name ?? "";
    const key = keyOf(scope, name);
    const current = this.objects.get(key);
    if (current === undefined) throw notFound(scope, name);
    const sent = body.metadata?.resourceVersion;
    if (sent !== undefined && sent !== current.metadata?.resourceVersion) throw conflict(scope, name);
    return { object: this.store(key, body, "MODIFIED"), warnings: [], created: false };
  }

  async patch(
    scope: RequestScope,
    kind: PatchKind,
    patch: unknown,
    options: PatchOptions = {},
  ): Promise<WriteResult> {
    this.calls.push({ verb: "patch", scope, options, body: patch, patchKind: kind });
    this.maybeFail();
    const name = scope.name ?? "";
    const key = keyOf(scope, name);
    const current = this.objects.get(key);
    if (current === undefined) throw notFound(scope, name);
    // Enough of a merge for a transport test: top-level fields of an object patch replace the current ones.
    const merged = Array.isArray(patch) ? current : { ...current, ...(patch as ApiObject) };
    return { object: this.store(key, merged, "MODIFIED"), warnings: [], created: false };
  }

  async delete(scope: RequestScope, options: DeleteOptions = {}): Promise<ApiObject> {
    this.record("delete", scope, options);
    const name = scope.name ?? "";
    const key = keyOf(scope, name);
    const current = this.objects.get(key);
    if (current === undefined) throw notFound(scope, name);
    this.objects.delete(key);
    this.rv++;
    const gone = { ...current, metadata: { ...current.metadata, resourceVersion: String(this.rv) } };
    this.emit(key, { type: "DELETED", object: gone });
    return gone;
  }

  async watch(
    scope: RequestScope,
    options: WatchOptions,
    sink: (event: WatchEvent) => void,
  ): Promise<WatchHandle> {
    this.record("watch", scope, options);
    this.watchOpens.push(options);
    let finish: () => void = () => {};
    const done = new Promise<void>((resolve) => (finish = resolve));
    const prefix = prefixOf(scope);
    const from = Number(options.resourceVersion ?? "0");
    const watcher: Watcher = {
      scope,
      options,
      sink,
      end: () => {
        if (!this.watchers.delete(watcher)) return;
        clearTimeout(timer);
        finish();
      },
    };
    this.watchers.add(watcher);
    let timer: NodeJS.Timeout | undefined;
    if (from > 0 && from <= this.compactedBelow) {
      // As the real core does: the 410 travels as an ERROR event, then the watch ends.
      sink({
        type: "ERROR",
        object: expired(String(from), String(this.compactedBelow)).toStatus() as ApiObject,
      });
      watcher.end();
      return { done, close: watcher.end };
    }
    for (const h of this.history) if (h.rv > from && h.key.startsWith(prefix)) sink(h.event);
    if (options.timeoutSeconds !== undefined) timer = setTimeout(watcher.end, options.timeoutSeconds * 1000);
    return { done, close: watcher.end };
  }

  /** Sends a bookmark at the current revision to every watcher that asked for them. */
  bookmark(): void {
    for (const w of this.watchers) {
      if (w.options.allowWatchBookmarks) {
        w.sink({
          type: "BOOKMARK",
          object: { kind: "Pod", apiVersion: "v1", metadata: { resourceVersion: String(this.rv) } },
        });
      }
    }
  }

  /** Ends every watch with an ERROR event carrying `error`'s Status. */
  failWatches(error: ApiError): void {
    for (const w of [...this.watchers]) {
      w.sink({ type: "ERROR", object: error.toStatus() as ApiObject });
      w.end();
    }
  }

  /** Ends every watch normally (as a server-side timeout does). */
  endWatches(): void {
    for (const w of [...this.watchers]) w.end();
  }

  private store(key: string, body: ApiObject, type: "ADDED" | "MODIFIED"): ApiObject {
    this.rv++;
    const object: ApiObject = {
      ...body,
      metadata: {
        ...body.metadata,
        resourceVersion: String(this.rv),
        uid: body.metadata?.uid ?? `uid-${this.rv}`,
      },
    };
    this.objects.set(key, object);
    this.emit(key, { type, object });
    return object;
  }

  private emit(key: string, event: WatchEvent): void {
    this.history.push({ rv: this.rv, key, event });
    for (const w of this.watchers) if (key.startsWith(prefixOf(w.scope))) w.sink(event);
  }

  private record(verb: string, scope: RequestScope, options: unknown, body?: unknown): void {
    this.calls.push({ verb, scope, options, ...(body === undefined ? {} : { body }) });
    this.maybeFail();
  }

  private maybeFail(): void {
    const next = this.failures.shift();
    if (next !== undefined) throw next;
  }
}

function prefixOf(scope: RequestScope): string {
  return `${scope.group}/${scope.resource}/${scope.namespace === undefined ? "" : `${scope.namespace}/`}`;
}

function keyOf(scope: RequestScope, name: string): string {
  return `${scope.group}/${scope.resource}/${scope.namespace === undefined ? "" : `${scope.namespace}/`}${name}`;
}

/** Authenticates by bearer token: "Bearer alice" is user alice; no token is anonymous (null). */
export const tokenAuth: Authenticate = async (call) => {
  const header = call.metadata.get("authorization")[0];
  if (header === undefined) return null;
  const token = String(header).replace(/^Bearer /, "");
  const user: UserInfo = { name: token, groups: ["system:authenticated"] };
  return user;
};

export interface RunningServer {
  readonly server: grpc.Server;
  readonly endpoint: string;
}

/** A real grpc-js server on 127.0.0.1 (a free port) serving api.v1.Objects over `core`. */
export async function startObjectsServer(
  core: ApiCore,
  authenticate: Authenticate = tokenAuth,
): Promise<RunningServer> {
  const server = new grpc.Server();
  server.addService(objectsServiceDefinition(), objectsServiceHandlers(core, authenticate));
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
      err === null ? resolve(p) : reject(err),
    ),
  );
  return { server, endpoint: `127.0.0.1:${port}` };
}

/** A port nothing listens on (bound, then released). */
export async function deadEndpoint(): Promise<string> {
  const { createServer } = await import("node:net");
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const address = s.address();
  await new Promise<void>((resolve) => s.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return `127.0.0.1:${address.port}`;
}
