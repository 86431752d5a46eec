import { describe, expect, it } from "vitest";
import { checkOperations, kvModel, LinearizabilityError } from "../src/index.js";
import { cas, del, get, type KvOp, lost, put } from "./helpers.js";

const check = (ops: KvOp[]) => checkOperations(kvModel, ops);
const outcome = (ops: KvOp[]) => check(ops).outcome;

describe("checkOperations with kvModel: hand-checked histories", () => {
  it("accepts an empty history and a sequential one", () => {
    expect(outcome([])).toBe("ok");
    expect(outcome([get(1, "a", null, 0, 1), put(1, "a", "x", 2, 3), get(2, "a", "x", 4, 5)])).toBe("ok");
  });

  it("rejects a stale read after a completed write", () => {
    // put x completes at 3, then put y completes at 7; a read starting at 8 must see y.
    const ops = [put(1, "a", "x", 0, 3), put(1, "a", "y", 4, 7), get(2, "a", "x", 8, 9)];
    const result = check(ops);
    expect(result.outcome).toBe("illegal");
    if (result.outcome !== "illegal") return;
    expect(result.partition).toBe(0);
    expect(result.operations).toEqual(ops);
    // The two puts linearize; the read cannot follow them.
    expect(result.longest).toEqual([ops[0], ops[1]]);
    expect(result.message).toContain('get "a" -> "x"');
  });

  it("accepts a read concurrent with the overwriting write returning either value", () => {
    const before = [put(1, "a", "x", 0, 3), put(1, "a", "y", 4, 7)];
    expect(outcome([...before, get(2, "a", "x", 5, 9)])).toBe("ok");
    expect(outcome([...before, get(2, "a", "y", 5, 9)])).toBe("ok");
  });

  it("rejects a read of a value never written", () => {
    expect(outcome([put(1, "a", "x", 0, 3), get(2, "a", "z", 1, 5)])).toBe("illegal");
    expect(outcome([get(2, "a", "z", 1, 5)])).toBe("illegal");
  });

  it("rejects a non-nil read before anything was written and a nil read after a write", () => {
    expect(outcome([put(1, "a", "x", 0, 3), get(2, "a", null, 4, 5)])).toBe("illegal");
  });

  it("rejects two clients that observe two concurrent writes in opposite orders", () => {
    const ops = [
      put(1, "a", "1", 0, 100),
      put(2, "a", "2", 0, 100),
      get(3, "a", "1", 10, 20),
      get(3, "a", "2", 30, 40),
      get(4, "a", "2", 10, 20),
      get(4, "a", "1", 30, 40),
    ];
    expect(outcome(ops)).toBe("illegal");
    // Each client alone is fine: the writes may be ordered either way.
    expect(outcome(ops.slice(0, 4))).toBe("ok");
    expect(outcome([...ops.slice(0, 2), ...ops.slice(4)])).toBe("ok");
  });

  it("accepts concurrent writes with reads that see either order, as long as they agree", () => {
    const writes = [put(1, "a", "1", 0, 10), put(2, "a", "2", 0, 10)];
    expect(outcome([...writes, get(3, "a", "1", 5, 15), get(3, "a", "1", 20, 30)])).toBe("ok");
    expect(outcome([...writes, get(3, "a", "2", 5, 15), get(4, "a", "2", 20, 30)])).toBe("ok");
    // A read during the writes may see the first, a later one the second.
    expect(outcome([...writes, get(3, "a", "1", 5, 15), get(4, "a", "2", 20, 30)])).toBe("ok");
    // But once both writes are done and one read saw "2", "1" cannot come back.
    expect(outcome([...writes, get(3, "a", "2", 20, 30), get(4, "a", "1", 31, 40)])).toBe("illegal");
  });

  it("treats operations touching at the same instant as concurrent", () => {
    // put returns at 5, the read is called at 5: the clock cannot order them, so an old value is allowed.
    expect(outcome([put(1, "a", "x", 0, 5), get(2, "a", null, 5, 6)])).toBe("ok");
    expect(outcome([put(1, "a", "x", 0, 5), get(2, "a", null, 6, 7)])).toBe("illegal");
  });

  it("checks cas success and failure against the current value", () => {
    expect(outcome([put(1, "a", "x", 0, 1), cas(1, "a", "x", "y", true, 2, 3), get(1, "a", "y", 4, 5)])).toBe(
      "ok",
    );
    expect(
      outcome([put(1, "a", "x", 0, 1), cas(1, "a", "z", "y", false, 2, 3), get(1, "a", "x", 4, 5)]),
    ).toBe("ok");
    // A cas cannot succeed on a mismatch, nor fail on a match.
    expect(outcome([put(1, "a", "x", 0, 1), cas(1, "a", "z", "y", true, 2, 3)])).toBe("illegal");
    expect(outcome([put(1, "a", "x", 0, 1), cas(1, "a", "x", "y", false, 2, 3)])).toBe("illegal");
    // A failed cas has no effect.
    expect(
      outcome([put(1, "a", "x", 0, 1), cas(1, "a", "z", "y", false, 2, 3), get(1, "a", "y", 4, 5)]),
    ).toBe("illegal");
    // cas expecting nil creates the key only if absent.
    expect(outcome([cas(1, "a", null, "x", true, 0, 1), cas(2, "a", null, "y", false, 2, 3)])).toBe("ok");
    expect(outcome([cas(1, "a", null, "x", true, 0, 1), cas(2, "a", null, "y", true, 2, 3)])).toBe("illegal");
  });

  it("decides which of two concurrent cas won from a later read", () => {
    const racers = [
      put(1, "a", "0", 0, 1),
      cas(2, "a", "0", "2", true, 2, 10),
      cas(3, "a", "0", "3", false, 2, 10),
    ];
    expect(outcome([...racers, get(4, "a", "2", 11, 12)])).toBe("ok");
    expect(outcome([...racers, get(4, "a", "3", 11, 12)])).toBe("illegal");
  });

  it("handles delete as writing nil", () => {
    expect(outcome([put(1, "a", "x", 0, 1), del(1, "a", 2, 3), get(2, "a", null, 4, 5)])).toBe("ok");
    expect(outcome([put(1, "a", "x", 0, 1), del(1, "a", 2, 3), get(2, "a", "x", 4, 5)])).toBe("illegal");
  });

  it("accepts an unknown-outcome write that later shows up, and one that never does", () => {
    const base = [put(1, "a", "x", 0, 1), lost(put(2, "a", "y", 2, 3))];
    expect(outcome([...base, get(3, "a", "y", 10, 11), get(3, "a", "y", 12, 13)])).toBe("ok");
    expect(outcome([...base, get(3, "a", "x", 10, 11), get(3, "a", "x", 12, 13)])).toBe("ok");
    // It may also take effect late: long after the client gave up on it.
    expect(outcome([...base, get(3, "a", "x", 10, 11), get(3, "a", "y", 12, 13)])).toBe("ok");
  });

  it("rejects an unknown-outcome write that is seen and then unseen", () => {
    const ops = [
      put(1, "a", "x", 0, 1),
      lost(put(2, "a", "y", 2, 3)),
      get(3, "a", "y", 10, 11),
      get(3, "a", "x", 12, 13),
    ];
    expect(outcome(ops)).toBe("illegal");
  });

  it("rejects a write seen before it was invoked, even with its outcome unknown", () => {
    expect(outcome([get(1, "a", "x", 0, 3), put(2, "a", "x", 5, 6)])).toBe("illegal");
    expect(outcome([get(1, "a", "x", 0, 3), lost(put(2, "a", "x", 5, 6))])).toBe("illegal");
  });

  it("lets unknown reads constrain nothing", () => {
    const unknownRead = lost(get(3, "a", "whatever", 2, 3));
    expect(outcome([put(1, "a", "x", 0, 1), unknownRead, get(2, "a", "x", 4, 5)])).toBe("ok");
  });

  it("lets an unknown cas either take effect or not", () => {
    const base = [put(1, "a", "x", 0, 1), lost(cas(2, "a", "x", "y", true, 2, 3))];
    expect(outcome([...base, get(3, "a", "y", 10, 11)])).toBe("ok");
    expect(outcome([...base, get(3, "a", "x", 10, 11)])).toBe("ok");
    // If the value did not match when it ran, it cannot have swapped.
    const mismatch = [put(1, "a", "x", 0, 1), lost(cas(2, "a", "q", "y", true, 2, 3))];
    expect(outcome([...mismatch, get(3, "a", "y", 10, 11)])).toBe("illegal");
  });

  it("checks keys independently and reports the failing partition", () => {
    const ops = [
      put(1, "a", "1", 0, 1),
      put(1, "b", "1", 0, 1),
      get(2, "a", "1", 2, 3),
      put(1, "b", "2", 4, 5),
      get(2, "b", "1", 6, 7), // stale
      get(2, "a", "1", 6, 7),
    ];
    const result = check(ops);
    expect(result.outcome).toBe("illegal");
    if (result.outcome !== "illegal") return;
    expect(result.partition).toBe(1);
    expect(result.operations.every((op) => op.input.key === "b")).toBe(true);
    expect(result.operations).toHaveLength(3);
    // Without the stale read of b, both keys are fine; a value of key b never leaks into key a.
    expect(outcome(ops.filter((_, i) => i !== 4))).toBe("ok");
    expect(outcome([put(1, "a", "1", 0, 1), get(2, "b", "1", 2, 3)])).toBe("illegal");
  });

  it("does not depend on the order operations are listed in", () => {
    const ops = [put(1, "a", "x", 0, 3), put(1, "a", "y", 4, 7), get(2, "a", "x", 8, 9)];
    expect(outcome([...ops].reverse())).toBe("illegal");
    expect(outcome([get(2, "a", "y", 8, 9), put(1, "a", "y", 4, 7), put(1, "a", "x", 0, 3)])).toBe("ok");
  });

  it("rejects malformed times", () => {
    expect(() => check([put(1, "a", "x", 5, 4)])).toThrow(LinearizabilityError);
    expect(() => check([put(1, "a", "x", Number.NaN, 4)])).toThrow(LinearizabilityError);
  });
});

