import * as grpc from "@grpc/grpc-js";

/** What went wrong, as a caller needs to decide: fix the request, retry, or give up. */
export type StoreErrorKind =
  /** The revision asked for was compacted away (`compactRevision` set when the server says where history starts). */
  | "compacted"
  | "futureRevision"
  | "leaseNotFound"
  | "emptyKey"
  | "keyTooLarge"
  /** The request (usually its value) is over the server's 1.5 MiB request limit. */
  | "requestTooLarge"
  | "tooManyOps"
  | "duplicateKey"
  /** The endpoint could not serve the call (down, unreachable, shutting down); a read may be retried elsewhere. */
  | "unavailable"
  /** The cluster has no leader right now; nothing was proposed. */
  | "noLeader"
  /** A write may or may not have been applied (leader changed, server-side timeout, deadline, dropped connection). */
  | "outcomeUnknown"
  /** A read ran out of time. */
  | "deadline"
  /** Canceled by this client. */
  | "canceled"
  | "invalidArgument"
  | "internal";

/** Reads and idempotent calls may be retried on any transient failure; writes only when provably not executed. */
export type CallClass = "read" | "write";

/**
 * The one error type of StoreClient. `code`/`details` are the gRPC status as received (absent for errors
 * raised by the client itself); `notExecuted` is true only when the failure proves the server did not run
 * the request, which is what makes retrying a write safe.
 */
export class StoreClientError extends Error {
  readonly kind: StoreErrorKind;
  readonly endpoint: string;
  readonly code: grpc.status | undefined;
  readonly details: string;
  readonly notExecuted: boolean;
  readonly compactRevision: number | undefined;

  constructor(init: {
    kind: StoreErrorKind;
    endpoint: string;
    details: string;
    code?: grpc.status;
    notExecuted?: boolean;
    compactRevision?: number;
  }) {
    const status = init.code === undefined ? "" : `, ${grpc.status[init.code] ?? init.code}`;
    super(`${init.endpoint}: ${init.details} (${init.kind}${status})`);
    this.name = "StoreClientError";
    this.kind = init.kind;
    this.endpoint = init.endpoint;
    this.code = init.code;
    this.details = init.details;
    this.notExecuted = init.notExecuted ?? false;
    this.compactRevision = init.compactRevision;
  }
}

/** etcd's (and tskube's) error texts that name a request problem: the same kind whatever the call. */
const TEXT_KINDS: readonly [string, StoreErrorKind][] = [
  ["required revision has been compacted", "compacted"],
  ["required revision is a future revision", "futureRevision"],
  ["requested lease not found", "leaseNotFound"],
  ["key is not provided", "emptyKey"],
  ["key is too large", "keyTooLarge"],
  ["request is too large", "requestTooLarge"],
  ["too many operations in txn request", "tooManyOps"],
  ["duplicate key given in txn request", "duplicateKey"],
];

export interface Classification {
  readonly kind: StoreErrorKind;
  /** The request certainly did not run on the server. */
  readonly notExecuted: boolean;
}

/**
 * grpc-js fails a call with these details only before the request left this process: no connection could
 * be made ("No connection established. Last error: … ECONNREFUSED"), or the deadline hit while the call
 * still waited for a connection ("Waiting for LB pick" / name resolution). Anything that names a
 * remote_addr or a dropped connection may have reached the server.
 */
export function provenNotSent(code: grpc.status, details: string): boolean {
  if (code === grpc.status.UNAVAILABLE) {
    return (
      details.includes("No connection established") ||
      details.includes("ECONNREFUSED") ||
      details.includes("Stream refused by server")
    );
  }
  if (code === grpc.status.DEADLINE_EXCEEDED) {
    return (
      !details.includes("remote_addr=") &&
      (details.includes("Waiting for LB pick") || details.includes("waiting for name resolution"))
    );
  }
  return false;
}

/**
 * The one mapping from a gRPC status (code + etcd's text) to a kind; `callClass` decides what a transient
 * failure means: a read can simply be retried, a write that might have run is "outcomeUnknown".
 */
export function classifyStatus(code: grpc.status, details: string, callClass: CallClass): Classification {
  const text = TEXT_KINDS.find(([t]) => details.includes(t));
  if (text !== undefined) return { kind: text[1], notExecuted: true };
  // A message over the server's gRPC receive limit never reaches the handler.
  if (code === grpc.status.RESOURCE_EXHAUSTED && /larger than max/i.test(details)) {
    return { kind: "requestTooLarge", notExecuted: true };
  }
  if (details.includes("etcdserver: no leader")) return { kind: "noLeader", notExecuted: true };
  // etcd refuses work when its apply loop lags too far behind: nothing was proposed.
  if (details.includes("etcdserver: too many requests")) return { kind: "unavailable", notExecuted: true };
  if (provenNotSent(code, details)) {
    return { kind: code === grpc.status.DEADLINE_EXCEEDED ? "deadline" : "unavailable", notExecuted: true };
  }
  switch (code) {
    case grpc.status.UNAVAILABLE:
      // "leader changed", "request timed out", a dropped connection: the write may have been applied.
      return { kind: callClass === "write" ? "outcomeUnknown" : "unavailable", notExecuted: false };
    case grpc.status.DEADLINE_EXCEEDED:
      return { kind: callClass === "write" ? "outcomeUnknown" : "deadline", notExecuted: false };
    case grpc.status.CANCELLED:
      // Only "Cancelled on client" is ours; a server that cancels mid-call (shutting down) leaves a write unknown.
      if (details.includes("Cancelled on client")) return { kind: "canceled", notExecuted: false };
      return { kind: callClass === "write" ? "outcomeUnknown" : "unavailable", notExecuted: false };
    case grpc.status.INVALID_ARGUMENT:
    case grpc.status.OUT_OF_RANGE:
      return { kind: "invalidArgument", notExecuted: true };
    default:
      return { kind: "internal", notExecuted: false };
  }
}

/** Whether another attempt (on the next endpoint) may follow this failure. */
export function isRetryable(c: Classification, callClass: CallClass): boolean {
  if (callClass === "write") return c.notExecuted && isTransient(c.kind);
  return isTransient(c.kind);
}

function isTransient(kind: StoreErrorKind): boolean {
  return kind === "unavailable" || kind === "noLeader" || kind === "deadline";
}

/** Builds the StoreClientError for a failed call on `endpoint`. */
export function toStoreClientError(endpoint: string, err: unknown, callClass: CallClass): StoreClientError {
  if (err instanceof StoreClientError) return err;
  if (isServiceError(err)) {
    // grpc-js appends an empty "Resolution note" to connection failures: noise in a one-line message.
    const details = (err.details || err.message).replace(/\. Resolution note: $/, "");
    const c = classifyStatus(err.code, details, callClass);
    return new StoreClientError({
      kind: c.kind,
      endpoint,
      details,
      code: err.code,
      notExecuted: c.notExecuted,
    });
  }
  const details = err instanceof Error ? err.message : String(err);
  return new StoreClientError({ kind: "internal", endpoint, details });
}

function isServiceError(err: unknown): err is grpc.ServiceError {
  return err instanceof Error && typeof (err as Partial<grpc.ServiceError>).code === "number";
}
