import * as grpc from "@grpc/grpc-js";
import { RaftError } from "@tskube/raft";
import { StoreError, type StoreErrorCode } from "@tskube/store";
import { MasterError } from "../errors.js";
import { isServiceError, statusError } from "../grpc/status.js";

// The one place the store API's errors become gRPC statuses. Well-known failures use etcd's exact codes and
// texts, so etcd clients recognise them (Go's clientv3 matches the text); tskube's own limits say what they
// are. docs/store.md lists them.

const STORE_STATUS: Record<StoreErrorCode, [grpc.status, string | null]> = {
  EmptyKey: [grpc.status.INVALID_ARGUMENT, "etcdserver: key is not provided"],
  KeyTooLarge: [grpc.status.INVALID_ARGUMENT, "etcdserver: key is too large"],
  // etcd has no value limit of its own: an oversized value makes the request too large.
  ValueTooLarge: [grpc.status.INVALID_ARGUMENT, "etcdserver: request is too large"],
  TooManyOps: [grpc.status.INVALID_ARGUMENT, "etcdserver: too many operations in txn request"],
  DuplicateKey: [grpc.status.INVALID_ARGUMENT, "etcdserver: duplicate key given in txn request"],
  Compacted: [grpc.status.OUT_OF_RANGE, "etcdserver: mvcc: required revision has been compacted"],
  FutureRevision: [grpc.status.OUT_OF_RANGE, "etcdserver: mvcc: required revision is a future revision"],
  LeaseNotFound: [grpc.status.NOT_FOUND, "etcdserver: requested lease not found"],
  LeaseExists: [grpc.status.FAILED_PRECONDITION, "etcdserver: lease already exists"],
  InvalidTtl: [grpc.status.OUT_OF_RANGE, "etcdserver: too large lease TTL"],
  InvalidLeaseId: [grpc.status.INVALID_ARGUMENT, null],
  KeyNotFound: [grpc.status.INVALID_ARGUMENT, "etcdserver: key not found"],
  ValueProvided: [grpc.status.INVALID_ARGUMENT, "etcdserver: value is provided"],
  LeaseProvided: [grpc.status.INVALID_ARGUMENT, "etcdserver: lease is provided"],
  AlreadyApplied: [grpc.status.INTERNAL, null],
  BadEncoding: [grpc.status.INVALID_ARGUMENT, null],
};

export const NO_LEADER = "etcdserver: no leader";

export function storeStatusError(err: unknown): grpc.ServiceError {
  if (isServiceError(err)) return err;
  if (err instanceof StoreError) {
    const [code, text] = STORE_STATUS[err.code];
    return statusError(code, text ?? `etcdserver: ${err.message}`);
  }
  if (err instanceof MasterError) {
    switch (err.code) {
      case "Unavailable":
      case "NotLeader":
        // Nothing was proposed: the caller may retry anywhere.
        return statusError(grpc.status.UNAVAILABLE, NO_LEADER);
      case "LeaderChanged":
        return statusError(grpc.status.UNAVAILABLE, "etcdserver: leader changed");
      case "Timeout":
        return statusError(grpc.status.UNAVAILABLE, "etcdserver: request timed out");
      case "Stopped":
        return statusError(grpc.status.UNAVAILABLE, "etcdserver: server stopped");
      case "NotFound":
        return statusError(grpc.status.NOT_FOUND, `etcdserver: ${err.message}`);
      case "FailedPrecondition":
        return statusError(grpc.status.FAILED_PRECONDITION, `etcdserver: ${err.message}`);
      case "InvalidConfig":
        return statusError(grpc.status.INVALID_ARGUMENT, `etcdserver: ${err.message}`);
    }
  }
  if (err instanceof RaftError && err.code === "ProposalDropped") {
    return statusError(grpc.status.UNAVAILABLE, NO_LEADER);
  }
  return statusError(grpc.status.INTERNAL, err instanceof Error ? err.message : String(err));
}

/** grpc-js callback style for the store API's unary handlers. */
export function storeUnary<Req, Res>(
  handler: (request: Req, call: grpc.ServerUnaryCall<Req, Res>) => Promise<Res> | Res,
): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    let pending: Promise<Res> | Res;
    try {
      pending = handler(call.request, call);
    } catch (err) {
      callback(storeStatusError(err));
      return;
    }
    Promise.resolve(pending).then(
      (response) => callback(null, response),
      (err: unknown) => callback(storeStatusError(err)),
    );
  };
}
