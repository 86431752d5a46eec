import { MvccStore, prefixEnd } from "@tskube/store";
import { describe, expect, it } from "vitest";
import { b, codeOf, Harness, str } from "./helpers.js";

describe("revisions and versions", () => {
  it("starts at revision 1 and bumps once per changing request", () => {
    const h = new Harness();
    expect(h.store.revision).toBe(1);
    h.put("a", "1");
    expect(h.store.revision).toBe(2);
    expect(h.get("a")).toMatchObject({ createRevision: 2, modRevision: 2, version: 1, lease: 0 });
    h.put("a", "2");
    expect(h.get("a")).toMatchObject({ createRevision: 2, modRevision: 3, version: 2 });
    expect(str(h.get("a")!.value)).toBe("2");
  });

  it("delete removes the key and recreate starts a new generation", () => {
    const h = new Harness();
    h.put("a", "1"); // 2
    h.put("a", "2"); // 3
    expect(h.del("a").deleted).toBe(1); // 4
    expect(h.store.revision).toBe(4);
    expect(h.get("a")).toBeUndefined();
    h.put("a", "3"); // 5
    expect(h.get("a")).toMatchObject({ createRevision: 5, modRevision: 5, version: 1 });
  });

  it("a delete of nothing does not take a revision", () => {
    const h = new Harness();
    h.put("a", "1");
    const r = h.apply({ type: "deleteRange", request: { key: b("zzz") } });
    expect(r.ok && r.response).toEqual({ type: "deleteRange", response: { deleted: 0, prevKvs: [] } });
    expect(r.revision).toBe(2);
    expect(r.events).toEqual([]);
  });

  it("reads at past revisions see the state of then", () => {
    const h = new Harness();
    h.put("a", "1"); // 2
    h.put("a", "2"); // 3
    h.del("a"); // 4
    h.put("a", "3"); // 5
    expect(h.get("a", 1)).toBeUndefined();
    expect(str(h.get("a", 2)!.value)).toBe("1");
    expect(str(h.get("a", 3)!.value)).toBe("2");
    expect(h.get("a", 4)).toBeUndefined();
    expect(h.get("a", 5)).toMatchObject({ createRevision: 5, version: 1 });
    expect(codeOf(() => h.get("a", 6))).toBe("FutureRevision");
  });

  it("put and delete return prevKv when asked", () => {
    const h = new Harness();
    expect(h.put("a", "1", { prevKv: true })).toEqual({});
    const p = h.put("a", "2", { prevKv: true });
    expect(str(p.prevKv!.value)).toBe("1");
    expect(h.put("a", "3")).toEqual({});
    const d = h.del("a", undefined, true);
    expect(d.prevKvs.map((kv) => str(kv.value))).toEqual(["3"]);
  });

  it("ignoreValue and ignoreLease keep the current ones and need an existing key", () => {
    const h = new Harness();
    const lease = h.grant(7);
    h.put("a", "v", { lease });
    h.put("a", "", { ignoreValue: true });
    expect(h.get("a")).toMatchObject({ version: 2, lease: 0 });
    expect(str(h.get("a")!.value)).toBe("v");
    h.put("a", "w", { lease });
    h.put("a", "x", { ignoreLease: true });
    expect(h.get("a")).toMatchObject({ version: 4, lease });
    expect(h.fails({ type: "put", request: { key: b("new"), value: b(""), ignoreValue: true } })).toBe(
      "KeyNotFound",
    );
    expect(h.fails({ type: "put", request: { key: b("a"), value: b("y"), ignoreValue: true } })).toBe(
      "ValueProvided",
    );
    expect(h.fails({ type: "put", request: { key: b("a"), value: b("y"), ignoreLease: true, lease } })).toBe(
      "LeaseProvided",
    );
  });

  it("the store keeps its own copy of keys and values", () => {
    const h = new Harness();
    const key = b("k");
    const value = b("v");
    h.apply({ type: "put", request: { key, value } });
    key[0] = 0x41;
    value[0] = 0x41;
    expect(str(h.get("k")!.value)).toBe("v");
  });

  it("refuses a log index it already applied", () => {
    const s = new MvccStore();
    expect(s.apply({ type: "put", request: { key: b("a"), value: b("1") } }, { index: 5 }).ok).toBe(true);
    const again = s.apply({ type: "put", request: { key: b("a"), value: b("1") } }, { index: 5 });
    expect(again.ok).toBe(false);
    expect(!again.ok && again.error.code).toBe("AlreadyApplied");
    expect(s.revision).toBe(2);
    expect(s.appliedIndex).toBe(5);
  });
});

