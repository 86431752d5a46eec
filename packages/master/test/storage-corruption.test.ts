// Damage the LevelDB behind RaftStorage's back (as a bad disk, a bug or an operator would) and check that
// load() refuses with an error naming the damaged record instead of handing the core a shortened state.
import { mkdtemp, readdir, readFile, rm, truncate, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Entry, InitialState, Snapshot } from "@tskube/raft";
import { ClassicLevel } from "classic-level";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RaftStorage, type StorageError } from "../src/storage/index.js";

// The on-disk key layout (src/storage/keys.ts), spelled out here so the test also pins it down.
function entryKey(index: number): Buffer {
  const key = Buffer.alloc(9);
  key[0] = 0x05;
  key.writeBigUInt64BE(BigInt(index), 1);
  return key;
}
const hardStateKey = Buffer.from([0x02]);
const identityKey = Buffer.from([0x01]);

function entry(index: number, term: number): Entry {
  return { index, term, type: "normal", data: new TextEncoder().encode(`value of entry ${index}`) };
}

function snapshot(index: number, data: Uint8Array): Snapshot {
  return { metadata: { index, term: 1, confState: { voters: ["m1"], learners: [] } }, data };
}

const bootstrap: InitialState = {
  hardState: { term: 1, vote: null, commit: 1 },
  snapshot: snapshot(1, new Uint8Array([1])),
  entries: [],
  applied: 1,
};

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "tskube-storage-"));
  const s = await RaftStorage.open(dir);
  await s.initialize({ clusterId: "c", memberId: "m1" }, bootstrap);
  const log: Entry[] = [];
  for (let i = 2; i <= 10; i++) log.push(entry(i, 1));
  await s.append({ hardState: { term: 1, vote: "m1", commit: 8 }, entries: log, snapshot: null }, true);
  await s.close();
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Opens the LevelDB directly, lets `tamper` change it, closes it. */
async function tamper(change: (db: ClassicLevel<Buffer, Buffer>) => Promise<void>): Promise<void> {
  const db = new ClassicLevel<Buffer, Buffer>(dir, { keyEncoding: "buffer", valueEncoding: "buffer" });
  await db.open();
  try {
    await change(db);
  } finally {
    await db.close();
  }
}

async function flipBits(
  db: ClassicLevel<Buffer, Buffer>,
  key: Buffer,
  at: (length: number) => number,
): Promise<void> {
  const value = await db.get(key);
  if (value === undefined) throw new Error(`no record at ${key.toString("hex")}`);
  const damaged = Buffer.from(value);
  const i = at(damaged.length);
  damaged[i] = (damaged[i] ?? 0) ^ 0x24;
  await db.put(key, damaged);
}

/** load() after a restart must fail with `code` and a message matching `names`. */
async function expectLoadFails(code: StorageError["code"], names: RegExp): Promise<void> {
  const s = await RaftStorage.open(dir);
  try {
    await expect(s.load()).rejects.toMatchObject({
      name: "StorageError",
      code,
      message: expect.stringMatching(names),
    });
  } finally {
    await s.close();
  }
}

