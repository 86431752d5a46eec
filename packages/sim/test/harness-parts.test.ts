// The harness's own building blocks: if these lie, the simulation proves nothing.
import type { Entry, Message, Ready } from "@tskube/raft";
import { bootstrapState, makeMessage } from "@tskube/raft";
import { describe, expect, it } from "vitest";
import { EventQueue } from "../src/event-queue.js";
import { Invariants } from "../src/invariants.js";
import { Rng } from "../src/rng.js";
import { SimDisk } from "../src/sim-disk.js";
import { SimNetwork } from "../src/sim-network.js";

const bytes = (s: string) => new TextEncoder().encode(s);
const entry = (index: number, term: number, data = `e${index}`): Entry => ({
  index,
  term,
  type: "normal",
  data: bytes(data),
});

function ready(partial: Partial<Ready>): Ready {
  return {
    softState: null,
    hardState: null,
    entries: [],
    snapshot: null,
    committedEntries: [],
    messages: [],
    messagesAfterPersist: [],
    readStates: [],
    mustSync: false,
    ...partial,
  };
}

function message(from: string, to: string): Message {
  return makeMessage({ type: "heartbeat", from, to, term: 1 });
}

describe("EventQueue", () => {
  it("runs events by time, ties in scheduling order", () => {
    const q = new EventQueue();
    const seen: string[] = [];
    q.after(5, () => seen.push("b"));
    q.after(1, () => seen.push("a"));
    q.after(5, () => seen.push("c"));
    q.after(1, () => q.after(0, () => seen.push("a2")));
    while (q.step(100)) {}
    expect(seen).toEqual(["a", "a2", "b", "c"]);
    expect(q.now).toBe(5);
  });

  it("stops at the horizon", () => {
    const q = new EventQueue();
    let ran = false;
    q.after(10, () => {
      ran = true;
    });
    expect(q.step(9)).toBe(false);
    expect(ran).toBe(false);
  });
});

describe("SimDisk", () => {
  const init = bootstrapState(["a", "b", "c"], new Uint8Array());

  it("keeps synced writes across a crash and loses an unsynced commit index", () => {
    const disk = new SimDisk(init, {});
    disk.write(
      ready({
        entries: [entry(2, 2), entry(3, 2)],
        hardState: { term: 2, vote: "a", commit: 1 },
        mustSync: true,
      }),
      0,
    );
    disk.write(ready({ hardState: { term: 2, vote: "a", commit: 3 }, mustSync: false }), 1);
    expect(disk.initialState().hardState.commit).toBe(3);
    disk.crash();
    const st = disk.initialState();
    expect(st.hardState).toEqual({ term: 2, vote: "a", commit: 1 });
    expect(st.entries.map((e) => e.index)).toEqual([2, 3]);
  });

  it("replaces the log suffix from the first new entry", () => {
    const disk = new SimDisk(init, {});
    disk.write(ready({ entries: [entry(2, 2), entry(3, 2), entry(4, 2)], mustSync: true }), 0);
    disk.write(ready({ entries: [entry(3, 3)], mustSync: true }), 1);
    expect(disk.initialState().entries.map((e) => `${e.index}@${e.term}`)).toEqual(["2@2", "3@3"]);
  });

  it("a compaction keeps catch-up entries, a received snapshot drops the whole log", () => {
    const disk = new SimDisk(init, {});
    disk.write(ready({ entries: [entry(2, 2), entry(3, 2), entry(4, 2)], mustSync: true }), 0);
    const snap = {
      metadata: { index: 4, term: 2, confState: { voters: ["a", "b", "c"], learners: [] } },
      data: new Uint8Array(),
    };
    disk.saveSnapshot(snap, 3, 1);
    expect(disk.initialState().entries.map((e) => e.index)).toEqual([3, 4]);
    expect(disk.initialState().applied).toBe(4);
    const snap2 = { ...snap, metadata: { ...snap.metadata, index: 9, term: 3 } };
    disk.write(ready({ snapshot: snap2, entries: [entry(10, 3)], mustSync: true }), 2);
    expect(disk.initialState().entries.map((e) => e.index)).toEqual([10]);
    expect(disk.initialState().hardState.commit).toBe(9);
  });

  it("forgetVotes drops the vote", () => {
    const disk = new SimDisk(init, { forgetVotes: true });
    disk.write(ready({ hardState: { term: 5, vote: "b", commit: 1 }, mustSync: true }), 0);
    disk.crash();
    expect(disk.initialState().hardState.vote).toBeNull();
  });
});

