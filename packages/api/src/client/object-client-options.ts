import type * as grpc from "@grpc/grpc-js";

export const DEFAULT_DEADLINE_MS = 30_000;
export const DEFAULT_RETRY_BUDGET_MS = 10_000;

export interface ObjectClientOptions {
  /** Channel credentials (TLS: `grpc.credentials.createSsl(ca, key, cert)`); default plaintext. */
  readonly credentials?: grpc.ChannelCredentials;
  /** Bearer token, sent as `authorization: Bearer <token>` metadata on every call. */
  readonly token?: string;
  /** Deadline of one attempt of a unary call; default 30 s. */
  readonly deadlineMs?: number;
  /** How long a call, or a broken watch, keeps trying other endpoints; default 10 s. */
  readonly retryBudgetMs?: number;
  /** Receives the warnings of writes (what kubectl prints from `Warning` headers). */
  readonly onWarning?: (warning: string) => void;
  /** Extra grpc-js channel options (merged over the client's own). */
  readonly channelOptions?: grpc.ChannelOptions;
}

export interface CallOptions {
  /** This call's per-attempt deadline, overriding the client's. */
  readonly deadlineMs?: number;
}

export interface GetCallOptions<S extends string | undefined> extends CallOptions {
  /** Absent for cluster-scoped resources. */
  readonly namespace?: string;
  readonly name: string;
  readonly subresource?: S;
  readonly resourceVersion?: string;
}

export interface ListCallOptions extends CallOptions {
  /** Absent: every namespace (or a cluster-scoped resource). */
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  readonly limit?: number;
  readonly continue?: string;
  readonly resourceVersion?: string;
  readonly resourceVersionMatch?: "Exact" | "NotOlderThan";
}

export interface WriteCallOptions<S extends string | undefined> extends CallOptions {
  /** Default: the body's metadata.namespace. */
  readonly namespace?: string;
  /** Default: the body's metadata.name (a create without a name relies on generateName). */
  readonly name?: string;
  readonly subresource?: S;
  readonly dryRun?: boolean;
  readonly fieldManager?: string;
  readonly fieldValidation?: "Strict" | "Warn" | "Ignore";
}

/** JSON patch (RFC 6902), merge patch (RFC 7386), strategic merge patch, server-side apply. */
export type ObjectPatchType = "json" | "merge" | "strategic" | "apply";

export interface PatchCallOptions<S extends string | undefined> extends CallOptions {
  readonly namespace?: string;
  readonly name: string;
  readonly subresource?: S;
  readonly type: ObjectPatchType;
  /** The patch document (for "apply", the applied configuration); sent as JSON. */
  readonly patch: unknown;
  readonly dryRun?: boolean;
  /** Required by the server for "apply". */
  readonly fieldManager?: string;
  readonly fieldValidation?: "Strict" | "Warn" | "Ignore";
  /** Server-side apply: take over fields other managers own. */
  readonly force?: boolean;
}

export interface DeleteCallOptions extends CallOptions {
  readonly namespace?: string;
  readonly name: string;
  readonly dryRun?: boolean;
  readonly propagationPolicy?: "Orphan" | "Background" | "Foreground";
  readonly gracePeriodSeconds?: number;
  readonly preconditions?: { readonly uid?: string; readonly resourceVersion?: string };
}

export interface WatchCallOptions {
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  /**
   * Events strictly after this resourceVersion. Absent, "" or "0": the current objects first (as ADDED
   * events, from a list) and then every change after that list.
   */
  readonly resourceVersion?: string;
  readonly allowWatchBookmarks?: boolean;
  /** The server ends the watch after this long, and so does the iteration; absent: watch until close(). */
  readonly timeoutSeconds?: number;
  /** How long a broken watch keeps trying to resume on other endpoints; default: the client's budget. */
  readonly retryBudgetMs?: number;
}
