import type { Status, StatusCause } from "kubernetes-types/meta/v1.js";

// The one error type of the API layer and the one place it becomes a Kubernetes Status: every failure a
// client can see is an ApiError, so HTTP (kubectl) and gRPC callers get the same reason, code and message.
// Texts follow the real API server's, because kubectl prints them and scripts match on them
// (research/kubectl.md §2.1).

export type StatusReason =
  | "BadRequest"
  | "Unauthorized"
  | "Forbidden"
  | "NotFound"
  | "AlreadyExists"
  | "Conflict"
  | "Gone"
  | "Expired"
  | "Invalid"
  | "RequestEntityTooLarge"
  | "UnsupportedMediaType"
  | "MethodNotAllowed"
  | "TooManyRequests"
  | "Timeout"
  | "ServiceUnavailable"
  | "InternalError";

const CODES: Record<StatusReason, number> = {
  BadRequest: 400,
  Unauthorized: 401,
  Forbidden: 403,
  NotFound: 404,
  MethodNotAllowed: 405,
  AlreadyExists: 409,
  Conflict: 409,
  Gone: 410,
  Expired: 410,
  RequestEntityTooLarge: 413,
  UnsupportedMediaType: 415,
  Invalid: 422,
  TooManyRequests: 429,
  InternalError: 500,
  ServiceUnavailable: 503,
  Timeout: 504,
};

/** Names a resource the way Status details do: the plural resource with its group ("deployments.apps"). */
export interface ResourceRef {
  /** Plural resource name, e.g. "deployments". */
  readonly resource: string;
  /** API group, "" for core. */
  readonly group: string;
}

/** One field problem of an Invalid error (validation produces these; see validation/). */
export interface Cause {
  readonly reason: string;
  readonly field: string;
  readonly message: string;
}

export interface StatusDetails {
  readonly name?: string;
  readonly group?: string;
  readonly kind?: string;
  readonly causes?: readonly Cause[];
  readonly retryAfterSeconds?: number;
}

export class ApiError extends Error {
  readonly reason: StatusReason;
  readonly code: number;
  readonly details: StatusDetails | undefined;

  constructor(reason: StatusReason, message: string, details?: StatusDetails) {
    super(message);
    this.name = "ApiError";
    this.reason = reason;
    this.code = CODES[reason];
    this.details = details;
  }

  /** The Kubernetes Status object for this error (the body of every error response). */
  toStatus(): Status {
    const status: Status = {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: this.message,
      reason: this.reason,
      code: this.code,
    };
    if (this.details !== undefined) {
      const d = this.details;
      status.details = {
        ...(d.name === undefined ? {} : { name: d.name }),
        ...(d.group === undefined ? {} : { group: d.group }),
        ...(d.kind === undefined ? {} : { kind: d.kind }),
        ...(d.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: d.retryAfterSeconds }),
        ...(d.causes === undefined
          ? {}
          : {
              causes: d.causes.map(
                (c): StatusCause => ({ reason: c.reason, message: c.message, field: c.field }),
              ),
            }),
      };
    }
    return status;
  }
}

function qualified(ref: ResourceRef): string {
  return ref.group === "" ? ref.resource : `${ref.resource}.${ref.group}`;
}

function refDetails(ref: ResourceRef, name: string): StatusDetails {
  return { name, group: ref.group, kind: ref.resource };
}

export function notFound(ref: ResourceRef, name: string): ApiError {
  return new ApiError("NotFound", `${qualified(ref)} "${name}" not found`, refDetails(ref, name));
}

export function alreadyExists(ref: ResourceRef, name: string): ApiError {
  return new ApiError("AlreadyExists", `${qualified(ref)} "${name}" already exists`, refDetails(ref, name));
}

/** Optimistic concurrency: the resourceVersion the client sent is not the stored one. */
export function conflict(ref: ResourceRef, name: string, why = "the object has been modified"): ApiError {
  return new ApiError(
    "Conflict",
    `Operation cannot be fulfilled on ${qualified(ref)} "${name}": ${why}; please apply your changes to the latest version and try again`,
    refDetails(ref, name),
  );
}

/**
 * 422 with one cause per field problem. `kind` is the object's Kind ("Deployment"), `group` its API group;
 * the message lists every cause the way the API server joins them.
 */
export function invalid(kind: string, group: string, name: string, causes: readonly Cause[]): ApiError {
  const qualifiedKind = group === "" ? kind : `${kind}.${group}`;
  // As the API server aggregates field errors: "field: message" each, identical lines once, several in [].
  const list = [...new Set(causes.map((c) => `${c.field}: ${c.message}`))];
  const joined = list.length === 1 ? list[0] : `[${list.join(", ")}]`;
  return new ApiError("Invalid", `${qualifiedKind} "${name}" is invalid: ${joined}`, {
    name,
    group,
    kind,
    causes,
  });
}

export function badRequest(message: string): ApiError {
  return new ApiError("BadRequest", message);
}

/** A watch or list from a resourceVersion older than the store's compaction point. */
export function expired(requested: string, oldest: string): ApiError {
  return new ApiError("Expired", `too old resource version: ${requested} (${oldest})`);
}

export function requestEntityTooLarge(limitBytes: number): ApiError {
  return new ApiError("RequestEntityTooLarge", `Request entity too large: limit is ${limitBytes}`);
}

/** The API server's exact text: kubectl prints it, and it names the types that would have worked. */
export function unsupportedMediaType(accepted: readonly string[]): ApiError {
  return new ApiError(
    "UnsupportedMediaType",
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(", ")}`,
  );
}

export function unauthorized(): ApiError {
  return new ApiError("Unauthorized", "Unauthorized");
}

/** `user` may not `verb` the resource (RBAC wording: `User "x" cannot list resource "pods" in API group ""…`). */
export function forbidden(
  user: string,
  verb: string,
  ref: ResourceRef,
  namespace?: string,
  name?: string,
): ApiError {
  const what = `${verb} resource "${ref.resource}" in API group "${ref.group}"`;
  const where = namespace === undefined ? " at the cluster scope" : ` in the namespace "${namespace}"`;
  const target = name === undefined ? qualified(ref) : `${qualified(ref)} "${name}"`;
  return new ApiError("Forbidden", `${target} is forbidden: User "${user}" cannot ${what}${where}`, {
    ...(name === undefined ? {} : { name }),
    group: ref.group,
    kind: ref.resource,
  });
}

export function internalError(message: string): ApiError {
  return new ApiError("InternalError", `Internal error occurred: ${message}`);
}

/** Anything thrown while serving a request, as an ApiError (unknown errors become 500, never a crash). */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return internalError(err instanceof Error ? err.message : String(err));
}
