import { describe, expect, it } from "vitest";
import { b, Harness, str } from "./helpers.js";

describe("leases", () => {
  it("grant assigns ids deterministically, refuses duplicates, lists leases", () => {
    const h = new Harness();
    expect(h.grant(0)).toBe(1);
    expect(h.grant(10, 30)).toBe(10);
    expect(h.grant(0)).toBe(11);
    expect(h.fails({ type: "leaseGrant", id: 10, ttl: 5 })).toBe("LeaseExists");
    expect(h.fails({ type: "leaseGrant", id: 12, ttl: 0 })).toBe("InvalidTtl");
    expect(h.store.leases().map((l) => [l.id, l.ttl])).toEqual([
      [1, 10],
      [10, 30],
      [11, 10],
    ]);
    expect(h.store.revision).toBe(1); // leases alone take no revision
  });

  it("attaches keys and revoke deletes them all in one revision", () => {
    const h = new Harness();
    const l = h.grant(0);
    h.put("b", "1", { lease: l }); // 2
    h.put("a", "1", { lease: l }); // 3
    h.put("c", "1"); // 4
    expect(h.store.leases()[0]!.keys.map(str)).toEqual(["a", "b"]);
    const r = h.apply({ type: "leaseRevoke", id: l });
    expect(r.ok && r.response).toEqual({ type: "leaseRevoke", id: l, deleted: 2 });
    expect(r.revision).toBe(5);
    expect(r.events.map((e) => `${e.type} ${str(e.kv.key)} ${e.kv.modRevision}`)).toEqual([
      "DELETE a 5",
      "DELETE b 5",
    ]);
    expect(h.get("a")).toBeUndefined();
    expect(str(h.get("c")!.value)).toBe("1");
    expect(h.store.leases()).toEqual([]);
    expect(h.fails({ type: "leaseRevoke", id: l })).toBe("LeaseNotFound");
  });

  it("a put moves a key between leases, and a delete detaches it", () => {
    const h = new Harness();
    const l1 = h.grant(0);
    const l2 = h.grant(0);
    h.put("k", "1", { lease: l1 });
    h.put("k", "2", { lease: l2 });
    h.put("j", "1", { lease: l1 });
    h.del("j");
    const leases = h.store.leases();
    expect(leases.map((l) => l.keys.map(str))).toEqual([[], ["k"]]);
    h.put("k", "3"); // no lease: detached
    expect(h.store.leases()[1]!.keys).toEqual([]);
    const r = h.apply({ type: "leaseRevoke", id: l2 });
    expect(r.ok && r.response).toEqual({ type: "leaseRevoke", id: l2, deleted: 0 });
    expect(str(h.get("k")!.value)).toBe("3");
  });

  it("a put with an unknown lease fails and changes nothing", () => {
    const h = new Harness();
    expect(h.fails({ type: "put", request: { key: b("a"), value: b("1"), lease: 42 } })).toBe(
      "LeaseNotFound",
    );
    expect(h.store.revision).toBe(1);
    expect(h.get("a")).toBeUndefined();
  });
});