describe("RaftStorage on a damaged data dir", () => {
  it("the untouched fixture loads (control)", async () => {
    const s = await RaftStorage.open(dir);
    const state = await s.load();
    await s.close();
    expect(state.entries.map((e) => e.index)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it("flipped bits in an entry's data → Corrupt naming the entry", async () => {
    await tamper((db) => flipBits(db, entryKey(5), (n) => n - 3));
    await expectLoadFails("Corrupt", /checksum mismatch in log entry 5 \(key 050000000000000005\)/);
  });

  it("flipped bits in an entry's term → Corrupt naming the entry", async () => {
    await tamper((db) => flipBits(db, entryKey(9), () => 4 + 7));
    await expectLoadFails("Corrupt", /log entry 9/);
  });

  it("flipped bits in the hard state → Corrupt naming it", async () => {
    await tamper((db) => flipBits(db, hardStateKey, () => 6));
    await expectLoadFails("Corrupt", /checksum mismatch in hard state record/);
  });

  it("a value moved to another key → Corrupt (the checksum covers the key)", async () => {
    await tamper(async (db) => {
      const six = await db.get(entryKey(6));
      if (six === undefined) throw new Error("fixture lacks entry 6");
      await db.put(entryKey(7), six);
    });
    await expectLoadFails("Corrupt", /log entry 7/);
  });

  it("a deleted entry in the middle → Truncated naming the gap", async () => {
    await tamper((db) => db.del(entryKey(6)));
    await expectLoadFails("Truncated", /log entries 6\.\.6 are missing \(gap between entries 5 and 7\)/);
  });

  it("a short entry record → Truncated naming the entry", async () => {
    await tamper((db) => db.put(entryKey(4), Buffer.from([1, 2, 3])));
    await expectLoadFails("Truncated", /log entry 4 .* is 3 bytes/);
  });

  it("lost committed entries at the tail → Truncated (commit beyond the log)", async () => {
    await tamper(async (db) => {
      for (const i of [7, 8, 9, 10]) await db.del(entryKey(i));
    });
    await expectLoadFails("Truncated", /commit 8 is beyond the last stored index 6/);
  });

  it("a lost hard state record → Truncated naming it", async () => {
    await tamper((db) => db.del(hardStateKey));
    await expectLoadFails("Truncated", /hard state record .* is missing/);
  });

  it("a lost identity record with state still present → open refuses (no silent re-initialize)", async () => {
    await tamper((db) => db.del(identityKey));
    await expect(RaftStorage.open(dir)).rejects.toMatchObject({
      code: "Truncated",
      message: expect.stringMatching(/identity record is missing/),
    });
  });

  describe("snapshot file", () => {
    const file = () => join(dir, "snap", `${"8".padStart(16, "0")}.snap`);
    beforeEach(async () => {
      const s = await RaftStorage.open(dir);
      const data = new Uint8Array(2.5 * 1024 * 1024).fill(0x5a);
      await s.saveSnapshot(snapshot(8, data), 6);
      await s.close();
    });

    it("the snapshot loads from its file (control); the bootstrap snapshot's file is gone", async () => {
      const s = await RaftStorage.open(dir);
      const state = await s.load();
      await s.close();
      expect(state.snapshot.data.length).toBe(2.5 * 1024 * 1024);
      expect(state.entries.map((e) => e.index)).toEqual([6, 7, 8, 9, 10]);
      expect(await readdir(join(dir, "snap"))).toEqual([`${"8".padStart(16, "0")}.snap`]);
    });

    it("a flipped bit in the file → Corrupt naming the file", async () => {
      const data = await readFile(file());
      data[1000] = (data[1000] ?? 0) ^ 0x10;
      await writeFile(file(), data);
      await expectLoadFails("Corrupt", /snapshot 8 file .*\.snap does not match its checksum/);
    });

    it("a missing file → Truncated naming it", async () => {
      await unlink(file());
      await expectLoadFails("Truncated", /snapshot 8 file .*\.snap is missing/);
    });

    it("a short file → Truncated with both sizes", async () => {
      await truncate(file(), 1024);
      await expectLoadFails("Truncated", /holds 1024 bytes, expected 2621440/);
    });

    it("a leftover file of a snapshot that never got its metadata is removed on load", async () => {
      await writeFile(join(dir, "snap", `${"9".padStart(16, "0")}.snap`), "orphan");
      await writeFile(join(dir, "snap", `${"9".padStart(16, "0")}.snap.tmp`), "half");
      const s = await RaftStorage.open(dir);
      expect((await s.load()).snapshot.metadata.index).toBe(8);
      await s.close();
      expect(await readdir(join(dir, "snap"))).toEqual([`${"8".padStart(16, "0")}.snap`]);
    });
  });
});
