import { describe, expect, it } from "vitest";
import { b, codeOf, Harness, str } from "./helpers.js";

describe("compaction", () => {
  const history = () => {
    const h = new Harness();
    h.put("a", "1"); // 2
    h.put("a", "2"); // 3
    h.put("b", "1"); // 4
    h.del("b"); // 5
    h.put("a", "3"); // 6
    return h;
  };

  it("reads below the compact revision fail, reads at or above it still work", () => {
    const h = history();
    const r = h.ok({ type: "compact", revision: 4 });
    expect(r).toEqual({ type: "compact", compactRevision: 4 });
    expect(h.store.revision).toBe(6); // compaction takes no revision
    expect(codeOf(() => h.get("a", 3))).toBe("Compacted");
    expect(str(h.get("a", 4)!.value)).toBe("2");
    expect(str(h.get("b", 4)!.value)).toBe("1");
    expect(h.get("b", 5)).toBeUndefined();
    expect(str(h.get("a", 6)!.value)).toBe("3");
    expect(str(h.get("a")!.value)).toBe("3");
  });

  it("keeps versions and create revisions of surviving keys", () => {
    const h = history();
    h.ok({ type: "compact", revision: 6 });
    expect(h.get("a")).toMatchObject({ createRevision: 2, modRevision: 6, version: 3 });
    h.put("a", "4");
    expect(h.get("a")).toMatchObject({ createRevision: 2, version: 4 });
  });

  it("refuses a revision at or below the last compaction, or in the future", () => {
    const h = history();
    expect(h.fails({ type: "compact", revision: 7 })).toBe("FutureRevision");
    h.ok({ type: "compact", revision: 3 });
    expect(h.fails({ type: "compact", revision: 3 })).toBe("Compacted");
    expect(h.fails({ type: "compact", revision: 2 })).toBe("Compacted");
    h.ok({ type: "compact", revision: 6 });
    expect(h.store.compactRevision).toBe(6);
  });

  it("the store's approximate size counts kept history and shrinks when compaction drops it", () => {
    const h = new Harness();
    expect(h.store.approximateBytes()).toBe(0);
    h.put("key", "value"); // 3 + 5 + 32 per kept record
    expect(h.store.approximateBytes()).toBe(40);
    h.put("key", "v2");
    expect(h.store.approximateBytes()).toBe(3 + 37 + 34);
    h.ok({ type: "compact", revision: h.store.revision });
    expect(h.store.approximateBytes()).toBe(3 + 34);
  });

  it("frees the history of deleted keys", () => {
    const h = new Harness();
    for (let i = 0; i < 50; i++) h.put(`k${i}`, "x");
    h.del("k", "l");
    h.put("keep", "1");
    const before = h.store.exportState().keys.length;
    h.ok({ type: "compact", revision: h.store.revision });
    const after = h.store.exportState().keys;
    expect(before).toBe(51);
    expect(after.map((k) => k.key)).toEqual(["keep"]);
    expect(after[0]!.records).toHaveLength(1);
  });

  it("a txn range at a compacted revision fails the txn before it writes", () => {
    const h = history();
    h.ok({ type: "compact", revision: 5 });
    const code = h.fails({
      type: "txn",
      request: {
        compare: [],
        success: [
          { type: "put", request: { key: b("z"), value: b("1") } },
          { type: "range", request: { key: b("a"), revision: 2 } },
        ],
        failure: [],
      },
    });
    expect(code).toBe("Compacted");
    expect(h.get("z")).toBeUndefined();
  });
});
