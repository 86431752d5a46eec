import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Entry, HardState, InitialState, Snapshot } from "@tskube/raft";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RaftStorage, StorageError } from "../src/storage/index.js";

const ME = { clusterId: "c-1111", memberId: "m1" };

function entry(index: number, term: number, text = `put k${index}`): Entry {
  return { index, term, type: "normal", data: new TextEncoder().encode(text) };
}

function entries(from: number, to: number, term: number): Entry[] {
  const out: Entry[] = [];
  for (let i = from; i <= to; i++) out.push(entry(i, term));
  return out;
}

function snapshot(index: number, term: number, data: Uint8Array = new Uint8Array([index & 0xff])): Snapshot {
  return { metadata: { index, term, confState: { voters: ["m1", "m2", "m3"], learners: ["m4"] } }, data };
}

/** A founding member's state: bootstrap snapshot at index 1, term 1. */
function bootstrap(): InitialState {
  return {
    hardState: { term: 1, vote: null, commit: 1 },
    snapshot: snapshot(1, 1, new TextEncoder().encode("bootstrap")),
    entries: [],
    applied: 1,
  };
}

function hs(term: number, vote: string | null, commit: number): HardState {
  return { term, vote, commit };
}

let dir: string;
let open: RaftStorage[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "tskube-storage-"));
  open = [];
});

afterEach(async () => {
  for (const s of open) await s.close();
  await rm(dir, { recursive: true, force: true });
});

async function openStorage(): Promise<RaftStorage> {
  const s = await RaftStorage.open(dir);
  open.push(s);
  return s;
}

async function reopen(s: RaftStorage): Promise<RaftStorage> {
  await s.close();
  return openStorage();
}

async function initialized(): Promise<RaftStorage> {
  const s = await openStorage();
  await s.initialize(ME, bootstrap());
  return s;
}

