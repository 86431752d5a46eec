import { describe, expect, it } from "vitest";
import { decodeAppSnapshot, encodeAppSnapshot } from "../src/app-snapshot.js";
import { Invariants } from "../src/invariants.js";
import type { KvWrite } from "../src/kv-command.js";
import { decodeCommand, decodeMvccCompact, encodeCommand, encodeMvccCompact } from "../src/kv-command.js";
import { MvccReplica, toStoreCommand } from "../src/mvcc-replica.js";

function casOk(r: ReturnType<MvccReplica["apply"]>): boolean {
  if (!r.ok || r.response.type !== "txn") throw new Error(`not a txn result: ${JSON.stringify(r)}`);
  return r.response.response.succeeded;
}

describe("MvccReplica", () => {
  it("translates puts, deletes and compare-and-swaps like the KV state machine means them", () => {
    const m = MvccReplica.empty();
    let index = 0;
    const apply = (op: KvWrite) => m.apply(toStoreCommand(op), ++index);
    expect(casOk(apply({ kind: "cas", key: "k", expected: "x", value: "a" }))).toBe(false);
    expect(casOk(apply({ kind: "cas", key: "k", expected: null, value: "a" }))).toBe(true);
    expect(casOk(apply({ kind: "cas", key: "k", expected: null, value: "b" }))).toBe(false);
    expect(casOk(apply({ kind: "cas", key: "k", expected: "a", value: "b" }))).toBe(true);
    expect(apply({ kind: "put", key: "k", value: "c" }).ok).toBe(true);
    expect(apply({ kind: "delete", key: "k" }).ok).toBe(true);
    expect(casOk(apply({ kind: "cas", key: "k", expected: "c", value: "d" }))).toBe(false);
    expect(casOk(apply({ kind: "cas", key: "k", expected: null, value: "d" }))).toBe(true);
    // put a, cas→b, put c, delete, put d: five revisions on top of the empty store's 1.
    expect(m.revision).toBe(6);
    expect(m.apply({ type: "compact", revision: 4 }, ++index).ok).toBe(true);
    expect(m.compactRevision).toBe(4);
  });

  it("a restored snapshot hashes like its source, and two replicas of one log agree", () => {
    const a = MvccReplica.empty();
    const b = MvccReplica.empty();
    const ops: KvWrite[] = [
      { kind: "put", key: "k1", value: "v1" },
      { kind: "put", key: "k2", value: "v2" },
      { kind: "delete", key: "k1" },
      { kind: "cas", key: "k2", expected: "v2", value: "v3" },
    ];
    ops.forEach((op, i) => {
      a.apply(toStoreCommand(op), i + 2);
      b.apply(toStoreCommand(op), i + 2);
    });
    expect(b.hash()).toBe(a.hash());
    const restored = MvccReplica.restore(a.encode());
    expect(restored.hash()).toBe(a.hash());
    b.apply(toStoreCommand({ kind: "put", key: "k3", value: "x" }), 10);
    expect(b.hash()).not.toBe(a.hash());
  });

  it("the app snapshot frames the KV bytes and the MVCC bytes", () => {
    const kv = new TextEncoder().encode('{"chain":1}');
    const mvcc = MvccReplica.empty().encode();
    const back = decodeAppSnapshot(encodeAppSnapshot({ kv, mvcc }));
    expect(back?.kv).toEqual(kv);
    expect(back?.mvcc).toEqual(mvcc);
    expect(decodeAppSnapshot(new Uint8Array(0))).toBeNull();
  });

  it("a compaction entry is a no-op for the KV state machine and only it decodes as one", () => {
    const data = encodeMvccCompact(42);
    expect(decodeMvccCompact(data)).toBe(42);
    expect(decodeCommand(data)).toBeNull();
    expect(decodeMvccCompact(encodeCommand({ id: "r1", op: { kind: "delete", key: "k" } }))).toBeNull();
  });
});

describe("Invariants: MVCC hashes", () => {
  it("reports two nodes with different hashes at one index, and counts agreeing comparisons", () => {
    const found: string[] = [];
    const inv = new Invariants((v) => found.push(v));
    inv.observeMvcc("n1", 10, "aaaa");
    inv.observeMvcc("n2", 10, "aaaa");
    inv.observeMvcc("n3", 20, "bbbb");
    expect(found).toEqual([]);
    expect(inv.mvccComparisons).toBe(1);
    inv.observeMvcc("n2", 20, "cccc");
    expect(found).toEqual(["mvcc replicas diverge at index 20: n3 hash bbbb vs n2 hash cccc"]);
  });
});
