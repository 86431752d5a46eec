import type { ApiObject, PatchKind } from "./api-object.js";

// The transport-neutral API of the API server core: the HTTPS gateway (kubectl) and the gRPC object API both
// translate their requests into these calls, so every write is decoded, defaulted, validated, admitted and
// stored in one place with one set of errors (ApiError → Status).

/** Who is asking (from a client certificate or a bearer token). */
export interface UserInfo {
  readonly name: string;
  readonly groups: readonly string[];
  readonly uid?: string;
}

/** Which resource a request addresses. `version` is the version the client speaks (conversion happens in the core). */
export interface RequestScope {
  readonly user: UserInfo;
  readonly group: string;
  readonly version: string;
  /** Plural resource name ("deployments"). */
  readonly resource: string;
  readonly subresource?: string;
  /** Absent for cluster-scoped resources, and for all-namespace lists/watches. */
  readonly namespace?: string;
  readonly name?: string;
}

export interface GetOptions {
  readonly resourceVersion?: string;
}

export interface ListOptions {
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  readonly limit?: number;
  readonly continue?: string;
  /** "" (most recent, linearizable), "0" (any cached state), or a revision. */
  readonly resourceVersion?: string;
  readonly resourceVersionMatch?: "Exact" | "NotOlderThan";
}

export interface WatchOptions {
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  /** Events strictly after this revision; "" or "0": synthetic ADDED events for the current state first. */
  readonly resourceVersion?: string;
  readonly allowWatchBookmarks?: boolean;
  readonly timeoutSeconds?: number;
}

export interface WriteOptions {
  readonly dryRun?: boolean;
  readonly fieldManager?: string;
  /** "Strict" | "Warn" | "Ignore" (Kubernetes' fieldValidation); the default is "Warn" as in the API server. */
  readonly fieldValidation?: "Strict" | "Warn" | "Ignore";
}

export interface PatchOptions extends WriteOptions {
  /** Server-side apply: take over conflicting fields. */
  readonly force?: boolean;
}

export interface DeleteOptions {
  readonly dryRun?: boolean;
  readonly propagationPolicy?: "Orphan" | "Background" | "Foreground";
  readonly gracePeriodSeconds?: number;
  readonly preconditions?: { readonly uid?: string; readonly resourceVersion?: string };
}

export interface ListResult {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
  readonly items: ApiObject[];
}

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR";

export interface WatchEvent {
  readonly type: WatchEventType;
  readonly object: ApiObject;
}

/** A running watch: events are pushed to the sink until the watch ends (client gone, timeout, or error). */
export interface WatchHandle {
  /** Resolves when the watch ended on the server side (timeout, expiry, shutdown). */
  readonly done: Promise<void>;
  close(): void;
}

export interface WriteResult {
  readonly object: ApiObject;
  /** Warnings for the `Warning` header (unknown fields under fieldValidation=Warn, …). */
  readonly warnings: readonly string[];
  /** True when a write created the object (PUT/apply on a missing object, POST). */
  readonly created: boolean;
}

export interface ApiCore {
  get(scope: RequestScope, options?: GetOptions): Promise<ApiObject>;
  list(scope: RequestScope, options?: ListOptions): Promise<ListResult>;
  create(scope: RequestScope, body: ApiObject, options?: WriteOptions): Promise<WriteResult>;
  update(scope: RequestScope, body: ApiObject, options?: WriteOptions): Promise<WriteResult>;
  patch(scope: RequestScope, kind: PatchKind, patch: unknown, options?: PatchOptions): Promise<WriteResult>;
  delete(scope: RequestScope, options?: DeleteOptions): Promise<ApiObject>;
  watch(scope: RequestScope, options: WatchOptions, sink: (event: WatchEvent) => void): Promise<WatchHandle>;
}
