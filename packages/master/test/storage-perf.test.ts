// Measures append() throughput and prints it next to raw classic-level figures from the same run (DESIGN:
// synced put ≈ 0.3 ms, a synced batch of 2,000 puts ≈ 6 ms). Timings are printed, not asserted: the machine
// is shared, so a time bound would be flaky; the test asserts that everything written loads back.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Entry, InitialState } from "@tskube/raft";
import { ClassicLevel } from "classic-level";
import { afterEach, beforeEach, expect, it } from "vitest";
import { RaftStorage } from "../src/storage/index.js";

const bootstrap: InitialState = {
  hardState: { term: 1, vote: null, commit: 1 },
  snapshot: {
    metadata: { index: 1, term: 1, confState: { voters: ["m1"], learners: [] } },
    data: new Uint8Array(),
  },
  entries: [],
  applied: 1,
};

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "tskube-storage-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function payload(bytes: number, seed: number): Uint8Array {
  const data = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i++) data[i] = (seed * 31 + i * 17) & 0xff;
  return data;
}

function report(what: string, ops: number, ms: number): void {
  console.log(`[storage perf] ${what}: ${ms.toFixed(1)} ms total, ${(ms / ops).toFixed(3)} ms per op`);
}

it("times 1,000 synced appends of 1 entry and 100 synced appends of 100 × 256 B entries", async () => {
  const s = await RaftStorage.open(join(dir, "raft"));
  await s.initialize({ clusterId: "c", memberId: "m1" }, bootstrap);
  let index = 2;

  let start = performance.now();
  for (let i = 0; i < 1000; i++, index++) {
    const e: Entry = { index, term: 1, type: "normal", data: payload(64, index) };
    await s.append(
      { hardState: { term: 1, vote: "m1", commit: index - 1 }, entries: [e], snapshot: null },
      true,
    );
  }
  report("1,000 × append(1 entry, sync)", 1000, performance.now() - start);

  start = performance.now();
  for (let i = 0; i < 100; i++) {
    const batch: Entry[] = [];
    for (let j = 0; j < 100; j++, index++)
      batch.push({ index, term: 1, type: "normal", data: payload(256, index) });
    await s.append(
      { hardState: { term: 1, vote: "m1", commit: index - 1 }, entries: batch, snapshot: null },
      true,
    );
  }
  report("100 × append(100 × 256 B entries, sync)", 100, performance.now() - start);

  start = performance.now();
  const state = await s.load();
  report(`load() of ${state.entries.length} entries`, 1, performance.now() - start);
  await s.close();
  expect(state.entries.length).toBe(1000 + 100 * 100);
  expect(state.entries[state.entries.length - 1]?.index).toBe(index - 1);
  expect(state.hardState.commit).toBe(index - 1);
});

it("prints raw classic-level synced put and batch figures for comparison", async () => {
  const db = new ClassicLevel<Buffer, Buffer>(join(dir, "raw"), {
    keyEncoding: "buffer",
    valueEncoding: "buffer",
  });
  await db.open();
  const value = Buffer.from(payload(64, 1));
  let start = performance.now();
  for (let i = 0; i < 300; i++) await db.put(Buffer.from(`k${i}`), value, { sync: true });
  report("raw classic-level: 300 × put(sync)", 300, performance.now() - start);
  start = performance.now();
  const batch = db.batch();
  for (let i = 0; i < 2000; i++) batch.put(Buffer.from(`b${i}`), value);
  await batch.write({ sync: true });
  report("raw classic-level: 1 × chained batch(2,000 puts, sync)", 1, performance.now() - start);
  const stored = await db.keys().all();
  await db.close();
  expect(stored.length).toBe(2300);
});
