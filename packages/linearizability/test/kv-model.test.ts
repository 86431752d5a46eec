import { describe, expect, it } from "vitest";
import { type KvInput, type KvOutput, type KvState, kvModel } from "../src/index.js";
import { get, put } from "./helpers.js";

const run = (inputs: [KvInput, KvOutput | null][]): KvState | undefined => {
  let state: KvState | undefined = kvModel.init();
  for (const [input, output] of inputs) {
    if (state === undefined) return undefined;
    state = kvModel.step(state, input, output);
  }
  return state;
};

describe("kvModel", () => {
  it("reads nil for absent keys and the last written value otherwise", () => {
    const s = run([[{ kind: "put", key: "a", value: "x" }, { kind: "put" }]])!;
    expect(kvModel.step(s, { kind: "get", key: "a" }, { kind: "get", value: "x" })).toBe(s);
    expect(kvModel.step(s, { kind: "get", key: "a" }, { kind: "get", value: null })).toBeUndefined();
    expect(kvModel.step(s, { kind: "get", key: "b" }, { kind: "get", value: null })).toBe(s);
  });

  it("never mutates a state it was given", () => {
    const s = kvModel.init();
    kvModel.step(s, { kind: "put", key: "a", value: "x" }, { kind: "put" });
    expect(kvModel.stateKey(s)).toBe(kvModel.stateKey(kvModel.init()));
  });

  it("rejects an output of the wrong kind", () => {
    expect(
      kvModel.step(kvModel.init(), { kind: "put", key: "a", value: "x" }, { kind: "delete" }),
    ).toBeUndefined();
  });

  it("gives equal states equal keys and different states different keys", () => {
    const ab = run([
      [{ kind: "put", key: "a", value: "1" }, null],
      [{ kind: "put", key: "b", value: "2" }, null],
    ])!;
    const ba = run([
      [{ kind: "put", key: "b", value: "2" }, null],
      [{ kind: "put", key: "a", value: "1" }, null],
    ])!;
    expect(kvModel.stateKey(ab)).toBe(kvModel.stateKey(ba));
    // Values chosen so that naive concatenation would collide.
    const tricky1 = run([[{ kind: "put", key: "a", value: "1b2" }, null]])!;
    expect(kvModel.stateKey(tricky1)).not.toBe(kvModel.stateKey(ab));
    const deleted = run([
      [{ kind: "put", key: "a", value: "1" }, null],
      [{ kind: "delete", key: "a" }, null],
    ])!;
    expect(kvModel.stateKey(deleted)).toBe(kvModel.stateKey(kvModel.init()));
  });

  it("partitions by key, keeping each key's operations in order", () => {
    const ops = [put(1, "a", "x", 0, 1), put(1, "b", "y", 0, 1), get(2, "a", "x", 2, 3)];
    expect(kvModel.partition!(ops)).toEqual([[ops[0], ops[2]], [ops[1]]]);
  });

  it("describes operations for failure messages", () => {
    const d = kvModel.describeOperation!;
    expect(d({ kind: "put", key: "a", value: "x" }, { kind: "put" })).toBe('put "a" = "x"');
    expect(d({ kind: "get", key: "a" }, { kind: "get", value: null })).toBe('get "a" -> nil');
    expect(d({ kind: "get", key: "a" }, null)).toBe('get "a" -> ?');
    expect(d({ kind: "cas", key: "a", expected: null, value: "x" }, { kind: "cas", ok: false })).toBe(
      'cas "a" nil => "x" -> failed',
    );
    expect(d({ kind: "delete", key: "a" }, null)).toBe('delete "a" -> ?');
  });
});
