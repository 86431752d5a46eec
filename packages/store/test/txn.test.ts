import type { Compare, RequestOp } from "@tskube/store";
import { describe, expect, it } from "vitest";
import { b, Harness, str } from "./helpers.js";

const put = (key: string, value: string): RequestOp => ({
  type: "put",
  request: { key: b(key), value: b(value) },
});
const get = (key: string): RequestOp => ({ type: "range", request: { key: b(key) } });
const del = (key: string, rangeEnd?: string): RequestOp => ({
  type: "deleteRange",
  request: rangeEnd === undefined ? { key: b(key) } : { key: b(key), rangeEnd: b(rangeEnd) },
});

describe("txn", () => {
  const setup = () => {
    const h = new Harness();
    const lease = h.grant(5);
    h.put("k", "v1"); // 2
    h.put("k", "v2", { lease }); // 3
    return { h, lease };
  };
  const check = (h: Harness, c: Compare) => h.txn({ compare: [c], success: [], failure: [] }).succeeded;

  it("compares each target of an existing key", () => {
    const { h, lease } = setup();
    const key = b("k");
    expect(check(h, { key, target: "value", result: "=", value: b("v2") })).toBe(true);
    expect(check(h, { key, target: "value", result: "<", value: b("v3") })).toBe(true);
    expect(check(h, { key, target: "value", result: ">", value: b("v3") })).toBe(false);
    expect(check(h, { key, target: "version", result: "=", value: 2 })).toBe(true);
    expect(check(h, { key, target: "version", result: "!=", value: 2 })).toBe(false);
    expect(check(h, { key, target: "createRevision", result: "=", value: 2 })).toBe(true);
    expect(check(h, { key, target: "modRevision", result: "=", value: 3 })).toBe(true);
    expect(check(h, { key, target: "modRevision", result: "<", value: 3 })).toBe(false);
    expect(check(h, { key, target: "modRevision", result: ">", value: 2 })).toBe(true);
    expect(check(h, { key, target: "lease", result: "=", value: lease })).toBe(true);
  });

  it("compares a missing key against zero values, and a value compare on it fails", () => {
    const { h } = setup();
    const key = b("missing");
    expect(check(h, { key, target: "version", result: "=", value: 0 })).toBe(true);
    expect(check(h, { key, target: "createRevision", result: "=", value: 0 })).toBe(true);
    expect(check(h, { key, target: "modRevision", result: "<", value: 1 })).toBe(true);
    expect(check(h, { key, target: "lease", result: "=", value: 0 })).toBe(true);
    expect(check(h, { key, target: "value", result: "=", value: b("") })).toBe(false);
    expect(check(h, { key, target: "value", result: "!=", value: b("x") })).toBe(false);
  });

  it("a range compare must hold for every key in the range", () => {
    const h = new Harness();
    h.put("p/a", "1");
    h.put("p/b", "1");
    h.put("p/b", "2");
    const c = (v: number): Compare => ({
      key: b("p/"),
      rangeEnd: b("p0"),
      target: "version",
      result: "<",
      value: v,
    });
    expect(h.txn({ compare: [c(2)], success: [], failure: [] }).succeeded).toBe(false);
    expect(h.txn({ compare: [c(3)], success: [], failure: [] }).succeeded).toBe(true);
  });

  it("create-if-absent: the classic compare createRevision = 0", () => {
    const h = new Harness();
    const txn = () =>
      h.txn({
        compare: [{ key: b("lock"), target: "createRevision", result: "=", value: 0 }],
        success: [put("lock", "me")],
        failure: [get("lock")],
      });
    const first = txn();
    expect(first.succeeded).toBe(true);
    const second = txn();
    expect(second.succeeded).toBe(false);
    const r = second.responses[0]!;
    expect(r.type === "range" && str(r.response.kvs[0]!.value)).toBe("me");
  });

  it("is one revision with its events ordered by sub-revision", () => {
    const h = new Harness();
    h.put("c", "0"); // 2
    const r = h.apply({
      type: "txn",
      request: { compare: [], success: [put("b", "1"), put("a", "1"), del("c"), get("a")], failure: [] },
    });
    expect(r.revision).toBe(3);
    expect(r.events.map((e) => `${e.type} ${str(e.kv.key)} ${e.kv.modRevision}`)).toEqual([
      "PUT b 3",
      "PUT a 3",
      "DELETE c 3",
    ]);
    // The range inside the txn saw the txn's own put.
    const resp = r.ok && r.response.type === "txn" ? r.response.response.responses[3] : undefined;
    expect(resp?.type === "range" && resp.response.kvs[0]!.modRevision).toBe(3);
  });

  it("a txn that only reads takes no revision", () => {
    const h = new Harness();
    h.put("a", "1");
    const r = h.apply({ type: "txn", request: { compare: [], success: [get("a")], failure: [] } });
    expect(r.revision).toBe(2);
  });

  it("runs nested txns, their compares evaluated against the state before the txn", () => {
    const h = new Harness();
    h.put("a", "1"); // 2
    const res = h.txn({
      compare: [{ key: b("a"), target: "version", result: "=", value: 1 }],
      success: [
        put("b", "x"),
        {
          type: "txn",
          request: {
            // b did not exist before the txn, so this compare fails even though the put above ran first.
            compare: [{ key: b("b"), target: "version", result: "=", value: 1 }],
            success: [put("c", "yes")],
            failure: [put("c", "no")],
          },
        },
      ],
      failure: [],
    });
    expect(res.succeeded).toBe(true);
    const nested = res.responses[1]!;
    expect(nested.type === "txn" && nested.response.succeeded).toBe(false);
    expect(str(h.get("c")!.value)).toBe("no");
    expect(h.store.revision).toBe(3);
  });

  it("refuses a key put twice, or put inside a deleted range, before changing anything", () => {
    const h = new Harness();
    h.put("a", "0");
    const dup = (success: RequestOp[]) =>
      h.fails({ type: "txn", request: { compare: [], success, failure: [] } });
    expect(dup([put("a", "1"), put("a", "2")])).toBe("DuplicateKey");
    expect(dup([del("a", "b"), put("ab", "2")])).toBe("DuplicateKey");
    expect(
      dup([put("x", "1"), { type: "txn", request: { compare: [], success: [], failure: [put("x", "2")] } }]),
    ).toBe("DuplicateKey");
    // The same key in the two branches is fine (only one runs), and so are overlapping deletes.
    expect(h.txn({ compare: [], success: [put("a", "1")], failure: [put("a", "2")] }).succeeded).toBe(true);
    expect(h.txn({ compare: [], success: [del("a", "z"), del("a")], failure: [] }).succeeded).toBe(true);
    expect(h.store.revision).toBe(4);
  });

  it("a failing op check (unknown lease) aborts the whole txn", () => {
    const h = new Harness();
    const r = h.apply({
      type: "txn",
      request: {
        compare: [],
        success: [put("a", "1"), { type: "put", request: { key: b("b"), value: b("1"), lease: 99 } }],
        failure: [],
      },
    });
    expect(!r.ok && r.error.code).toBe("LeaseNotFound");
    expect(h.get("a")).toBeUndefined();
    expect(h.store.revision).toBe(1);
  });

  it("refuses more than 128 ops in a branch", () => {
    const h = new Harness();
    const ops = Array.from({ length: 129 }, (_, i) => put(`k${i}`, "v"));
    expect(h.fails({ type: "txn", request: { compare: [], success: ops, failure: [] } })).toBe("TooManyOps");
    expect(h.txn({ compare: [], success: ops.slice(0, 128), failure: [] }).succeeded).toBe(true);
  });
});