describe("RaftStorage", () => {
  it("round-trips identity, hard state, snapshot and entries across a restart", async () => {
    let s = await openStorage();
    expect(s.identity()).toBeNull();
    await s.initialize(ME, bootstrap());
    const conf: Entry = { index: 3, term: 2, type: "confChange", data: new Uint8Array([1, 2, 3, 0, 255]) };
    const empty: Entry = { index: 4, term: 2, type: "normal", data: new Uint8Array() };
    await s.append(
      { hardState: hs(2, "m2", 3), entries: [entry(2, 2), conf, empty, entry(5, 2)], snapshot: null },
      true,
    );

    s = await reopen(s);
    expect(s.identity()).toEqual(ME);
    expect(() => s.checkIdentity(ME)).not.toThrow();
    const state = await s.load();
    expect(state.hardState).toEqual(hs(2, "m2", 3));
    expect(state.snapshot.metadata).toEqual(bootstrap().snapshot.metadata);
    expect(new TextDecoder().decode(state.snapshot.data)).toBe("bootstrap");
    expect(state.applied).toBe(1);
    expect(state.entries).toEqual([entry(2, 2), conf, empty, entry(5, 2)]);
    expect(state.entries[1]?.data).toBeInstanceOf(Uint8Array);
  });

  it("a fresh member with the empty state (snapshot 0) round-trips", async () => {
    let s = await openStorage();
    const emptyState: InitialState = {
      hardState: hs(0, null, 0),
      snapshot: {
        metadata: { index: 0, term: 0, confState: { voters: [], learners: [] } },
        data: new Uint8Array(),
      },
      entries: [],
      applied: 0,
    };
    await s.initialize({ clusterId: "c-1111", memberId: "m4" }, emptyState);
    s = await reopen(s);
    expect(await s.load()).toEqual(emptyState);
    // The first entries a joiner receives start at index 1 (after its snapshot arrives they start later).
    await s.append({ hardState: hs(3, null, 1), entries: [entry(1, 1)], snapshot: null }, true);
    s = await reopen(s);
    expect((await s.load()).entries).toEqual([entry(1, 1)]);
  });

  it("refuses to initialize twice and to load before initialize", async () => {
    const s = await openStorage();
    await expect(s.load()).rejects.toThrow(/not initialized/);
    await s.initialize(ME, bootstrap());
    await expect(s.initialize(ME, bootstrap())).rejects.toThrow(
      /already belongs to member m1 of cluster c-1111/,
    );
  });

  it("a conflicting append replaces the entry and deletes the old tail in the same batch", async () => {
    let s = await initialized();
    await s.append({ hardState: hs(1, "m1", 1), entries: entries(2, 10, 1), snapshot: null }, true);
    await s.append(
      { hardState: hs(2, "m3", 4), entries: [entry(5, 2, "new 5"), entry(6, 2, "new 6")], snapshot: null },
      true,
    );
    s = await reopen(s);
    const state = await s.load();
    expect(state.entries).toEqual([...entries(2, 4, 1), entry(5, 2, "new 5"), entry(6, 2, "new 6")]);
    expect(state.hardState).toEqual(hs(2, "m3", 4));

    // The log bounds are recovered at open: the next append continues at 7, and a gap is refused.
    await s.append({ hardState: null, entries: [entry(7, 2)], snapshot: null }, false);
    await expect(
      s.append({ hardState: null, entries: [entry(9, 2)], snapshot: null }, false),
    ).rejects.toThrow(RangeError);
    await expect(
      s.append({ hardState: null, entries: [entry(8, 2), entry(10, 2)], snapshot: null }, false),
    ).rejects.toThrow(/not contiguous/);
    s = await reopen(s);
    expect((await s.load()).entries.map((e) => e.index)).toEqual([2, 3, 4, 5, 6, 7]);
  });

  it("queued appends that are not awaited one by one land in call order", async () => {
    let s = await initialized();
    const writes: Promise<void>[] = [];
    for (let i = 2; i <= 60; i++)
      writes.push(
        s.append({ hardState: hs(1, null, i - 1), entries: [entry(i, 1)], snapshot: null }, i % 7 === 0),
      );
    // A conflict in the middle of the stream truncates what was queued before it.
    writes.push(s.append({ hardState: hs(2, null, 30), entries: [entry(31, 2)], snapshot: null }, true));
    await Promise.all(writes);
    s = await reopen(s);
    const state = await s.load();
    expect(state.entries).toEqual([...entries(2, 30, 1), entry(31, 2)]);
    expect(state.hardState).toEqual(hs(2, null, 30));
  });

  it("a snapshot in append replaces the stored one and drops the old log", async () => {
    let s = await initialized();
    await s.append({ hardState: hs(1, null, 6), entries: entries(2, 10, 1), snapshot: null }, true);
    // Installing a leader's snapshot: the core reset its log to it, so no stored entry survives.
    await s.append({ hardState: hs(3, null, 8), entries: [], snapshot: snapshot(8, 3) }, true);
    s = await reopen(s);
    let state = await s.load();
    expect(state.snapshot).toEqual(snapshot(8, 3));
    expect(state.applied).toBe(8);
    expect(state.entries).toEqual([]);
    expect(state.hardState).toEqual(hs(3, null, 8));

    // Snapshot and the entries after it in one Ready.
    await s.append(
      { hardState: hs(4, null, 20), entries: entries(21, 23, 4), snapshot: snapshot(20, 4) },
      true,
    );
    s = await reopen(s);
    state = await s.load();
    expect(state.snapshot).toEqual(snapshot(20, 4));
    expect(state.entries).toEqual(entries(21, 23, 4));
  });

  it("stores a large snapshot's data in a file and keeps only the latest snapshot's file", async () => {
    let s = await initialized();
    const big = new Uint8Array(2.5 * 1024 * 1024);
    for (let i = 0; i < big.length; i++) big[i] = (i * 7919) & 0xff;
    await s.append({ hardState: hs(2, null, 5), entries: [], snapshot: snapshot(5, 2, big) }, true);
    s = await reopen(s);
    const state = await s.load();
    expect(state.hardState).toEqual(hs(2, null, 5));
    expect(state.snapshot.metadata).toEqual(snapshot(5, 2).metadata);
    expect(state.entries).toEqual([]);
    // Byte comparison, not toEqual: vitest's deep equality walks 2.5 M elements one by one.
    expect(state.snapshot.data.length).toBe(big.length);
    expect(Buffer.from(state.snapshot.data).equals(big)).toBe(true);

    const small = new Uint8Array([9, 8, 7]);
    await s.append({ hardState: hs(2, null, 6), entries: [], snapshot: snapshot(6, 2, small) }, true);
    s = await reopen(s);
    expect((await s.load()).snapshot).toEqual(snapshot(6, 2, small));
    expect(await readdir(join(dir, "snap"))).toEqual([`${"6".padStart(16, "0")}.snap`]);
  });

  it("saveSnapshot keeps the catch-up entries from firstIndex and deletes the ones below", async () => {
    let s = await initialized();
    await s.append(
      { hardState: hs(2, null, 18), entries: [...entries(2, 9, 1), ...entries(10, 20, 2)], snapshot: null },
      true,
    );
    await s.saveSnapshot(snapshot(15, 2), 11);
    s = await reopen(s);
    let state = await s.load();
    expect(state.snapshot).toEqual(snapshot(15, 2));
    expect(state.applied).toBe(15);
    expect(state.entries).toEqual(entries(11, 20, 2));

    await s.append({ hardState: hs(2, null, 21), entries: [entry(21, 2)], snapshot: null }, true);
    await s.saveSnapshot(snapshot(21, 2), 22);
    s = await reopen(s);
    state = await s.load();
    expect(state.entries).toEqual([]);
    expect(state.snapshot.metadata.index).toBe(21);
    // The log continues after the snapshot.
    await s.append({ hardState: null, entries: [entry(22, 3)], snapshot: null }, true);
    s = await reopen(s);
    expect((await s.load()).entries).toEqual([entry(22, 3)]);
  });

  it("saveSnapshot refuses a firstIndex past the snapshot, an index past the log, and an older snapshot", async () => {
    const s = await initialized();
    await s.append({ hardState: hs(1, null, 10), entries: entries(2, 10, 1), snapshot: null }, true);
    await expect(s.saveSnapshot(snapshot(5, 1), 7)).rejects.toThrow(/firstIndex 7/);
    await expect(s.saveSnapshot(snapshot(12, 1), 5)).rejects.toThrow(/beyond the stored log/);
    await s.saveSnapshot(snapshot(8, 1), 6);
    await expect(s.saveSnapshot(snapshot(7, 1), 6)).rejects.toThrow(/older than the stored snapshot 8/);
    expect((await s.load()).entries).toEqual(entries(6, 10, 1));
  });

  it("checkIdentity names both identities when the dir belongs to another cluster or member", async () => {
    let s = await initialized();
    s = await reopen(s);
    const otherCluster = () => s.checkIdentity({ clusterId: "c-2222", memberId: "m1" });
    expect(otherCluster).toThrow(StorageError);
    expect(otherCluster).toThrow(/member m1 of cluster c-1111, not member m1 of cluster c-2222/);
    try {
      s.checkIdentity({ clusterId: "c-1111", memberId: "m2" });
      expect.unreachable("checkIdentity accepted another member");
    } catch (err) {
      expect(err).toBeInstanceOf(StorageError);
      expect((err as StorageError).code).toBe("WrongCluster");
      expect((err as StorageError).message).toMatch(
        /member m1 of cluster c-1111, not member m2 of cluster c-1111/,
      );
    }
  });

  it("a second open of a dir that is open fails with DataDirInUse; it opens again after close", async () => {
    const first = await initialized();
    const second = RaftStorage.open(dir);
    await expect(second).rejects.toBeInstanceOf(StorageError);
    await expect(second).rejects.toMatchObject({ code: "DataDirInUse" });
    await first.close();
    const again = await openStorage();
    expect(again.identity()).toEqual(ME);
  });

  it("rejects use after close", async () => {
    const s = await initialized();
    await s.close();
    await expect(s.load()).rejects.toThrow(/closed/);
  });
});
