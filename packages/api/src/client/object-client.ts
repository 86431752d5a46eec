import * as grpc from "@grpc/grpc-js";
import type { Status } from "kubernetes-types/meta/v1.js";
import { ApiError } from "../errors.js";
import type { ListResponse__Output } from "../generated/api/v1/ListResponse.js";
import type { ObjectResponse__Output } from "../generated/api/v1/ObjectResponse.js";
import type { ObjectsClient } from "../generated/api/v1/Objects.js";
import type { PatchType as PatchTypeMessage } from "../generated/api/v1/PatchType.js";
import type { Target } from "../generated/api/v1/Target.js";
import type { WriteOptions } from "../generated/api/v1/WriteOptions.js";
import type { WriteResponse__Output } from "../generated/api/v1/WriteResponse.js";
import { type CallFailure, readMayMoveOn, writeMayMoveOn } from "./call-failure.js";
import { withFailover } from "./failover.js";
import { decodeJsonObject, encodeJson } from "./json-bytes.js";
import type { KubeObject } from "./kube-object.js";
import { ObjectChannels } from "./object-channels.js";
import {
  type CallOptions,
  DEFAULT_DEADLINE_MS,
  DEFAULT_RETRY_BUDGET_MS,
  type DeleteCallOptions,
  type GetCallOptions,
  type ListCallOptions,
  type ObjectClientOptions,
  type ObjectPatchType,
  type PatchCallOptions,
  type WatchCallOptions,
  type WriteCallOptions,
} from "./object-client-options.js";
import { ObjectWatch, type ObjectWatchEvent } from "./object-watch.js";
import {
  type ObjectList,
  type ObjectOf,
  type ResourceArg,
  resolveResource,
  type SubresourceObject,
} from "./resource-types.js";

type Callback<T> = (err: grpc.ServiceError | null, value?: T) => void;
type CallClass = "read" | "write";

const PATCH_TYPES: Record<ObjectPatchType, PatchTypeMessage> = {
  json: "PATCH_TYPE_JSON",
  merge: "PATCH_TYPE_MERGE",
  strategic: "PATCH_TYPE_STRATEGIC",
  apply: "PATCH_TYPE_APPLY",
};

/** Failures after which the next call had better start on another endpoint. */
const MOVE_ON_REASONS: ReadonlySet<string> = new Set(["ServiceUnavailable", "Timeout", "TooManyRequests"]);

/**
 * Typed client of the object API (api.v1.Objects) for agents, controllers and tests: every verb of every
 * resource, objects typed by resource name (`get("pods", …)` is a Promise<Pod>), errors as the server's own
 * ApiError. Reads move on to the next endpoint when one cannot serve them; writes only when the failure
 * proves they did not run. Watches resume from their last resourceVersion when a stream breaks.
 */
export class ObjectClient {
  private readonly channels: ObjectChannels;
  private readonly token: string | undefined;
  private readonly deadlineMs: number;
  private readonly retryBudgetMs: number;
  private readonly onWarning: ((warning: string) => void) | undefined;
  /** Index of the endpoint the next call starts at: the last one that answered. */
  private preferred = 0;
  private readonly watches = new Set<ObjectWatch<unknown>>();

  constructor(endpoints: readonly string[] | string, options: ObjectClientOptions = {}) {
    this.channels = new ObjectChannels(
      endpoints,
      options.credentials ?? grpc.credentials.createInsecure(),
      options.channelOptions,
    );
    this.token = options.token;
    this.deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
    this.retryBudgetMs = options.retryBudgetMs ?? DEFAULT_RETRY_BUDGET_MS;
    this.onWarning = options.onWarning;
  }

  get endpoints(): readonly string[] {
    return this.channels.endpoints;
  }

  async get<R extends ResourceArg, S extends string | undefined = undefined>(
    resource: R,
    options: GetCallOptions<S>,
  ): Promise<SubresourceObject<R, S>> {
    const request = {
      target: target(resource, options.namespace, requireName(options.name), options.subresource),
      resourceVersion: options.resourceVersion ?? "",
    };
    const r = await this.unary<ObjectResponse__Output>("read", options, (s, md, o, cb) =>
      s.Get(request, md, o, cb),
    );
    return decodeResponse(r.object) as SubresourceObject<R, S>;
  }

  async list<R extends ResourceArg>(
    resource: R,
    options: ListCallOptions = {},
  ): Promise<ObjectList<ObjectOf<R>>> {
    const request = {
      target: target(resource, options.namespace, undefined, undefined),
      labelSelector: options.labelSelector ?? "",
      fieldSelector: options.fieldSelector ?? "",
      limit: options.limit ?? 0,
      continue: options.continue ?? "",
      resourceVersion: options.resourceVersion ?? "",
      resourceVersionMatch: options.resourceVersionMatch ?? "",
    };
    const r = await this.unary<ListResponse__Output>("read", options, (s, md, o, cb) =>
      s.List(request, md, o, cb),
    );
    return {
      apiVersion: r.apiVersion,
      kind: r.kind,
      metadata: {
        resourceVersion: r.resourceVersion,
        ...(r.continue === "" ? {} : { continue: r.continue }),
        ...(r.remainingItemCount === undefined ? {} : { remainingItemCount: r.remainingItemCount }),
      },
      items: r.items.map((item) => decodeResponse(item) as ObjectOf<R>),
    };
  }

