import * as grpc from "@grpc/grpc-js";
import { describe, expect, it } from "vitest";
import {
  classifyStatus,
  isRetryable,
  provenNotSent,
  StoreClientError,
  toStoreClientError,
} from "../src/client/store-errors.js";

const S = grpc.status;

// Details exactly as grpc-js 1.14 and etcd 3.4 produce them (seen on loopback while writing the client).
const REFUSED =
  "No connection established. Last error: Error: connect ECONNREFUSED 127.0.0.1:1. Resolution note: ";
const DEADLINE_CONNECTING = "Deadline exceeded after 0.301s,name resolution: 0.001s,Waiting for LB pick";
const DEADLINE_SENT =
  "Deadline exceeded after 0.301s,name resolution: 0.001s,LB pick: 0.004s,remote_addr=127.0.0.1:38019";

describe("classifyStatus: etcd's texts name the request problem, whatever the call", () => {
  it.each([
    [S.OUT_OF_RANGE, "etcdserver: mvcc: required revision has been compacted", "compacted"],
    [S.OUT_OF_RANGE, "etcdserver: mvcc: required revision is a future revision", "futureRevision"],
    [S.NOT_FOUND, "etcdserver: requested lease not found", "leaseNotFound"],
    [S.INVALID_ARGUMENT, "etcdserver: key is not provided", "emptyKey"],
    [S.INVALID_ARGUMENT, "etcdserver: key is too large", "keyTooLarge"],
    [S.INVALID_ARGUMENT, "etcdserver: request is too large", "requestTooLarge"],
    [S.RESOURCE_EXHAUSTED, "grpc: received message larger than max (2097162 vs. 2097152)", "requestTooLarge"],
    [S.INVALID_ARGUMENT, "etcdserver: too many operations in txn request", "tooManyOps"],
    [S.INVALID_ARGUMENT, "etcdserver: duplicate key given in txn request", "duplicateKey"],
    [S.INVALID_ARGUMENT, "etcdserver: some other check", "invalidArgument"],
    [S.UNIMPLEMENTED, "unknown service etcdserverpb.KV", "internal"],
  ] as const)("%s %s → %s", (code, details, kind) => {
    for (const cls of ["read", "write"] as const) {
      const c = classifyStatus(code, details, cls);
      expect(c.kind).toBe(kind);
      expect(isRetryable(c, cls)).toBe(false);
    }
  });
});

describe("classifyStatus: transient failures", () => {
  it("no leader: nothing was proposed, so even a write is retried", () => {
    const c = classifyStatus(S.UNAVAILABLE, "etcdserver: no leader", "write");
    expect(c).toEqual({ kind: "noLeader", notExecuted: true });
    expect(isRetryable(c, "write")).toBe(true);
  });

  it("connection refused / never connected: not sent, a write is retried", () => {
    const refused = classifyStatus(S.UNAVAILABLE, REFUSED, "write");
    expect(refused).toEqual({ kind: "unavailable", notExecuted: true });
    expect(isRetryable(refused, "write")).toBe(true);
    const connecting = classifyStatus(S.DEADLINE_EXCEEDED, DEADLINE_CONNECTING, "write");
    expect(connecting).toEqual({ kind: "deadline", notExecuted: true });
    expect(isRetryable(connecting, "write")).toBe(true);
  });

  it.each([
    [S.UNAVAILABLE, "etcdserver: leader changed"],
    [S.UNAVAILABLE, "etcdserver: request timed out"],
    [S.UNAVAILABLE, "etcdserver: request timed out, possibly due to previous leader failure"],
    [S.UNAVAILABLE, "Connection dropped"],
    [S.DEADLINE_EXCEEDED, DEADLINE_SENT],
    [S.DEADLINE_EXCEEDED, "Deadline exceeded"],
    [S.CANCELLED, "Call cancelled"],
  ] as const)("a write that may have run (%s %s) is outcomeUnknown and never retried", (code, details) => {
    const c = classifyStatus(code, details, "write");
    expect(c).toEqual({ kind: "outcomeUnknown", notExecuted: false });
    expect(isRetryable(c, "write")).toBe(false);
  });

  it.each([
    [S.UNAVAILABLE, "etcdserver: leader changed", "unavailable"],
    [S.UNAVAILABLE, "Connection dropped", "unavailable"],
    [S.UNAVAILABLE, REFUSED, "unavailable"],
    [S.DEADLINE_EXCEEDED, DEADLINE_SENT, "deadline"],
    [S.CANCELLED, "Call cancelled", "unavailable"],
    [S.UNAVAILABLE, "etcdserver: no leader", "noLeader"],
  ] as const)("the same failure of a read (%s %s) is %s and retried elsewhere", (code, details, kind) => {
    const c = classifyStatus(code, details, "read");
    expect(c.kind).toBe(kind);
    expect(isRetryable(c, "read")).toBe(true);
  });

  it("a cancel by this client is 'canceled', not retried", () => {
    for (const cls of ["read", "write"] as const) {
      const c = classifyStatus(S.CANCELLED, "Cancelled on client", cls);
      expect(c.kind).toBe("canceled");
      expect(isRetryable(c, cls)).toBe(false);
    }
  });
});

describe("provenNotSent", () => {
  it("only believes grpc-js's pre-send failures", () => {
    expect(provenNotSent(S.UNAVAILABLE, REFUSED)).toBe(true);
    expect(provenNotSent(S.UNAVAILABLE, "Stream refused by server")).toBe(true);
    expect(provenNotSent(S.DEADLINE_EXCEEDED, DEADLINE_CONNECTING)).toBe(true);
    expect(provenNotSent(S.DEADLINE_EXCEEDED, DEADLINE_SENT)).toBe(false);
    expect(provenNotSent(S.UNAVAILABLE, "Connection dropped")).toBe(false);
    expect(provenNotSent(S.UNAVAILABLE, "etcdserver: leader changed")).toBe(false);
    expect(provenNotSent(S.INTERNAL, REFUSED)).toBe(false);
  });
});

describe("toStoreClientError", () => {
  it("names the endpoint, the problem and the kind in one line", () => {
    const raw = Object.assign(new Error("x"), {
      code: S.OUT_OF_RANGE,
      details: "etcdserver: mvcc: required revision has been compacted",
    });
    const e = toStoreClientError("127.0.0.1:2379", raw, "read");
    expect(e).toBeInstanceOf(StoreClientError);
    expect(e.kind).toBe("compacted");
    expect(e.code).toBe(S.OUT_OF_RANGE);
    expect(e.message).toBe(
      "127.0.0.1:2379: etcdserver: mvcc: required revision has been compacted (compacted, OUT_OF_RANGE)",
    );
    expect(toStoreClientError("x", e, "write")).toBe(e);
  });

  it("an error without a gRPC status is internal", () => {
    const e = toStoreClientError("127.0.0.1:2379", new TypeError("boom"), "read");
    expect(e).toMatchObject({ kind: "internal", details: "boom", notExecuted: false });
  });
});