describe("SimNetwork", () => {
  function net(dropRate = 0) {
    const q = new EventQueue();
    const got: Message[] = [];
    const n = new SimNetwork(
      q,
      new Rng(1),
      { minDelayMs: 1, maxDelayMs: 5, dropRate, dupRate: 0, snapExtraDelayMs: 0 },
      (m) => {
        got.push(m);
        return true;
      },
    );
    return { q, n, got };
  }

  it("a one-way cut drops a→b but not b→a, and healing restores it", () => {
    const { q, n, got } = net();
    const heal = n.cut("a", "b");
    n.send(message("a", "b"));
    n.send(message("b", "a"));
    while (q.step(1000)) {}
    expect(got.map((m) => `${m.from}>${m.to}`)).toEqual(["b>a"]);
    heal();
    n.send(message("a", "b"));
    while (q.step(2000)) {}
    expect(got.map((m) => `${m.from}>${m.to}`)).toEqual(["b>a", "a>b"]);
  });

  it("delivers frozen copies, never the sender's object", () => {
    const { q, n, got } = net();
    const m = { ...message("a", "b"), type: "app" as const, entries: [entry(2, 1)] };
    n.send(m);
    while (q.step(1000)) {}
    const d = got[0] as Message;
    expect(d).not.toBe(m);
    expect(d.entries[0]?.data).not.toBe(m.entries[0]?.data);
    expect(Object.isFrozen(d)).toBe(true);
    expect(d).toEqual(m);
  });

  it("loses about the configured share of messages", () => {
    const { q, n, got } = net(0.3);
    for (let i = 0; i < 1000; i++) n.send(message("a", "b"));
    while (q.step(1000)) {}
    expect(got.length).toBeGreaterThan(600);
    expect(got.length).toBeLessThan(800);
  });
});

describe("Invariants", () => {
  function collect() {
    const violations: string[] = [];
    return { inv: new Invariants((v) => violations.push(v)), violations };
  }
  const emptyLog = { term: () => null, firstIndex: 1 };

  it("two leaders in one term", () => {
    const { inv, violations } = collect();
    inv.observeLeader(3, "a", () => emptyLog);
    inv.observeLeader(3, "a", () => emptyLog);
    inv.observeLeader(4, "b", () => emptyLog);
    expect(violations).toEqual([]);
    inv.observeLeader(4, "c", () => emptyLog);
    expect(violations[0]).toMatch(/election safety/);
  });

  it("same index and term with different data, or a different predecessor", () => {
    const { inv, violations } = collect();
    inv.observeEntry("a", entry(5, 2, "x"), 2);
    inv.observeEntry("b", entry(5, 2, "x"), 2);
    expect(violations).toEqual([]);
    inv.observeEntry("c", entry(5, 2, "y"), 2);
    expect(violations[0]).toMatch(/log matching/);
    inv.observeEntry("d", entry(5, 2, "x"), 1);
    expect(violations[1]).toMatch(/log matching/);
  });

  it("different entries applied at one index", () => {
    const { inv, violations } = collect();
    inv.observeApplied("a", entry(7, 3, "x"), 1);
    inv.observeApplied("b", entry(7, 4, "x"), 1);
    expect(violations[0]).toMatch(/state machine safety/);
  });

  it("a later leader missing a committed entry", () => {
    const { inv, violations } = collect();
    inv.observeTerm(2);
    inv.observeApplied("a", entry(2, 2), 1);
    inv.observeLeader(3, "b", () => ({ term: (i) => (i === 2 ? 2 : null), firstIndex: 2 }));
    expect(violations).toEqual([]);
    inv.observeLeader(4, "c", () => ({ term: (i) => (i === 2 ? 3 : null), firstIndex: 2 }));
    expect(violations[0]).toMatch(/leader completeness/);
    inv.observeLeader(5, "d", () => ({ term: () => null, firstIndex: 1 }));
    expect(violations[1]).toMatch(/leader completeness/);
  });
});
