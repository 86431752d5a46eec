import * as grpc from "@grpc/grpc-js";
import { ApiError, type StatusReason } from "../errors.js";
import { apiErrorFromStatus, statusFromMetadata } from "./status-wire.js";

// Every failed call becomes an ApiError: the server's own when it sent a Status, otherwise one that names
// the endpoint and what the transport said. The extra facts decide whether another endpoint may be tried.

export interface CallFailure {
  readonly error: ApiError;
  /** The API server answered with a Status (the request reached it). */
  readonly fromServer: boolean;
  readonly code: grpc.status;
  /** The failure proves the request never reached a server, so even a write may be sent again. */
  readonly notSent: boolean;
}

const TRANSPORT_REASONS: Partial<Record<grpc.status, StatusReason>> = {
  [grpc.status.UNAVAILABLE]: "ServiceUnavailable",
  [grpc.status.CANCELLED]: "ServiceUnavailable",
  [grpc.status.DEADLINE_EXCEEDED]: "Timeout",
  [grpc.status.UNAUTHENTICATED]: "Unauthorized",
  [grpc.status.PERMISSION_DENIED]: "Forbidden",
  // A server without the Objects service answers UNIMPLEMENTED: as Kubernetes for a path it does not serve.
  [grpc.status.UNIMPLEMENTED]: "NotFound",
  [grpc.status.NOT_FOUND]: "NotFound",
  [grpc.status.ALREADY_EXISTS]: "AlreadyExists",
  [grpc.status.ABORTED]: "Conflict",
  [grpc.status.INVALID_ARGUMENT]: "BadRequest",
  [grpc.status.FAILED_PRECONDITION]: "BadRequest",
  [grpc.status.OUT_OF_RANGE]: "Expired",
  [grpc.status.RESOURCE_EXHAUSTED]: "TooManyRequests",
};

export function toCallFailure(err: unknown, endpoint: string): CallFailure {
  if (err instanceof ApiError)
    return { error: err, fromServer: true, code: grpc.status.UNKNOWN, notSent: false };
  if (!isServiceError(err)) {
    const message = err instanceof Error ? err.message : String(err);
    return {
      error: new ApiError("InternalError", `${endpoint}: ${message}`),
      fromServer: false,
      code: grpc.status.UNKNOWN,
      notSent: false,
    };
  }
  const status = statusFromMetadata(err.metadata);
  if (status !== undefined) {
    return { error: apiErrorFromStatus(status), fromServer: true, code: err.code, notSent: false };
  }
  // grpc-js appends an empty "Resolution note" to connection failures: noise in a one-line message.
  const details = (err.details || err.message).replace(/\. Resolution note: $/, "");
  let reason = TRANSPORT_REASONS[err.code] ?? "InternalError";
  // grpc's own message size limit, not the server's rate limiting.
  if (err.code === grpc.status.RESOURCE_EXHAUSTED && /larger than max/i.test(details)) {
    reason = "RequestEntityTooLarge";
  }
  return {
    error: new ApiError(reason, `${endpoint}: ${details}`),
    fromServer: false,
    code: err.code,
    notSent: provenNotSent(err.code, details),
  };
}

/**
 * grpc-js fails a call with these details only before the request left this process: no connection could
 * be made, the server refused the stream, or the deadline hit while still waiting for a connection.
 */
function provenNotSent(code: grpc.status, details: string): boolean {
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

/** Reads go to another endpoint whenever this one could not serve them. */
export function readMayMoveOn(f: CallFailure): boolean {
  if (!f.fromServer) {
    return (
      f.code === grpc.status.UNAVAILABLE ||
      f.code === grpc.status.DEADLINE_EXCEEDED ||
      f.code === grpc.status.CANCELLED
    );
  }
  const reason = f.error.reason;
  return reason === "ServiceUnavailable" || reason === "TooManyRequests" || reason === "Timeout";
}

/**
 * Writes are sent again only when they provably did not run: never sent, or refused with a Retry-After
 * (the API server's way of saying "not processed, try later", which client-go also retries).
 */
export function writeMayMoveOn(f: CallFailure): boolean {
  if (f.notSent) return true;
  const reason = f.error.reason;
  return (
    f.fromServer &&
    (reason === "ServiceUnavailable" || reason === "TooManyRequests") &&
    f.error.details?.retryAfterSeconds !== undefined
  );
}

function isServiceError(err: unknown): err is grpc.ServiceError {
  return err instanceof Error && typeof (err as Partial<grpc.ServiceError>).code === "number";
}
