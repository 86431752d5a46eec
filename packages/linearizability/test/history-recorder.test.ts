import { describe, expect, it } from "vitest";
import {
  checkOperations,
  HistoryRecorder,
  type KvInput,
  type KvOutput,
  kvModel,
  LinearizabilityError,
} from "../src/index.js";

describe("HistoryRecorder", () => {
  it("records answered, lost, failed and unanswered operations", () => {
    const h = new HistoryRecorder<KvInput, KvOutput>();
    const a = h.invoke(1, { kind: "put", key: "k", value: "x" }, 0);
    const b = h.invoke(2, { kind: "put", key: "k", value: "y" }, 1);
    const c = h.invoke(3, { kind: "put", key: "k", value: "z" }, 2);
    const d = h.invoke(4, { kind: "get", key: "k" }, 3);
    h.ok(a, { kind: "put" }, 5);
    h.unknown(b);
    h.fail(c);
    expect(d).toBe(3);
    expect(h.operations()).toEqual([
      {
        clientId: 1,
        input: { kind: "put", key: "k", value: "x" },
        call: 0,
        output: { kind: "put" },
        return: 5,
      },
      { clientId: 2, input: { kind: "put", key: "k", value: "y" }, call: 1, output: null, return: Infinity },
      // c failed: dropped. d was never answered: unknown.
      { clientId: 4, input: { kind: "get", key: "k" }, call: 3, output: null, return: Infinity },
    ]);
  });

  it("feeds the checker: a failed write must not explain a read", () => {
    const h = new HistoryRecorder<KvInput, KvOutput>();
    const w = h.invoke(1, { kind: "put", key: "k", value: "x" }, 0);
    h.fail(w);
    const r = h.invoke(2, { kind: "get", key: "k" }, 10);
    h.ok(r, { kind: "get", value: "x" }, 11);
    expect(checkOperations(kvModel, h.operations()).outcome).toBe("illegal");
  });

  it("throws on misuse", () => {
    const h = new HistoryRecorder<KvInput, KvOutput>();
    const a = h.invoke(1, { kind: "get", key: "k" }, 5);
    expect(() => h.ok(a, { kind: "get", value: null }, 4)).toThrow(LinearizabilityError);
    h.ok(a, { kind: "get", value: null }, 6);
    expect(() => h.ok(a, { kind: "get", value: null }, 7)).toThrow(/already completed/);
    expect(() => h.unknown(a)).toThrow(LinearizabilityError);
    expect(() => h.fail(a)).toThrow(LinearizabilityError);
    expect(() => h.ok(42, { kind: "get", value: null }, 7)).toThrow(/no such operation/);
    expect(() => h.invoke(1, { kind: "get", key: "k" }, Number.NaN)).toThrow(LinearizabilityError);
  });
});
