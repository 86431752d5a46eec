import * as grpc from "@grpc/grpc-js";
import { RaftError } from "@tskube/raft";
import { MasterError } from "../errors.js";

/** A gRPC error carrying a status code and one clear line for the caller. */
export function statusError(code: grpc.status, details: string): grpc.ServiceError {
  const err = new Error(details) as grpc.ServiceError;
  err.code = code;
  err.details = details;
  err.metadata = new grpc.Metadata();
  return err;
}

/** Maps the errors our code throws onto the gRPC statuses documented in docs/master.md. */
export function toStatusError(err: unknown): grpc.ServiceError {
  if (isServiceError(err)) return err;
  if (err instanceof MasterError) {
    switch (err.code) {
      case "Unavailable":
      case "LeaderChanged":
      case "NotLeader":
      case "Stopped":
        return statusError(grpc.status.UNAVAILABLE, err.message);
      case "Timeout":
        return statusError(grpc.status.DEADLINE_EXCEEDED, err.message);
      case "FailedPrecondition":
        return statusError(grpc.status.FAILED_PRECONDITION, err.message);
      case "NotFound":
        return statusError(grpc.status.NOT_FOUND, err.message);
      case "InvalidConfig":
        return statusError(grpc.status.INVALID_ARGUMENT, err.message);
    }
  }
  if (err instanceof RaftError) {
    switch (err.code) {
      case "ProposalDropped":
        return statusError(grpc.status.UNAVAILABLE, `proposal dropped: ${err.message}`);
      case "ConfChangeRejected":
        return statusError(grpc.status.FAILED_PRECONDITION, `membership change refused: ${err.message}`);
      default:
        return statusError(grpc.status.INVALID_ARGUMENT, err.message);
    }
  }
  return statusError(grpc.status.INTERNAL, err instanceof Error ? err.message : String(err));
}

/** Adapts an async handler to grpc-js's callback style, mapping thrown errors to statuses. */
export function unary<Req, Res>(
  handler: (request: Req, call: grpc.ServerUnaryCall<Req, Res>) => Promise<Res>,
): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    handler(call.request, call).then(
      (response) => callback(null, response),
      (err: unknown) => callback(toStatusError(err)),
    );
  };
}

export function isServiceError(err: unknown): err is grpc.ServiceError {
  return (
    err instanceof Error && typeof (err as Partial<grpc.ServiceError>).code === "number" && "details" in err
  );
}
