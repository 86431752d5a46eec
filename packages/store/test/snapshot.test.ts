import { decodeSnapshot, encodeSnapshot, MvccStore, type StoreCommand } from "@tskube/store";
import { describe, expect, it } from "vitest";
import { b, codeOf, Harness, str } from "./helpers.js";

/** A seeded workload touching every command kind, including ones that fail. */
function workload(seed: number, n: number): StoreCommand[] {
  let s = seed;
  const rand = (m: number) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s % m;
  };
  const out: StoreCommand[] = [];
  let rev = 1;
  for (let i = 0; i < n; i++) {
    const key = b(`key/${rand(20)}`);
    switch (rand(7)) {
      case 0:
      case 1:
        out.push({
          type: "put",
          request: { key, value: b(`v${i}`.repeat(rand(5))), lease: rand(3) === 0 ? rand(4) : 0 },
        });
        rev++;
        break;
      case 2:
        out.push({ type: "deleteRange", request: { key, rangeEnd: b(`key/${rand(20)}z`) } });
        break;
      case 3:
        out.push({
          type: "txn",
          request: {
            compare: [{ key, target: "version", result: ">", value: rand(3) }],
            success: [{ type: "put", request: { key, value: b("t") } }],
            failure: [
              { type: "deleteRange", request: { key } },
              { type: "range", request: { key: b("key/"), rangeEnd: b("key0") } },
            ],
          },
        });
        break;
      case 4:
        out.push({ type: "leaseGrant", id: 0, ttl: 1 + rand(30) });
        break;
      case 5:
        out.push({ type: "leaseRevoke", id: 1 + rand(4) });
        break;
      case 6:
        out.push({ type: "compact", revision: Math.max(1, rev - rand(10)) });
        break;
    }
  }
  return out;
}

function run(commands: StoreCommand[]): MvccStore {
  const s = new MvccStore();
  commands.forEach((c, i) => {
    s.apply(c, { index: i + 1 });
  });
  return s;
}

describe("determinism and snapshots", () => {
  it("two stores applying the same commands end with the same hash; different ones differ", () => {
    const cmds = workload(42, 400);
    const a = run(cmds);
    const c = run(cmds);
    expect(a.hash()).toBe(c.hash());
    expect(a.revision).toBeGreaterThan(20);
    expect(a.compactRevision).toBeGreaterThan(1);
    const d = run(cmds.slice(0, 399));
    expect(d.hash()).not.toBe(a.hash());
  });

  it("round-trips the whole state: same hash, same reads, same behaviour afterwards", () => {
    const cmds = workload(9, 500);
    const a = run(cmds.slice(0, 400));
    const bytes = encodeSnapshot(a);
    const r = MvccStore.restore(bytes);
    expect(r.hash()).toBe(a.hash());
    expect(encodeSnapshot(r)).toEqual(bytes);
    expect(r.revision).toBe(a.revision);
    expect(r.compactRevision).toBe(a.compactRevision);
    expect(r.appliedIndex).toBe(400);
    expect(r.leases()).toEqual(a.leases());
    const all = { key: b("key/"), rangeEnd: b("key0") };
    expect(r.range(all)).toEqual(a.range(all));
    const past = { ...all, revision: Math.max(a.compactRevision, a.revision - 3) };
    expect(r.range(past)).toEqual(a.range(past));
    cmds.slice(400).forEach((c, i) => {
      const ra = a.apply(c, { index: 401 + i });
      const rr = r.apply(c, { index: 401 + i });
      expect(rr).toEqual(ra);
    });
    expect(r.hash()).toBe(a.hash());
  });

  it("keeps history and lease attachments", () => {
    const h = new Harness();
    const l = h.grant(0, 60);
    h.put("a", "1", { lease: l });
    h.put("a", "2", { lease: l });
    h.put("b", "x");
    h.del("b");
    const r = new Harness(MvccStore.restore(encodeSnapshot(h.store)));
    expect(str(r.get("a", 2)!.value)).toBe("1");
    expect(r.store.leases()).toEqual([{ id: l, ttl: 60, keys: [b("a")] }]);
    expect(r.store.eventsBetween(2, 5, b("a"), b("c")).map((e) => e.type)).toEqual([
      "PUT",
      "PUT",
      "PUT",
      "DELETE",
    ]);
    const revoke = r.apply({ type: "leaseRevoke", id: l });
    expect(revoke.events.map((e) => str(e.kv.key))).toEqual(["a"]);
  });

  it("rejects malformed snapshot bytes with BadEncoding", () => {
    const bytes = encodeSnapshot(run(workload(3, 50)));
    expect(codeOf(() => decodeSnapshot(bytes.subarray(0, bytes.length - 1)))).toBe("BadEncoding");
    expect(codeOf(() => decodeSnapshot(new Uint8Array([1, 2, 3])))).toBe("BadEncoding");
    expect(codeOf(() => decodeSnapshot(new Uint8Array([...bytes, 0])))).toBe("BadEncoding");
  });
});