  async create<R extends ResourceArg, S extends string | undefined = undefined>(
    resource: R,
    body: SubresourceObject<R, S>,
    options: WriteCallOptions<S> = {},
  ): Promise<SubresourceObject<R, S>> {
    const meta = metaOf(body);
    // A create names no object (the body does), except on a subresource of one (pods/NAME/binding).
    const name = options.name ?? (options.subresource === undefined ? undefined : meta.name);
    const request = {
      target: target(resource, options.namespace ?? meta.namespace, name, options.subresource),
      object: encodeJson(body),
      options: writeOptions(options),
    };
    const r = await this.unary<WriteResponse__Output>("write", options, (s, md, o, cb) =>
      s.Create(request, md, o, cb),
    );
    return this.written(r) as SubresourceObject<R, S>;
  }

  async update<R extends ResourceArg, S extends string | undefined = undefined>(
    resource: R,
    body: SubresourceObject<R, S>,
    options: WriteCallOptions<S> = {},
  ): Promise<SubresourceObject<R, S>> {
    const meta = metaOf(body);
    const request = {
      target: target(
        resource,
        options.namespace ?? meta.namespace,
        requireName(options.name ?? meta.name),
        options.subresource,
      ),
      object: encodeJson(body),
      options: writeOptions(options),
    };
    const r = await this.unary<WriteResponse__Output>("write", options, (s, md, o, cb) =>
      s.Update(request, md, o, cb),
    );
    return this.written(r) as SubresourceObject<R, S>;
  }

  async patch<R extends ResourceArg, S extends string | undefined = undefined>(
    resource: R,
    options: PatchCallOptions<S>,
  ): Promise<SubresourceObject<R, S>> {
    const request = {
      target: target(resource, options.namespace, requireName(options.name), options.subresource),
      type: PATCH_TYPES[options.type],
      patch: encodeJson(options.patch),
      options: writeOptions(options),
      force: options.force ?? false,
    };
    const r = await this.unary<WriteResponse__Output>("write", options, (s, md, o, cb) =>
      s.Patch(request, md, o, cb),
    );
    return this.written(r) as SubresourceObject<R, S>;
  }