describe("ranges", () => {
  const fill = () => {
    const h = new Harness();
    for (const k of ["a", "ab", "abc", "abd", "b", "c"]) h.put(k, `v-${k}`);
    return h;
  };

  it("single key, prefix and from-key ranges", () => {
    const h = fill();
    expect(h.keys({ key: b("ab") })).toEqual(["ab"]);
    expect(h.keys({ key: b("ab"), rangeEnd: prefixEnd(b("ab")) })).toEqual(["ab", "abc", "abd"]);
    expect(h.keys({ key: b("abc"), rangeEnd: b("b") })).toEqual(["abc", "abd"]);
    expect(h.keys({ key: b("abd"), rangeEnd: new Uint8Array([0]) })).toEqual(["abd", "b", "c"]);
    expect(h.keys({ key: new Uint8Array([0]), rangeEnd: new Uint8Array([0]) })).toHaveLength(6);
  });

  it("compares keys bytewise, not as UTF-16 or locale strings", () => {
    const h = new Harness();
    h.ok({ type: "put", request: { key: new Uint8Array([0xff]), value: b("") } });
    h.ok({ type: "put", request: { key: new Uint8Array([0x7f]), value: b("") } });
    h.ok({ type: "put", request: { key: new Uint8Array([0xc3, 0xa9]), value: b("") } });
    const all = h.store.range({ key: new Uint8Array([0]), rangeEnd: new Uint8Array([0]) }).kvs;
    expect(all.map((kv) => [...kv.key])).toEqual([[0x7f], [0xc3, 0xa9], [0xff]]);
    expect(prefixEnd(new Uint8Array([0x61, 0xff]))).toEqual(new Uint8Array([0x62]));
    expect(prefixEnd(new Uint8Array([0xff]))).toEqual(new Uint8Array([0]));
  });

  it("limit, count and more", () => {
    const h = fill();
    const r = h.store.range({ key: b("a"), rangeEnd: b("z"), limit: 2 });
    expect(r.kvs.map((kv) => str(kv.key))).toEqual(["a", "ab"]);
    expect(r.count).toBe(6);
    expect(r.more).toBe(true);
    const all = h.store.range({ key: b("a"), rangeEnd: b("z"), limit: 6 });
    expect(all.more).toBe(false);
    const c = h.store.range({ key: b("a"), rangeEnd: b("z"), countOnly: true });
    expect(c).toEqual({ kvs: [], count: 6, more: false });
    const k = h.store.range({ key: b("a"), keysOnly: true });
    expect(k.kvs[0]!.value).toEqual(new Uint8Array(0));
  });

  it("counts at a past revision", () => {
    const h = fill(); // revisions 2..7
    h.del("a", "b"); // 8
    expect(h.store.range({ key: b("a"), rangeEnd: b("z"), countOnly: true }).count).toBe(2);
    expect(h.store.range({ key: b("a"), rangeEnd: b("z"), countOnly: true, revision: 7 }).count).toBe(6);
    expect(h.store.range({ key: b("a"), rangeEnd: b("z"), countOnly: true, revision: 3 }).count).toBe(2);
  });

  it("sorts by a target, descending, with the limit after sorting", () => {
    const h = new Harness();
    h.put("x", "3");
    h.put("y", "1");
    h.put("z", "2");
    h.put("y", "4");
    const all = { key: b("a"), rangeEnd: b("zz") };
    expect(h.keys({ ...all, sortOrder: "descend" })).toEqual(["z", "y", "x"]);
    expect(h.keys({ ...all, sortTarget: "value" })).toEqual(["z", "x", "y"]);
    expect(h.keys({ ...all, sortTarget: "modRevision", sortOrder: "descend", limit: 1 })).toEqual(["y"]);
    expect(h.keys({ ...all, sortTarget: "version", sortOrder: "descend" })).toEqual(["y", "x", "z"]);
    expect(h.keys({ ...all, sortTarget: "createRevision", sortOrder: "ascend" })).toEqual(["x", "y", "z"]);
  });

  it("an empty key is refused", () => {
    const h = new Harness();
    expect(codeOf(() => h.store.range({ key: new Uint8Array(0) }))).toBe("EmptyKey");
  });
});
