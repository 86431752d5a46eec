import { prefixEnd, type WatchResponse } from "@tskube/store";
import { describe, expect, it } from "vitest";
import { b, Harness, str } from "./helpers.js";

/** Collects a watcher's responses as readable lines. */
function recorder() {
  const responses: WatchResponse[] = [];
  const cb = (r: WatchResponse) => responses.push(r);
  const lines = () =>
    responses.map((r) =>
      r.progress
        ? `progress ${r.revision}`
        : r.canceled
          ? `canceled ${r.compactRevision}`
          : `${r.revision}: ${r.events.map((e) => `${e.type} ${str(e.kv.key)}${e.type === "PUT" ? `=${str(e.kv.value)}` : ""}${e.prevKv ? ` (was ${str(e.prevKv.value)})` : ""}`).join(", ")}`,
    );
  return { cb, responses, lines };
}

describe("watch", () => {
  it("from the past replays history, then follows live changes, without duplicates", () => {
    const h = new Harness();
    h.put("a", "1"); // 2
    h.put("x", "1"); // 3
    h.put("a", "2"); // 4
    const w = recorder();
    h.hub.watch(b("a"), undefined, 2, w.cb);
    expect(w.lines()).toEqual(["2: PUT a=1", "4: PUT a=2"]);
    h.del("a"); // 5
    h.put("x", "2"); // 6: not watched
    expect(w.lines()).toEqual(["2: PUT a=1", "4: PUT a=2", "5: DELETE a"]);
  });

  it("from now (0) and from the future", () => {
    const h = new Harness();
    h.put("a", "1"); // 2
    const now = recorder();
    const future = recorder();
    h.hub.watch(b("a"), undefined, 0, now.cb);
    h.hub.watch(b("a"), undefined, 4, future.cb);
    expect(now.lines()).toEqual([]);
    h.put("a", "2"); // 3
    h.put("a", "3"); // 4
    expect(now.lines()).toEqual(["3: PUT a=2", "4: PUT a=3"]);
    expect(future.lines()).toEqual(["4: PUT a=3"]);
  });

  it("delivers a txn's events together, in order, with prevKv when asked", () => {
    const h = new Harness();
    h.put("p/b", "0"); // 2
    const w = recorder();
    const plain = recorder();
    h.hub.watch(b("p/"), prefixEnd(b("p/")), 0, w.cb, { prevKv: true });
    h.hub.watch(b("p/"), prefixEnd(b("p/")), 0, plain.cb);
    h.txn({
      compare: [],
      success: [
        { type: "put", request: { key: b("p/c"), value: b("1") } },
        { type: "put", request: { key: b("q"), value: b("1") } },
        { type: "put", request: { key: b("p/b"), value: b("1") } },
        { type: "deleteRange", request: { key: b("p/a") } },
      ],
      failure: [],
    });
    expect(w.lines()).toEqual(["3: PUT p/c=1, PUT p/b=1 (was 0)"]);
    expect(plain.lines()).toEqual(["3: PUT p/c=1, PUT p/b=1"]);
    expect(w.responses).toHaveLength(1);
  });

  it("replay groups each past revision's events into one response and carries prevKv", () => {
    const h = new Harness();
    h.put("k1", "a"); // 2
    h.txn({
      compare: [],
      success: [
        { type: "put", request: { key: b("k2"), value: b("b") } },
        { type: "put", request: { key: b("k1"), value: b("c") } },
      ],
      failure: [],
    }); // 3
    h.del("k", "l"); // 4
    const w = recorder();
    h.hub.watch(b("k"), b("l"), 1, w.cb, { prevKv: true });
    expect(w.lines()).toEqual([
      "2: PUT k1=a",
      "3: PUT k2=b, PUT k1=c (was a)",
      "4: DELETE k1 (was c), DELETE k2 (was b)",
    ]);
  });

  it("a start revision below the compaction is canceled with the compact revision", () => {
    const h = new Harness();
    h.put("a", "1"); // 2
    h.put("a", "2"); // 3
    h.del("a"); // 4
    h.ok({ type: "compact", revision: 4 });
    const old = recorder();
    h.hub.watch(b("a"), undefined, 3, old.cb);
    expect(old.lines()).toEqual(["canceled 4"]);
    expect(old.responses[0]!.error?.code).toBe("Compacted");
    // A start at the compact revision is allowed, but a delete made exactly there was compacted away
    // (etcd behaves so; the conformance suite checks it against a real etcd).
    const atCompact = recorder();
    h.hub.watch(b("a"), undefined, 4, atCompact.cb);
    expect(atCompact.lines()).toEqual([]);
    h.put("a", "3"); // 5
    expect(atCompact.lines()).toEqual(["5: PUT a=3"]);
    expect(h.hub.size).toBe(1);
  });

  it("progress notifies only idle watchers with the current revision", () => {
    const h = new Harness();
    const busy = recorder();
    const idle = recorder();
    h.hub.watch(b("a"), undefined, 0, busy.cb);
    h.hub.watch(b("z"), undefined, 0, idle.cb);
    h.put("a", "1"); // 2
    expect(h.hub.progress()).toBe(2);
    expect(busy.lines()).toEqual(["2: PUT a=1"]);
    expect(idle.lines()).toEqual(["progress 2"]);
    h.hub.progress();
    expect(busy.lines()).toEqual(["2: PUT a=1", "progress 2"]);
  });

  it("cancel stops delivery", () => {
    const h = new Harness();
    const w = recorder();
    const id = h.hub.watch(b("a"), undefined, 0, w.cb);
    h.put("a", "1");
    expect(h.hub.cancel(id)).toBe(true);
    h.put("a", "2");
    expect(w.lines()).toEqual(["2: PUT a=1"]);
  });

  it("every watcher sees every change of its range exactly once and in order, under random traffic", () => {
    const h = new Harness();
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const seen: number[] = [];
    const revs = new Set<number>();
    const keysSeen = new Map<string, number>();
    let lateStarted = false;
    const late: string[] = [];
    h.hub.watch(b("k"), b("l"), 1, (r) => {
      expect(revs.has(r.revision)).toBe(false);
      revs.add(r.revision);
      seen.push(r.revision);
      for (const e of r.events) keysSeen.set(str(e.kv.key), e.kv.modRevision);
    });
    for (let i = 0; i < 300; i++) {
      const k = `k${rand(10)}`;
      if (rand(4) === 0) h.del(k);
      else h.put(k, `${i}`);
      if (i === 150 && !lateStarted) {
        lateStarted = true;
        h.hub.watch(b("k"), b("l"), 1, (r) => late.push(`${r.revision}`));
      }
    }
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
    // Every change took a revision and every one of them was delivered.
    expect(seen).toEqual(Array.from({ length: h.store.revision - 1 }, (_, i) => i + 2));
    expect(late).toEqual(seen.map(String));
    for (const [k, rev] of keysSeen) {
      const kv = h.get(k);
      if (kv !== undefined) expect(kv.modRevision).toBe(rev);
    }
  });
});