  /** The deleted object (or, for kinds the server deletes at once without returning it, a Success Status). */
  async delete<R extends ResourceArg>(
    resource: R,
    options: DeleteCallOptions,
  ): Promise<ObjectOf<R> | Status> {
    const p = options.preconditions;
    const request = {
      target: target(resource, options.namespace, requireName(options.name), undefined),
      dryRun: options.dryRun ?? false,
      propagationPolicy: options.propagationPolicy ?? "",
      ...(options.gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds: options.gracePeriodSeconds }),
      ...(p === undefined
        ? {}
        : {
            preconditions: {
              ...(p.uid === undefined ? {} : { uid: p.uid }),
              ...(p.resourceVersion === undefined ? {} : { resourceVersion: p.resourceVersion }),
            },
          }),
    };
    const r = await this.unary<ObjectResponse__Output>("write", options, (s, md, o, cb) =>
      s.Delete(request, md, o, cb),
    );
    return decodeResponse(r.object) as ObjectOf<R> | Status;
  }

  /**
   * Watches a resource. Resolves once the server accepted the watch (rejects with its ApiError otherwise);
   * iterate the result with `for await`, and close() it when done. Without a resourceVersion (or "" / "0")
   * the current objects come first as ADDED events, read by a list, so that a resume never misses one.
   */
  async watch<R extends ResourceArg>(
    resource: R,
    options: WatchCallOptions = {},
  ): Promise<ObjectWatch<ObjectOf<R>>> {
    const request = {
      target: target(resource, options.namespace, undefined, undefined),
      labelSelector: options.labelSelector ?? "",
      fieldSelector: options.fieldSelector ?? "",
      allowWatchBookmarks: options.allowWatchBookmarks ?? false,
    };
    let resourceVersion = options.resourceVersion ?? "";
    let initial: ObjectWatchEvent<KubeObject>[] = [];
    if (resourceVersion === "" || resourceVersion === "0") {
      const listed = await this.list(resource, {
        ...(options.namespace === undefined ? {} : { namespace: options.namespace }),
        ...(options.labelSelector === undefined ? {} : { labelSelector: options.labelSelector }),
        ...(options.fieldSelector === undefined ? {} : { fieldSelector: options.fieldSelector }),
        resourceVersion,
      });
      resourceVersion = listed.metadata.resourceVersion ?? "";
      initial = listed.items.map((item) => ({
        type: "ADDED",
        object: withTypeMeta(item as KubeObject, listed),
      }));
    }
    const w: ObjectWatch<ObjectOf<R>> = new ObjectWatch<ObjectOf<R>>(
      {
        endpoints: (failed) => this.watchOrder(failed),
        open: (endpoint, req) => this.channels.for(endpoint).Watch(req, this.metadata()),
        establishMs: this.deadlineMs,
        budgetMs: options.retryBudgetMs ?? this.retryBudgetMs,
      },
      {
        request,
        resourceVersion,
        initial,
        ...(options.timeoutSeconds === undefined ? {} : { timeoutSeconds: options.timeoutSeconds }),
      },
      () => this.watches.delete(w as ObjectWatch<unknown>),
    );
    this.watches.add(w as ObjectWatch<unknown>);
    await w.connect();
    return w;
  }

  /** Ends every watch of this client, then closes its channels. */
  close(): void {
    for (const w of this.watches) w.close();
    this.watches.clear();
    this.channels.close();
  }

  // --- plumbing -----------------------------------------------------------------------------------------

  private written(r: WriteResponse__Output): KubeObject {
    if (this.onWarning !== undefined) for (const w of r.warnings) this.onWarning(w);
    return decodeResponse(r.object);
  }

  private metadata(): grpc.Metadata {
    const md = new grpc.Metadata();
    if (this.token !== undefined) md.set("authorization", `Bearer ${this.token}`);
    return md;
  }

  private watchOrder(failed?: string): string[] {
    const order = this.channels.order(this.preferred);
    if (failed === undefined) return order;
    const i = order.indexOf(failed);
    return i < 0 ? order : [...order.slice(i + 1), ...order.slice(0, i + 1)];
  }

  private async unary<T>(
    callClass: CallClass,
    options: CallOptions,
    start: (stub: ObjectsClient, md: grpc.Metadata, options: grpc.CallOptions, callback: Callback<T>) => void,
  ): Promise<T> {
    const deadlineMs = options.deadlineMs ?? this.deadlineMs;
    const { value, endpoint } = await withFailover(
      {
        endpoints: this.channels.order(this.preferred),
        budgetMs: this.retryBudgetMs,
        mayMoveOn: callClass === "read" ? readMayMoveOn : writeMayMoveOn,
        onFailure: (failed, failure) => this.movePast(failed, failure),
      },
      (e) =>
        new Promise<T>((resolve, reject) => {
          start(this.channels.for(e), this.metadata(), { deadline: Date.now() + deadlineMs }, (err, v) => {
            if (err !== null) reject(err);
            else if (v === undefined) reject(new ApiError("InternalError", `${e}: empty response`));
            else resolve(v);
          });
        }),
    );
    const i = this.channels.indexOf(endpoint);
    if (i >= 0) this.preferred = i;
    return value;
  }

  /** The next call starts past an endpoint that could not serve this one, even when it is not retried. */
  private movePast(endpoint: string, failure: CallFailure): void {
    if (!MOVE_ON_REASONS.has(failure.error.reason)) return;
    const i = this.channels.indexOf(endpoint);
    if (i >= 0) this.preferred = (i + 1) % this.channels.endpoints.length;
  }
}

function target(
  resource: ResourceArg,
  namespace: string | undefined,
  name: string | undefined,
  subresource: string | undefined,
): Target {
  const gvr = resolveResource(resource);
  return {
    group: gvr.group,
    version: gvr.version,
    resource: gvr.resource,
    namespace: namespace ?? "",
    name: name ?? "",
    subresource: subresource ?? "",
  };
}

/** client-go's own check: a call on one object needs its name. */
function requireName(name: string | undefined): string {
  if (name === undefined || name === "") throw new ApiError("BadRequest", "resource name may not be empty");
  return name;
}

function metaOf(body: unknown): { name?: string; namespace?: string } {
  const meta = (body as KubeObject | null)?.metadata;
  return {
    ...(meta?.name === undefined ? {} : { name: meta.name }),
    ...(meta?.namespace === undefined ? {} : { namespace: meta.namespace }),
  };
}

function writeOptions(o: {
  dryRun?: boolean;
  fieldManager?: string;
  fieldValidation?: "Strict" | "Warn" | "Ignore";
}): WriteOptions {
  return {
    dryRun: o.dryRun ?? false,
    fieldManager: o.fieldManager ?? "",
    fieldValidation: o.fieldValidation ?? "",
  };
}

function decodeResponse(bytes: Buffer): KubeObject {
  return decodeJsonObject(bytes, (why) => new ApiError("InternalError", `undecodable response: ${why}`));
}

/** List items may omit apiVersion/kind (the API server leaves them out); watch events always carry them. */
function withTypeMeta(item: KubeObject, list: { apiVersion: string; kind: string }): KubeObject {
  if (item.apiVersion !== undefined && item.kind !== undefined) return item;
  const kind = list.kind.endsWith("List") ? list.kind.slice(0, -"List".length) : list.kind;
  return { apiVersion: list.apiVersion, kind, ...item };
}
