import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { StoreUnderTest, WatchBatch, WatchEvent } from "./store-under-test.js";

/** A backend the suite runs against: started once per describe block, stopped even when tests fail. */
export interface Backend {
  name: string;
  start(): Promise<StoreUnderTest>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const events = (batches: WatchBatch[]): WatchEvent[] => batches.flatMap((b) => b.events);
const brief = (e: WatchEvent) => ({ type: e.type, key: e.kv.key, value: e.kv.value, rev: e.kv.modRevision });

/** Polls until `f` holds or `timeoutMs` passes; returns whether it held. */
async function eventually(f: () => Promise<boolean>, timeoutMs: number, stepMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await f()) return true;
    if (Date.now() > deadline) return false;
    await sleep(stepMs);
  }
}

/**
 * The behaviour tskube's store must share with etcd v3. Tests run in order against one store per backend;
 * each uses its own key prefix, and revision checks are relative to a revision read at the test's start.
 */
export function defineConformanceSuite(backends: Backend[]): void {
  describe.each(backends)("store conformance: $name", (backend) => {
    let s: StoreUnderTest;
    const head = async () => (await s.range("any")).revision;

    beforeAll(async () => {
      s = await backend.start();
    });
    afterAll(async () => {
      await backend.stop();
    });

    describe("revisions and versions", () => {
      test("every write takes exactly one revision; reads and no-op deletes take none", async () => {
        const r0 = await head();
        expect((await s.put("rev/a", "1")).revision).toBe(r0 + 1);
        expect((await s.put("rev/b", "2")).revision).toBe(r0 + 2);
        expect((await s.range("rev/a")).revision).toBe(r0 + 2);
        const del = await s.delete("rev/a");
        expect(del).toMatchObject({ revision: r0 + 3, deleted: 1 });
        expect(await s.delete("rev/missing")).toMatchObject({ revision: r0 + 3, deleted: 0 });
        const txn = await s.txn(
          [],
          [
            { type: "put", key: "rev/c", value: "3" },
            { type: "put", key: "rev/d", value: "4" },
            { type: "delete", key: "rev/b" },
          ],
          [],
        );
        expect(txn.revision).toBe(r0 + 4);
        const readOnly = await s.txn([], [{ type: "range", key: "rev/c" }], []);
        expect(readOnly.revision).toBe(r0 + 4);
        const all = await s.range("rev/", { prefix: true });
        expect(all.kvs.map((kv) => [kv.key, kv.modRevision])).toEqual([
          ["rev/c", r0 + 4],
          ["rev/d", r0 + 4],
        ]);
      });

      test("version, createRevision and modRevision across updates, delete and re-create", async () => {
        const r1 = (await s.put("ver/k", "v1")).revision;
        expect((await s.range("ver/k")).kvs).toEqual([
          { key: "ver/k", value: "v1", createRevision: r1, modRevision: r1, version: 1, lease: "0" },
        ]);
        const put2 = await s.put("ver/k", "v2", { prevKv: true });
        const r2 = put2.revision;
        expect(put2.prevKv).toMatchObject({ value: "v1", version: 1, modRevision: r1 });
        expect((await s.range("ver/k")).kvs[0]).toMatchObject({
          createRevision: r1,
          modRevision: r2,
          version: 2,
        });
        const del = await s.delete("ver/k", { prevKv: true });
        expect(del.prevKvs).toEqual([
          { key: "ver/k", value: "v2", createRevision: r1, modRevision: r2, version: 2, lease: "0" },
        ]);
        expect((await s.range("ver/k")).kvs).toEqual([]);
        const put3 = await s.put("ver/k", "v3", { prevKv: true });
        expect(put3.prevKv).toBeUndefined();
        expect((await s.range("ver/k")).kvs[0]).toMatchObject({
          value: "v3",
          createRevision: put3.revision,
          modRevision: put3.revision,
          version: 1,
        });
      });

      test("range at a past revision sees the state of then", async () => {
        const r1 = (await s.put("past/k", "old")).revision;
        const r2 = (await s.put("past/k", "new")).revision;
        const r3 = (await s.delete("past/k")).revision;
        expect((await s.range("past/k", { revision: r1 })).kvs[0]).toMatchObject({
          value: "old",
          version: 1,
        });
        expect((await s.range("past/k", { revision: r2 })).kvs[0]).toMatchObject({
          value: "new",
          version: 2,
        });
        expect((await s.range("past/k", { revision: r3 })).kvs).toEqual([]);
        expect((await s.range("past/k", { revision: r1 - 1 })).kvs).toEqual([]);
        // The header still names the current revision.
        expect((await s.range("past/k", { revision: r1 })).revision).toBe(r3);
      });
    });

    describe("ranges", () => {
      test("prefix, explicit end, limit + more + count, countOnly, keysOnly", async () => {
        for (const k of ["p/c", "p/a", "p/b", "p0", "o/z"]) await s.put(k, `val-${k}`);
        const all = await s.range("p/", { prefix: true });
        expect(all.kvs.map((kv) => kv.key)).toEqual(["p/a", "p/b", "p/c"]);
        expect(all).toMatchObject({ count: 3, more: false });

        const between = await s.range("p/a", { rangeEnd: "p/c" });
        expect(between.kvs.map((kv) => kv.key)).toEqual(["p/a", "p/b"]);

        const limited = await s.range("p/", { prefix: true, limit: 2 });
        expect(limited.kvs.map((kv) => kv.key)).toEqual(["p/a", "p/b"]);
        expect(limited).toMatchObject({ count: 3, more: true });
        expect(await s.range("p/", { prefix: true, limit: 3 })).toMatchObject({ count: 3, more: false });

        const counted = await s.range("p/", { prefix: true, countOnly: true });
        expect(counted).toMatchObject({ kvs: [], count: 3, more: false });

        const keys = await s.range("p/", { prefix: true, keysOnly: true });
        expect(keys.kvs.map((kv) => [kv.key, kv.value, kv.version])).toEqual([
          ["p/a", "", 1],
          ["p/b", "", 1],
          ["p/c", "", 1],
        ]);

        const fromP = await s.range("p/b", { rangeEnd: "\0" });
        expect(fromP.kvs.map((kv) => kv.key)).toContain("p0");
        expect(fromP.kvs.map((kv) => kv.key)).not.toContain("o/z");
        expect((await s.range("p/zz")).kvs).toEqual([]);
      });
    });

    describe("edge cases", () => {
      test("countOnly ignores limit; a txn whose only write is a no-op delete takes no revision", async () => {
        for (const k of ["e1/a", "e1/b", "e1/c"]) await s.put(k, "v");
        expect(await s.range("e1/", { prefix: true, countOnly: true, limit: 1 })).toMatchObject({
          kvs: [],
          count: 3,
        });
        const r0 = await head();
        const t = await s.txn([], [{ type: "delete", key: "e1/missing" }], []);
        expect(t.revision).toBe(r0);
        expect(await head()).toBe(r0);
      });

      test("a key overwritten without its lease is detached and survives the revoke", async () => {
        const lease = await s.leaseGrant(30);
        await s.put("e2/a", "1", { lease: lease.id });
        await s.put("e2/b", "1", { lease: lease.id });
        await s.put("e2/a", "2");
        expect((await s.leaseTimeToLive(lease.id)).keys).toEqual(["e2/b"]);
        expect((await s.range("e2/a")).kvs[0]!.lease).toBe("0");
        const r0 = await head();
        await s.leaseRevoke(lease.id);
        expect(await head()).toBe(r0 + 1);
        expect((await s.range("e2/", { prefix: true })).kvs.map((kv) => kv.key)).toEqual(["e2/a"]);
      });

      test("rewriting the same value is a new version; a prefix delete returns prevKvs in key order", async () => {
        const r1 = (await s.put("e4/b", "same")).revision;
        const r2 = (await s.put("e4/b", "same")).revision;
        expect(r2).toBe(r1 + 1);
        expect((await s.range("e4/b")).kvs[0]).toMatchObject({
          version: 2,
          modRevision: r2,
          createRevision: r1,
        });
        await s.put("e4/a", "1");
        await s.put("e4/c", "3");
        const del = await s.delete("e4/", { prefix: true, prevKv: true });
        expect(del.deleted).toBe(3);
        expect(del.prevKvs.map((kv) => [kv.key, kv.value])).toEqual([
          ["e4/a", "1"],
          ["e4/b", "same"],
          ["e4/c", "3"],
        ]);
        const noPrev = await s.delete("e4/", { prefix: true });
        expect(noPrev).toMatchObject({ deleted: 0, prevKvs: [] });
      });

      test("a revoke of a lease without keys takes no revision", async () => {
        const lease = await s.leaseGrant(30);
        const r0 = await head();
        await s.leaseRevoke(lease.id);
        expect(await head()).toBe(r0);
      });

      test("a watch from a future revision waits for it", async () => {
        const r0 = await head();
        const w = await s.watch("e3/k", { startRevision: r0 + 2 });
        await s.put("e3/k", "1");
        await s.put("e3/k", "2");
        expect(events(await w.nextBatches(1)).map(brief)).toEqual([
          { type: "PUT", key: "e3/k", value: "2", rev: r0 + 2 },
        ]);
        await sleep(100);
        expect(w.pending()).toBe(0);
        await w.cancel();
      });
    });

    describe("txn", () => {
      test("compares on value, version, createRevision and modRevision pick the branch", async () => {
        const c = (await s.put("txn/k", "a")).revision;
        const m = (await s.put("txn/k", "b")).revision;
        const holds = async (cmp: Parameters<StoreUnderTest["txn"]>[0][number]) =>
          (await s.txn([cmp], [], [])).succeeded;
        expect(await holds({ key: "txn/k", target: "value", result: "=", value: "b" })).toBe(true);
        expect(await holds({ key: "txn/k", target: "value", result: "=", value: "a" })).toBe(false);
        expect(await holds({ key: "txn/k", target: "value", result: ">", value: "a" })).toBe(true);
        expect(await holds({ key: "txn/k", target: "value", result: "!=", value: "b" })).toBe(false);
        expect(await holds({ key: "txn/k", target: "version", result: "=", value: 2 })).toBe(true);
        expect(await holds({ key: "txn/k", target: "version", result: "<", value: 2 })).toBe(false);
        expect(await holds({ key: "txn/k", target: "createRevision", result: "=", value: c })).toBe(true);
        expect(await holds({ key: "txn/k", target: "modRevision", result: "=", value: m })).toBe(true);
        expect(await holds({ key: "txn/k", target: "modRevision", result: "<", value: m })).toBe(false);
        expect(await holds({ key: "txn/k", target: "modRevision", result: ">", value: c })).toBe(true);
        expect(await holds({ key: "txn/k", target: "lease", result: "=", value: "0" })).toBe(true);
        // A missing key has zero version and revisions, and no value at all.
        expect(await holds({ key: "txn/none", target: "version", result: "=", value: 0 })).toBe(true);
        expect(await holds({ key: "txn/none", target: "createRevision", result: "=", value: 0 })).toBe(true);
        expect(await holds({ key: "txn/none", target: "modRevision", result: "<", value: 1 })).toBe(true);
        expect(await holds({ key: "txn/none", target: "value", result: "=", value: "" })).toBe(false);
        expect(await holds({ key: "txn/none", target: "value", result: "!=", value: "x" })).toBe(false);
      });

      test("then and else branches run their ops in one revision and return their responses", async () => {
        const r0 = (await s.put("txn2/k", "1")).revision;
        const ok = await s.txn(
          [{ key: "txn2/k", target: "modRevision", result: "=", value: r0 }],
          [
            { type: "put", key: "txn2/k", value: "2", options: { prevKv: true } },
            { type: "range", key: "txn2/k" },
            { type: "put", key: "txn2/other", value: "x" },
          ],
          [{ type: "put", key: "txn2/else", value: "never" }],
        );
        expect(ok.succeeded).toBe(true);
        expect(ok.revision).toBe(r0 + 1);
        expect(ok.responses[0]).toMatchObject({ type: "put", prevKv: { value: "1" } });
        // A read inside the txn sees the txn's own earlier write.
        expect(ok.responses[1]).toMatchObject({ type: "range", count: 1, kvs: [{ value: "2", version: 2 }] });

        const no = await s.txn(
          [{ key: "txn2/k", target: "modRevision", result: "=", value: r0 }],
          [{ type: "put", key: "txn2/k", value: "3" }],
          [
            { type: "range", key: "txn2/", options: { prefix: true } },
            { type: "delete", key: "txn2/other", options: { prevKv: true } },
          ],
        );
        expect(no.succeeded).toBe(false);
        expect(no.revision).toBe(r0 + 2);
        expect(no.responses[0]).toMatchObject({ type: "range", count: 2 });
        expect(no.responses[1]).toMatchObject({
          type: "delete",
          deleted: 1,
          prevKvs: [{ key: "txn2/other" }],
        });
        expect((await s.range("txn2/", { prefix: true })).kvs.map((kv) => kv.value)).toEqual(["2"]);
        expect((await s.range("txn2/else")).count).toBe(0);
      });

      test("a key written twice in one txn is refused; overlapping deletes are fine", async () => {
        await s.put("dup/a", "0");
        const r0 = await head();
        await expect(
          s.txn(
            [],
            [
              { type: "put", key: "dup/a", value: "1" },
              { type: "put", key: "dup/a", value: "2" },
            ],
            [],
          ),
        ).rejects.toMatchObject({ code: "duplicateKey" });
        await expect(
          s.txn(
            [],
            [
              { type: "delete", key: "dup/", options: { prefix: true } },
              { type: "put", key: "dup/a", value: "2" },
            ],
            [],
          ),
        ).rejects.toMatchObject({ code: "duplicateKey" });
        expect(await head()).toBe(r0);
        const overlapping = await s.txn(
          [],
          [
            { type: "delete", key: "dup/", options: { prefix: true } },
            { type: "delete", key: "dup/a" },
          ],
          [],
        );
        expect(overlapping.revision).toBe(r0 + 1);
      });
    });

    describe("limits", () => {
      test("empty key, oversized request and too many txn ops are refused", async () => {
        const r0 = await head();
        await expect(s.put("", "v")).rejects.toMatchObject({ code: "emptyKey" });
        await expect(s.range("")).rejects.toMatchObject({ code: "emptyKey" });
        const big = "x".repeat(1.5 * 1024 * 1024 + 1024);
        await expect(s.put("lim/big", big)).rejects.toMatchObject({ code: "requestTooLarge" });
        const puts = (n: number) =>
          Array.from({ length: n }, (_, i) => ({ type: "put" as const, key: `lim/k${i}`, value: "v" }));
        await expect(s.txn([], puts(129), [])).rejects.toMatchObject({ code: "tooManyOps" });
        expect(await head()).toBe(r0);
        // 128 ops is still allowed, and is one revision.
        expect((await s.txn([], puts(128), [])).revision).toBe(r0 + 1);
        expect((await s.range("lim/", { prefix: true, countOnly: true })).count).toBe(128);
      });
    });

    describe("watch", () => {
      test("from a past revision replays the history in order, then follows", async () => {
        const r0 = await head();
        await s.put("w1/a", "1");
        await s.put("w1/b", "2");
        await s.delete("w1/a");
        const w = await s.watch("w1/", { prefix: true, startRevision: r0 + 1 });
        const replay = events(await w.nextBatches(3));
        expect(replay.map(brief)).toEqual([
          { type: "PUT", key: "w1/a", value: "1", rev: r0 + 1 },
          { type: "PUT", key: "w1/b", value: "2", rev: r0 + 2 },
          { type: "DELETE", key: "w1/a", value: "", rev: r0 + 3 },
        ]);
        await s.put("w1/c", "3");
        expect(events(await w.nextBatches(1)).map(brief)).toEqual([
          { type: "PUT", key: "w1/c", value: "3", rev: r0 + 4 },
        ]);
        await w.cancel();
      });

      test("from now sees only later changes to the watched key, without prevKv unless asked", async () => {
        await s.put("w2/k", "before");
        const w = await s.watch("w2/k");
        await s.put("w2/other", "x");
        const r1 = (await s.put("w2/k", "after")).revision;
        const got = events(await w.nextBatches(1));
        expect(got.map(brief)).toEqual([{ type: "PUT", key: "w2/k", value: "after", rev: r1 }]);
        expect(got[0]!.prevKv).toBeUndefined();
        await sleep(200);
        expect(w.pending()).toBe(0);
        await w.cancel();
      });

      test("a txn's events arrive together, with one revision, in op order", async () => {
        await s.put("w3/c", "old");
        const w = await s.watch("w3/", { prefix: true });
        const t = await s.txn(
          [],
          [
            { type: "put", key: "w3/b", value: "1" },
            { type: "put", key: "w3/a", value: "2" },
            { type: "delete", key: "w3/c" },
          ],
          [],
        );
        const batches = await w.nextBatches(3);
        expect(batches).toHaveLength(1);
        expect(events(batches).map(brief)).toEqual([
          { type: "PUT", key: "w3/b", value: "1", rev: t.revision },
          { type: "PUT", key: "w3/a", value: "2", rev: t.revision },
          { type: "DELETE", key: "w3/c", value: "", rev: t.revision },
        ]);
        await w.cancel();
      });

      test("prevKv carries the previous value; a DELETE's kv is a tombstone", async () => {
        const w = await s.watch("w4/k", { prevKv: true });
        const r1 = (await s.put("w4/k", "v1")).revision;
        const r2 = (await s.put("w4/k", "v2")).revision;
        const r3 = (await s.delete("w4/k")).revision;
        const [e1, e2, e3] = events(await w.nextBatches(3));
        expect(e1!.prevKv).toBeUndefined();
        expect(e2!.prevKv).toEqual({
          key: "w4/k",
          value: "v1",
          createRevision: r1,
          modRevision: r1,
          version: 1,
          lease: "0",
        });
        expect(e3).toEqual({
          type: "DELETE",
          kv: { key: "w4/k", value: "", createRevision: 0, modRevision: r3, version: 0, lease: "0" },
          prevKv: { key: "w4/k", value: "v2", createRevision: r1, modRevision: r2, version: 2, lease: "0" },
        });
        await w.cancel();
      });

      test("resuming from lastRevision + 1 after a cancel loses and repeats nothing", async () => {
        const w = await s.watch("w5/", { prefix: true });
        for (let i = 0; i < 3; i++) await s.put(`w5/k${i}`, String(i));
        const first = events(await w.nextBatches(3));
        const last = first[first.length - 1]!.kv.modRevision;
        await w.cancel();
        for (let i = 3; i < 6; i++) await s.put(`w5/k${i}`, String(i));
        const resumed = await s.watch("w5/", { prefix: true, startRevision: last + 1 });
        const second = events(await resumed.nextBatches(3));
        expect([...first, ...second].map((e) => e.kv.key)).toEqual([
          "w5/k0",
          "w5/k1",
          "w5/k2",
          "w5/k3",
          "w5/k4",
          "w5/k5",
        ]);
        expect(second[0]!.kv.modRevision).toBe(last + 1);
        await sleep(200);
        expect(resumed.pending()).toBe(0);
        await resumed.cancel();
      });
    });

    describe("compaction", () => {
      test("reads below the compact revision fail, at or above succeed, future ones fail", async () => {
        const r1 = (await s.put("cmp/k", "1")).revision;
        const r2 = (await s.put("cmp/k", "2")).revision;
        const r3 = (await s.put("cmp/k", "3")).revision;
        await s.compact(r2);
        expect(await head()).toBe(r3);
        await expect(s.range("cmp/k", { revision: r1 })).rejects.toMatchObject({ code: "compacted" });
        expect((await s.range("cmp/k", { revision: r2 })).kvs[0]).toMatchObject({ value: "2" });
        expect((await s.range("cmp/k", { revision: r3 })).kvs[0]).toMatchObject({ value: "3" });
        expect((await s.range("cmp/k")).kvs[0]).toMatchObject({ value: "3", version: 3, createRevision: r1 });
        await expect(s.range("cmp/k", { revision: r3 + 10 })).rejects.toMatchObject({
          code: "futureRevision",
        });
        await expect(s.compact(r2)).rejects.toMatchObject({ code: "compacted" });
        await expect(s.compact(r1)).rejects.toMatchObject({ code: "compacted" });
        await expect(s.compact(r3 + 10)).rejects.toMatchObject({ code: "futureRevision" });
        // A read inside a txn is checked too, and fails the whole txn before it writes.
        await expect(
          s.txn(
            [],
            [
              { type: "put", key: "cmp/other", value: "x" },
              { type: "range", key: "cmp/k", options: { revision: r1 } },
            ],
            [],
          ),
        ).rejects.toMatchObject({ code: "compacted" });
        expect(await head()).toBe(r3);
      });

      test("compaction drops a delete made exactly at its revision: a watch from there does not see it", async () => {
        await s.put("cmp3/gone", "x");
        await s.delete("cmp3/gone");
        await s.put("cmp3/k", "1");
        const rd = (await s.delete("cmp3/k")).revision;
        await s.compact(rd);
        expect((await s.range("cmp3/", { prefix: true, revision: rd })).count).toBe(0);
        const w = await s.watch("cmp3/", { prefix: true, startRevision: rd });
        const r1 = (await s.put("cmp3/k", "2")).revision;
        expect(events(await w.nextBatches(1)).map(brief)).toEqual([
          { type: "PUT", key: "cmp3/k", value: "2", rev: r1 },
        ]);
        await sleep(100);
        expect(w.pending()).toBe(0);
        await w.cancel();
      });

      test("a watch from a compacted revision is canceled with the compact revision", async () => {
        const r1 = (await s.put("cmp2/k", "1")).revision;
        const r2 = (await s.put("cmp2/k", "2")).revision;
        await s.compact(r2);
        const w = await s.watch("cmp2/k", { startRevision: r1 });
        await expect(w.nextBatches(1)).rejects.toMatchObject({ code: "compacted", compactRevision: r2 });
        await w.cancel();
        // Exactly at the compact revision history is still there.
        const ok = await s.watch("cmp2/k", { startRevision: r2 });
        expect(events(await ok.nextBatches(1)).map(brief)).toEqual([
          { type: "PUT", key: "cmp2/k", value: "2", rev: r2 },
        ]);
        await ok.cancel();
      });
    });

    describe("leases", () => {
      test("grant, attach, timeToLive; a TTL below the minimum is raised to 2 s", async () => {
        const lease = await s.leaseGrant(2);
        expect(lease.ttl).toBe(2);
        expect(lease.id).not.toBe("0");
        const r0 = await head();
        await s.put("ls/a", "1", { lease: lease.id });
        expect(await head()).toBe(r0 + 1);
        expect((await s.range("ls/a")).kvs[0]!.lease).toBe(lease.id);
        const ttl = await s.leaseTimeToLive(lease.id);
        expect(ttl.grantedTtl).toBe(2);
        expect(ttl.ttl).toBeGreaterThanOrEqual(0);
        expect(ttl.ttl).toBeLessThanOrEqual(2);
        expect(ttl.keys).toEqual(["ls/a"]);
        await s.leaseRevoke(lease.id);
        // etcd's minimum TTL is 3/2 of the election timeout (1 s here), rounded up to whole seconds.
        const short = await s.leaseGrant(1);
        expect(short.ttl).toBe(2);
        await s.leaseRevoke(short.id);
      });

      test("revoke deletes every attached key in one revision; unknown leases are refused", async () => {
        const lease = await s.leaseGrant(30);
        await s.put("lr/a", "1", { lease: lease.id });
        await s.put("lr/b", "2", { lease: lease.id });
        await s.put("lr/c", "3");
        const w = await s.watch("lr/", { prefix: true });
        const r0 = await head();
        await s.leaseRevoke(lease.id);
        expect(await head()).toBe(r0 + 1);
        const batches = await w.nextBatches(2);
        expect(batches).toHaveLength(1);
        expect(events(batches).map(brief)).toEqual([
          { type: "DELETE", key: "lr/a", value: "", rev: r0 + 1 },
          { type: "DELETE", key: "lr/b", value: "", rev: r0 + 1 },
        ]);
        await w.cancel();
        expect((await s.range("lr/", { prefix: true })).kvs.map((kv) => kv.key)).toEqual(["lr/c"]);
        expect((await s.leaseTimeToLive(lease.id)).ttl).toBe(-1);
        await expect(s.leaseRevoke(lease.id)).rejects.toMatchObject({ code: "leaseNotFound" });
        await expect(s.put("lr/d", "4", { lease: lease.id })).rejects.toMatchObject({
          code: "leaseNotFound",
        });
        await expect(s.put("lr/d", "4", { lease: "987654321" })).rejects.toMatchObject({
          code: "leaseNotFound",
        });
        expect(await head()).toBe(r0 + 1);
      });

      test("attached keys are deleted, in one revision, once the TTL runs out", async () => {
        const granted = Date.now();
        const lease = await s.leaseGrant(2);
        await s.put("le/a", "1", { lease: lease.id });
        await s.put("le/b", "2", { lease: lease.id });
        const w = await s.watch("le/", { prefix: true });
        await sleep(1000);
        expect((await s.range("le/", { prefix: true })).count).toBe(2);
        const batches = await w.nextBatches(2, 6000);
        const elapsed = Date.now() - granted;
        expect(elapsed).toBeGreaterThanOrEqual(1900);
        expect(batches).toHaveLength(1);
        const [a, b] = events(batches);
        expect([a!.type, b!.type, a!.kv.key, b!.kv.key]).toEqual(["DELETE", "DELETE", "le/a", "le/b"]);
        expect(a!.kv.modRevision).toBe(b!.kv.modRevision);
        expect((await s.range("le/", { prefix: true })).count).toBe(0);
        expect((await s.leaseTimeToLive(lease.id)).ttl).toBe(-1);
        await w.cancel();
      });

      test("keepAlive renews the TTL and keeps the keys alive past it", async () => {
        const lease = await s.leaseGrant(2);
        await s.put("lk/a", "1", { lease: lease.id });
        for (let i = 0; i < 6; i++) {
          await sleep(500);
          expect(await s.leaseKeepAlive(lease.id)).toBe(2);
        }
        expect((await s.range("lk/a")).count).toBe(1);
        expect((await s.leaseTimeToLive(lease.id)).ttl).toBeGreaterThanOrEqual(1);
        const gone = await eventually(async () => (await s.range("lk/a")).count === 0, 6000);
        expect(gone).toBe(true);
      });
    });

    describe("cluster", () => {
      test("memberList names every member with a client URL", async () => {
        const members = await s.memberList();
        expect(members.length).toBeGreaterThanOrEqual(1);
        expect(new Set(members.map((m) => m.id)).size).toBe(members.length);
        for (const m of members) {
          expect(m.name).not.toBe("");
          expect(m.clientUrls.length).toBeGreaterThanOrEqual(1);
        }
      });
    });
  });
}
