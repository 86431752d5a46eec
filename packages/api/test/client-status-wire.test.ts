import * as grpc from "@grpc/grpc-js";
import type { Status } from "kubernetes-types/meta/v1.js";
import { describe, expect, it } from "vitest";
import {
  apiErrorFromStatus,
  encodeStatus,
  grpcCodeFor,
  STATUS_METADATA_KEY,
  statusFromMetadata,
  toGrpcError,
} from "../src/client/index.js";
import { ApiError, conflict, invalid, notFound } from "../src/errors.js";

// ApiError ⇄ gRPC status, without a network: the server-side encoding and the client-side rebuild must be
// exact inverses for every error the API layer produces.

describe("ApiError → gRPC status", () => {
  it("maps reasons to the documented codes", () => {
    expect(grpcCodeFor("BadRequest")).toBe(grpc.status.INVALID_ARGUMENT);
    expect(grpcCodeFor("Unauthorized")).toBe(grpc.status.UNAUTHENTICATED);
    expect(grpcCodeFor("Forbidden")).toBe(grpc.status.PERMISSION_DENIED);
    expect(grpcCodeFor("NotFound")).toBe(grpc.status.NOT_FOUND);
    expect(grpcCodeFor("AlreadyExists")).toBe(grpc.status.ALREADY_EXISTS);
    expect(grpcCodeFor("Conflict")).toBe(grpc.status.ABORTED);
    expect(grpcCodeFor("Expired")).toBe(grpc.status.OUT_OF_RANGE);
    expect(grpcCodeFor("Gone")).toBe(grpc.status.OUT_OF_RANGE);
    expect(grpcCodeFor("RequestEntityTooLarge")).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(grpcCodeFor("UnsupportedMediaType")).toBe(grpc.status.INVALID_ARGUMENT);
    expect(grpcCodeFor("Invalid")).toBe(grpc.status.INVALID_ARGUMENT);
    expect(grpcCodeFor("TooManyRequests")).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(grpcCodeFor("InternalError")).toBe(grpc.status.INTERNAL);
    expect(grpcCodeFor("ServiceUnavailable")).toBe(grpc.status.UNAVAILABLE);
    expect(grpcCodeFor("Timeout")).toBe(grpc.status.DEADLINE_EXCEEDED);
    expect(grpcCodeFor("MethodNotAllowed")).toBe(grpc.status.UNIMPLEMENTED);
  });

  it("round-trips NotFound, Conflict and Invalid through the trailers exactly", () => {
    const errors = [
      notFound({ resource: "deployments", group: "apps" }, "web"),
      conflict({ resource: "pods", group: "" }, "p"),
      invalid("Deployment", "apps", "bad", [
        {
          reason: "FieldValueInvalid",
          field: "spec.replicas",
          message: "Invalid value: -1: must be greater than or equal to 0",
        },
        { reason: "FieldValueRequired", field: "spec.selector", message: "Required value" },
      ]),
      new ApiError("TooManyRequests", "slow down", { retryAfterSeconds: 3 }),
    ];
    for (const e of errors) {
      const wire = toGrpcError(e);
      expect(wire.code).toBe(grpcCodeFor(e.reason));
      expect(wire.details).toBe(e.message);
      const status = statusFromMetadata(wire.metadata);
      expect(status).toEqual(e.toStatus());
      const rebuilt = apiErrorFromStatus(status as Status);
      expect(rebuilt).toBeInstanceOf(ApiError);
      expect(rebuilt.toStatus()).toEqual(e.toStatus());
    }
  });

  it("turns a non-ApiError into 500 InternalError with the API server's wording", () => {
    const wire = toGrpcError(new TypeError("x is undefined"));
    expect(wire.code).toBe(grpc.status.INTERNAL);
    expect(wire.details).toBe("Internal error occurred: x is undefined");
    expect(statusFromMetadata(wire.metadata)).toMatchObject({ reason: "InternalError", code: 500 });
  });

  it("keeps a small Status whole and trims a huge one to the first causes that fit", () => {
    const small = invalid("Pod", "", "p", [
      { reason: "FieldValueRequired", field: "spec", message: "Required value" },
    ]);
    expect(JSON.parse(encodeStatus(small.toStatus()).toString())).toEqual(small.toStatus());

    const causes = Array.from({ length: 1000 }, (_, i) => ({
      reason: "FieldValueInvalid",
      field: `metadata.labels[k${i}]`,
      message: `Invalid value: "${"v".repeat(60)}": must be 63 characters or less`,
    }));
    const huge = invalid("Pod", "", "p", causes).toStatus();
    const bytes = encodeStatus(huge);
    expect(bytes.length).toBeLessThanOrEqual(32 * 1024);
    const trimmed = JSON.parse(bytes.toString()) as Status;
    expect(trimmed.reason).toBe("Invalid");
    expect(trimmed.code).toBe(422);
    expect(trimmed.details?.name).toBe("p");
    expect(trimmed.message?.endsWith("… (truncated)")).toBe(true);
    const kept = trimmed.details?.causes ?? [];
    expect(kept.length).toBeGreaterThan(50);
    expect(kept.length).toBeLessThan(1000);
    expect(kept).toEqual(causes.slice(0, kept.length));
  });
});

describe("gRPC status → ApiError", () => {
  it("finds no Status in absent, empty or foreign metadata", () => {
    expect(statusFromMetadata(undefined)).toBeUndefined();
    expect(statusFromMetadata(new grpc.Metadata())).toBeUndefined();
    const junk = new grpc.Metadata();
    junk.set(STATUS_METADATA_KEY, Buffer.from("not json"));
    expect(statusFromMetadata(junk)).toBeUndefined();
    const other = new grpc.Metadata();
    other.set(STATUS_METADATA_KEY, Buffer.from('{"kind":"Pod"}'));
    expect(statusFromMetadata(other)).toBeUndefined();
  });

  it("falls back on the HTTP code for a reason it does not know, and fills missing cause fields", () => {
    const e = apiErrorFromStatus({
      kind: "Status",
      status: "Failure",
      reason: "SomethingNew",
      code: 409,
      message: "m",
      details: { causes: [{ message: "only a message" }] },
    });
    expect(e.reason).toBe("Conflict");
    expect(e.code).toBe(409);
    expect(e.details?.causes).toEqual([{ reason: "", field: "", message: "only a message" }]);
    expect(apiErrorFromStatus({ kind: "Status", message: "?" }).reason).toBe("InternalError");
  });
});
