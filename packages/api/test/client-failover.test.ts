import * as grpc from "@grpc/grpc-js";
import { describe, expect, it } from "vitest";
import { readMayMoveOn, toCallFailure, writeMayMoveOn } from "../src/client/call-failure.js";
import { withFailover } from "../src/client/failover.js";
import { ObjectClient, toGrpcError } from "../src/client/index.js";
import { ApiError } from "../src/errors.js";

// Which failures let a call move on to another endpoint, and the failover loop itself, with scripted
// failures (no network).

function transport(code: grpc.status, details: string): grpc.ServiceError {
  return Object.assign(new Error(`${code} ${details}`), { code, details, metadata: new grpc.Metadata() });
}

describe("call failures", () => {
  it("uses the server's Status when there is one", () => {
    const f = toCallFailure(toGrpcError(new ApiError("Conflict", "modified")), "a:1");
    expect(f.fromServer).toBe(true);
    expect(f.error.reason).toBe("Conflict");
    expect(f.error.message).toBe("modified");
    expect(readMayMoveOn(f)).toBe(false);
    expect(writeMayMoveOn(f)).toBe(false);
  });

  it("names the endpoint in transport failures and tells never-sent ones apart", () => {
    const refused = toCallFailure(
      transport(
        grpc.status.UNAVAILABLE,
        "No connection established. Last error: connect ECONNREFUSED 127.0.0.1:1. Resolution note: ",
      ),
      "127.0.0.1:1",
    );
    expect(refused.error.reason).toBe("ServiceUnavailable");
    expect(refused.error.message).toBe(
      "127.0.0.1:1: No connection established. Last error: connect ECONNREFUSED 127.0.0.1:1",
    );
    expect(refused.notSent).toBe(true);
    expect(writeMayMoveOn(refused)).toBe(true);

    const dropped = toCallFailure(transport(grpc.status.UNAVAILABLE, "Connection dropped"), "a:1");
    expect(dropped.notSent).toBe(false);
    expect(readMayMoveOn(dropped)).toBe(true);
    expect(writeMayMoveOn(dropped)).toBe(false);

    const late = toCallFailure(
      transport(grpc.status.DEADLINE_EXCEEDED, "Deadline exceeded after 1s,remote_addr=1.2.3.4:5"),
      "a:1",
    );
    expect(late.error.reason).toBe("Timeout");
    expect(readMayMoveOn(late)).toBe(true);
    expect(writeMayMoveOn(late)).toBe(false);
  });

  it("maps the codes other servers answer with to the nearest reason", () => {
    const f = (code: grpc.status, details = "x") =>
      toCallFailure(transport(code, details), "e:1").error.reason;
    expect(f(grpc.status.UNIMPLEMENTED)).toBe("NotFound");
    expect(f(grpc.status.PERMISSION_DENIED)).toBe("Forbidden");
    expect(f(grpc.status.UNAUTHENTICATED)).toBe("Unauthorized");
    expect(f(grpc.status.RESOURCE_EXHAUSTED, "Received message larger than max (5 vs. 4)")).toBe(
      "RequestEntityTooLarge",
    );
    expect(f(grpc.status.RESOURCE_EXHAUSTED, "quota")).toBe("TooManyRequests");
    expect(f(grpc.status.INTERNAL)).toBe("InternalError");
  });

  it("lets a write go elsewhere only when the server said Retry-After", () => {
    const busy = toCallFailure(toGrpcError(new ApiError("ServiceUnavailable", "busy")), "a:1");
    expect(readMayMoveOn(busy)).toBe(true);
    expect(writeMayMoveOn(busy)).toBe(false);
    const later = toCallFailure(
      toGrpcError(new ApiError("TooManyRequests", "later", { retryAfterSeconds: 1 })),
      "a:1",
    );
    expect(writeMayMoveOn(later)).toBe(true);
  });
});

describe("failover loop", () => {
  it("moves on until an endpoint answers", async () => {
    const tried: string[] = [];
    const r = await withFailover(
      { endpoints: ["a:1", "b:1", "c:1"], budgetMs: 1000, mayMoveOn: readMayMoveOn },
      async (e) => {
        tried.push(e);
        if (e !== "c:1") throw transport(grpc.status.UNAVAILABLE, "down");
        return 42;
      },
    );
    expect(r).toEqual({ value: 42, endpoint: "c:1" });
    expect(tried).toEqual(["a:1", "b:1", "c:1"]);
  });

  it("stops at once on a failure that forbids moving on", async () => {
    const tried: string[] = [];
    const err = await withFailover(
      { endpoints: ["a:1", "b:1"], budgetMs: 1000, mayMoveOn: readMayMoveOn },
      async (e) => {
        tried.push(e);
        throw toGrpcError(new ApiError("NotFound", "nope"));
      },
    ).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toBe("nope");
    expect(tried).toEqual(["a:1"]);
  });

  it("goes round again after a pause, and gives up with the last error when the budget is spent", async () => {
    let attempts = 0;
    const started = Date.now();
    const err = await withFailover(
      { endpoints: ["a:1", "b:1"], budgetMs: 300, mayMoveOn: readMayMoveOn },
      async () => {
        attempts++;
        throw transport(grpc.status.UNAVAILABLE, `down ${attempts}`);
      },
    ).catch((x: unknown) => x);
    expect((err as ApiError).reason).toBe("ServiceUnavailable");
    expect((err as ApiError).message).toBe(`b:1: down ${attempts}`);
    expect(attempts).toBeGreaterThan(2);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe("ObjectClient endpoints", () => {
  it("accepts URLs and comma lists, and refuses none", () => {
    const c = new ObjectClient("https://127.0.0.1:6443/, 127.0.0.2:6443");
    expect(c.endpoints).toEqual(["127.0.0.1:6443", "127.0.0.2:6443"]);
    c.close();
    expect(() => new ObjectClient(" , ")).toThrow("no endpoints");
  });
});
