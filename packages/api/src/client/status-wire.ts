import * as grpc from "@grpc/grpc-js";
import type { Status } from "kubernetes-types/meta/v1.js";
import { ApiError, type Cause, type StatusDetails, type StatusReason, toApiError } from "../errors.js";

// How an ApiError crosses gRPC, in both directions: the status code says what kind of failure it is (for
// gRPC tooling and retry policies), the status message is the Kubernetes message, and the whole Status rides
// in binary trailing metadata so the client rebuilds the very same ApiError (reason, code, details.causes).

/** The trailing metadata entry holding the Status as JSON ("-bin": binary, so any UTF-8 survives as is). */
export const STATUS_METADATA_KEY = "k8s-status-bin";

/**
 * One gRPC code per reason. 410 is OUT_OF_RANGE as etcd answers a compacted revision; 415 and 422 are
 * INVALID_ARGUMENT because the request itself is wrong whatever the state of the cluster; 405 (a verb the
 * resource does not support) is UNIMPLEMENTED.
 */
const CODE_BY_REASON: Record<StatusReason, grpc.status> = {
  BadRequest: grpc.status.INVALID_ARGUMENT,
  Unauthorized: grpc.status.UNAUTHENTICATED,
  Forbidden: grpc.status.PERMISSION_DENIED,
  NotFound: grpc.status.NOT_FOUND,
  MethodNotAllowed: grpc.status.UNIMPLEMENTED,
  AlreadyExists: grpc.status.ALREADY_EXISTS,
  Conflict: grpc.status.ABORTED,
  Gone: grpc.status.OUT_OF_RANGE,
  Expired: grpc.status.OUT_OF_RANGE,
  RequestEntityTooLarge: grpc.status.RESOURCE_EXHAUSTED,
  UnsupportedMediaType: grpc.status.INVALID_ARGUMENT,
  Invalid: grpc.status.INVALID_ARGUMENT,
  TooManyRequests: grpc.status.RESOURCE_EXHAUSTED,
  InternalError: grpc.status.INTERNAL,
  ServiceUnavailable: grpc.status.UNAVAILABLE,
  Timeout: grpc.status.DEADLINE_EXCEEDED,
};

/** For a Status whose reason this side does not know: the reason its HTTP code stands for. */
const REASON_BY_HTTP_CODE: ReadonlyMap<number, StatusReason> = new Map([
  [400, "BadRequest"],
  [401, "Unauthorized"],
  [403, "Forbidden"],
  [404, "NotFound"],
  [405, "MethodNotAllowed"],
  [409, "Conflict"],
  [410, "Gone"],
  [413, "RequestEntityTooLarge"],
  [415, "UnsupportedMediaType"],
  [422, "Invalid"],
  [429, "TooManyRequests"],
  [503, "ServiceUnavailable"],
  [504, "Timeout"],
]);

const KNOWN_REASONS: ReadonlySet<string> = new Set(Object.keys(CODE_BY_REASON));

// Node's HTTP/2 refuses header blocks over 64 KiB by default, and the message travels twice (grpc-message and
// inside the Status): a huge Invalid (hundreds of causes) is trimmed rather than lost to a protocol error.
const MAX_STATUS_BYTES = 32 * 1024;
const MAX_MESSAGE_CHARS = 8 * 1024;

export function grpcCodeFor(reason: StatusReason): grpc.status {
  return CODE_BY_REASON[reason];
}

/** Anything a handler threw, as the gRPC error to answer with (non-ApiErrors become 500 InternalError). */
export function toGrpcError(err: unknown): grpc.ServiceError {
  const apiError = toApiError(err);
  const metadata = new grpc.Metadata();
  metadata.set(STATUS_METADATA_KEY, encodeStatus(apiError.toStatus()));
  const details = clip(apiError.message, MAX_MESSAGE_CHARS);
  return Object.assign(new Error(details), { code: grpcCodeFor(apiError.reason), details, metadata });
}

/**
 * The Status as JSON bytes. One too big for the trailers keeps its reason, code and details, with the
 * message clipped and as many causes, from the first, as fit.
 */
export function encodeStatus(status: Status): Buffer {
  const whole = Buffer.from(JSON.stringify(status));
  if (whole.length <= MAX_STATUS_BYTES) return whole;
  const causes = status.details?.causes ?? [];
  const message = clip(status.message ?? "", MAX_MESSAGE_CHARS);
  const shell = (kept: typeof causes): Status => ({
    ...status,
    message,
    ...(status.details === undefined ? {} : { details: { ...status.details, causes: kept } }),
  });
  let size = Buffer.byteLength(JSON.stringify(shell([])));
  let keep = 0;
  for (const cause of causes) {
    // The cause's JSON plus the comma that separates it from the previous one.
    const n = Buffer.byteLength(JSON.stringify(cause)) + 1;
    if (size + n > MAX_STATUS_BYTES) break;
    size += n;
    keep++;
  }
  return Buffer.from(JSON.stringify(shell(causes.slice(0, keep))));
}

/** The Status a server put in the trailers, or undefined (a transport failure, or not our server). */
export function statusFromMetadata(metadata: grpc.Metadata | undefined): Status | undefined {
  const value = metadata?.get(STATUS_METADATA_KEY)[0];
  if (value === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(typeof value === "string" ? value : value.toString("utf8"));
    return isStatus(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The ApiError a Status describes: the same reason, message and details the server's ApiError had. */
export function apiErrorFromStatus(status: Status): ApiError {
  const reason = knownReason(status.reason) ?? REASON_BY_HTTP_CODE.get(status.code ?? 0) ?? "InternalError";
  const d = status.details;
  if (d === undefined) return new ApiError(reason, status.message ?? "");
  const details: StatusDetails = {
    ...(d.name === undefined ? {} : { name: d.name }),
    ...(d.group === undefined ? {} : { group: d.group }),
    ...(d.kind === undefined ? {} : { kind: d.kind }),
    ...(d.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: d.retryAfterSeconds }),
    ...(d.causes === undefined
      ? {}
      : {
          causes: d.causes.map(
            (c): Cause => ({ reason: c.reason ?? "", field: c.field ?? "", message: c.message ?? "" }),
          ),
        }),
  };
  return new ApiError(reason, status.message ?? "", details);
}

function knownReason(reason: string | undefined): StatusReason | undefined {
  return reason !== undefined && KNOWN_REASONS.has(reason) ? (reason as StatusReason) : undefined;
}

function isStatus(value: unknown): value is Status {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "Status";
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (truncated)`;
}