describe("checkOperations with a custom model", () => {
  // A counter with increments that return the new value: checks the generic path (no partition).
  const counter = {
    init: () => 0,
    step: (s: number, _input: "inc", output: number | null) =>
      output === null || output === s + 1 ? s + 1 : undefined,
    stateKey: (s: number) => String(s),
  };
  const inc = (clientId: number, value: number | null, call: number, ret: number) => ({
    clientId,
    input: "inc" as const,
    call,
    output: value,
    return: value === null ? Infinity : ret,
  });

  it("accepts concurrent increments in either order and rejects a duplicate result", () => {
    expect(checkOperations(counter, [inc(1, 2, 0, 10), inc(2, 1, 0, 10)]).outcome).toBe("ok");
    expect(checkOperations(counter, [inc(1, 1, 0, 10), inc(2, 1, 0, 10)]).outcome).toBe("illegal");
    // An increment with an unknown outcome may have happened in between.
    expect(checkOperations(counter, [inc(1, 1, 0, 1), inc(3, null, 2, 3), inc(2, 3, 4, 5)]).outcome).toBe(
      "ok",
    );
    expect(checkOperations(counter, [inc(1, 1, 0, 1), inc(2, 3, 4, 5)]).outcome).toBe("illegal");
  });

  it("uses JSON in messages when the model has no describeOperation", () => {
    const result = checkOperations(counter, [inc(1, 1, 0, 10), inc(2, 1, 0, 10)]);
    expect(result.outcome === "illegal" && result.message).toContain('client 2: "inc" -> 1  [0, 10]');
  });
});
