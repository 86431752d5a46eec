import * as grpc from "@grpc/grpc-js";
import { describe, expect, it } from "vitest";
import { StoreClientError } from "../src/client/store-errors.js";
import { type Clock, type RetryPlan, withRetries } from "../src/client/store-retry.js";

/** A clock that only moves when the code under test sleeps or an attempt "takes" time. */
function fakeClock(): Clock & { t: number; sleeps: number[] } {
  const c = {
    t: 0,
    sleeps: [] as number[],
    now: () => c.t,
    sleep: async (ms: number) => {
      c.sleeps.push(ms);
      c.t += ms;
    },
  };
  return c;
}

const status = (code: grpc.status, details: string) => Object.assign(new Error(details), { code, details });
const refused = () =>
  status(grpc.status.UNAVAILABLE, "No connection established. Last error: connect ECONNREFUSED");
const plan = (over: Partial<RetryPlan> = {}): RetryPlan => ({
  endpoints: ["a", "b", "c"],
  callClass: "read",
  deadlineMs: 1000,
  budgetMs: 5000,
  ...over,
});

describe("withRetries", () => {
  it("moves on to the next endpoint after a transient read failure and reports who answered", async () => {
    const clock = fakeClock();
    const tried: string[] = [];
    const r = await withRetries(
      plan(),
      async (endpoint) => {
        tried.push(endpoint);
        if (endpoint !== "c") throw status(grpc.status.UNAVAILABLE, "Connection dropped");
        return 42;
      },
      clock,
    );
    expect(r).toEqual({ value: 42, endpoint: "c" });
    expect(tried).toEqual(["a", "b", "c"]);
    expect(clock.sleeps).toEqual([]);
  });

  it("never retries a write whose outcome is unknown", async () => {
    const tried: string[] = [];
    const err = await withRetries(
      plan({ callClass: "write" }),
      async (endpoint) => {
        tried.push(endpoint);
        throw status(grpc.status.UNAVAILABLE, "etcdserver: leader changed");
      },
      fakeClock(),
    ).catch((e: unknown) => e);
    expect(tried).toEqual(["a"]);
    expect(err).toBeInstanceOf(StoreClientError);
    expect(err).toMatchObject({ kind: "outcomeUnknown", endpoint: "a", notExecuted: false });
  });

  it("retries a write that provably did not run (no leader, refused), then succeeds", async () => {
    const failures = [status(grpc.status.UNAVAILABLE, "etcdserver: no leader"), refused()];
    const tried: string[] = [];
    const r = await withRetries(
      plan({ callClass: "write" }),
      async (endpoint) => {
        tried.push(endpoint);
        const f = failures.shift();
        if (f !== undefined) throw f;
        return "ok";
      },
      fakeClock(),
    );
    expect(r.value).toBe("ok");
    expect(tried).toEqual(["a", "b", "c"]);
  });

  it("does not retry a request error (compacted) on any endpoint", async () => {
    let calls = 0;
    const err = await withRetries(
      plan(),
      async () => {
        calls++;
        throw status(grpc.status.OUT_OF_RANGE, "etcdserver: mvcc: required revision has been compacted");
      },
      fakeClock(),
    ).catch((e: unknown) => e);
    expect(calls).toBe(1);
    expect(err).toMatchObject({ kind: "compacted" });
  });

  it("cycles the endpoints with growing pauses until the budget runs out, then throws the last error", async () => {
    const clock = fakeClock();
    let calls = 0;
    const err = await withRetries(
      plan({ budgetMs: 1000 }),
      async (endpoint) => {
        calls++;
        clock.t += 10;
        throw status(grpc.status.UNAVAILABLE, `down ${endpoint}`);
      },
      clock,
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "unavailable" });
    // Pauses only after full passes, doubling from 25 ms; no attempt starts after the budget.
    expect(clock.sleeps.slice(0, 3)).toEqual([25, 50, 100]);
    expect(clock.t).toBeLessThanOrEqual(1000 + 10);
    expect(calls).toBeGreaterThan(3);
  });

  it("gives every attempt the full deadline but starts none once the budget is spent", async () => {
    const clock = fakeClock();
    const deadlines: number[] = [];
    const err = await withRetries(
      plan({ endpoints: ["a", "b"], deadlineMs: 1000, budgetMs: 1500 }),
      async (_endpoint, deadlineMs) => {
        deadlines.push(deadlineMs);
        clock.t += deadlineMs;
        throw status(grpc.status.DEADLINE_EXCEEDED, "Deadline exceeded, remote_addr=x");
      },
      clock,
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "deadline" });
    expect(deadlines).toEqual([1000, 1000]);
    expect(clock.t).toBe(2000);
  });

  it("a budget of 0 means exactly one attempt", async () => {
    let calls = 0;
    await withRetries(
      plan({ budgetMs: 0 }),
      async () => {
        calls++;
        throw refused();
      },
      fakeClock(),
    ).catch(() => undefined);
    expect(calls).toBe(1);
  });
});
