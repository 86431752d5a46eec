// The ready loop's latency-relevant behaviour, against a scripted core: it runs without waiting for a
// tick, sends `messages` before the write and `messagesAfterPersist` only after the synced write, and
// holds back a hard state that only moved the commit index until the next write (or a tick, or close).
import type { HardState, Message, RaftStatus, Ready, Snapshot } from "@tskube/raft";
import { makeMessage } from "@tskube/raft";
import { afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "../src/logger.js";
import { MasterMetrics } from "../src/metrics.js";
import { type MessageSink, type RaftCore, RaftDriver, type RaftLogStorage } from "../src/raft-driver.js";
import { StoreStateMachine } from "../src/state-machine/store-state-machine.js";
import type { StorageWrite } from "../src/storage/index.js";

function ready(parts: Partial<Ready>): Ready {
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
    ...parts,
  };
}

function message(type: Message["type"], to: string, index: number): Message {
  return makeMessage({ type, from: "m1", to, term: 2, logTerm: 2, index });
}

const entry = (index: number) => ({ term: 2, index, type: "normal" as const, data: new Uint8Array() });
const hard = (commit: number): HardState => ({ term: 2, vote: "m1", commit });

/** Hands out queued Readys; `step` queues the Ready scripted for the next input. */
class ScriptedCore implements RaftCore {
  readonly queue: Ready[] = [];
  readonly script: Ready[] = [];
  outstanding: Ready | null = null;
  ticks = 0;
  tick(): void {
    this.ticks++;
  }
  step(): void {
    const next = this.script.shift();
    if (next !== undefined) this.queue.push(next);
  }
  propose(): void {}
  proposeConfChange(): void {}
  readIndex(): void {}
  transferLeadership(): void {}
  hasReady(): boolean {
    return this.outstanding === null && this.queue.length > 0;
  }
  ready(): Ready {
    const rd = this.queue.shift();
    if (rd === undefined || this.outstanding !== null) throw new Error("no Ready");
    this.outstanding = rd;
    return rd;
  }
  advance(rd: Ready): void {
    if (rd !== this.outstanding) throw new Error("advance of a Ready not handed out");
    this.outstanding = null;
  }
  applyConfChange(): never {
    throw new Error("unused");
  }
  compact(index: number, data: Uint8Array) {
    const snapshot = { metadata: { index, term: 2, confState: this.status().confState }, data };
    return { snapshot, firstIndex: index + 1 };
  }
  reportUnreachable(): void {}
  reportSnapshot(): void {}
  status(): RaftStatus {
    return {
      id: "m1",
      term: 2,
      vote: "m1",
      commit: 0,
      applied: 0,
      lastIndex: 0,
      firstIndex: 1,
      role: "leader",
      leader: "m1",
      confState: { voters: ["m1", "m2", "m3"], learners: [] },
      leadTransferee: null,
      progress: {},
    };
  }
}

type Event =
  | { kind: "send"; types: string[] }
  | { kind: "append"; write: StorageWrite; sync: boolean }
  | { kind: "persisted" }
  | { kind: "saveSnapshot"; index: number };

/** Storage whose appends complete only when the test releases them. */
class GatedStorage implements RaftLogStorage {
  readonly gates: Array<() => void> = [];
  private opened = false;
  constructor(private readonly events: Event[]) {}
  append(write: StorageWrite, sync: boolean): Promise<void> {
    this.events.push({ kind: "append", write, sync });
    if (this.opened) return Promise.resolve();
    return new Promise((resolve) =>
      this.gates.push(() => {
        this.events.push({ kind: "persisted" });
        resolve();
      }),
    );
  }
  async saveSnapshot(snapshot: Snapshot): Promise<void> {
    this.events.push({ kind: "saveSnapshot", index: snapshot.metadata.index });
  }
  release(): void {
    const gate = this.gates.shift();
    if (gate === undefined) throw new Error("no append waiting");
    gate();
  }
  /** Completes every waiting append and every later one at once. */
  open(): void {
    this.opened = true;
    for (const gate of this.gates.splice(0)) gate();
  }
}

let current: { driver: RaftDriver; storage: GatedStorage } | null = null;
afterEach(async () => {
  const c = current;
  current = null;
  if (c !== null) {
    c.storage.open();
    await c.driver.close();
  }
});

function setup(heartbeatIntervalMs = 60_000, snapshotCount = 1_000_000) {
  const events: Event[] = [];
  const core = new ScriptedCore();
  const storage = new GatedStorage(events);
  const transport: MessageSink = {
    send: (ms) => {
      if (ms.length > 0) events.push({ kind: "send", types: ms.map((m) => m.type) });
    },
    setPeers: () => {},
  };
  const driver = new RaftDriver({
    selfId: "m1",
    node: core,
    storage,
    stateMachine: new StoreStateMachine(),
    transport,
    logger: silentLogger(),
    metrics: new MasterMetrics({ processMetrics: false }),
    heartbeatIntervalMs,
    electionTimeoutMs: 10 * heartbeatIntervalMs,
    snapshotCount,
    requestTimeoutMs: 1000,
    snapshotIndex: 0,
  });
  driver.start();
  current = { driver, storage };
  return { events, core, storage, driver };
}

/** Lets queued microtasks (and the callbacks they chain) run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("RaftDriver loop (scripted core)", () => {
  it("handles a message's Ready at the end of the turn it arrived in, without waiting for a tick", async () => {
    const { events, core, driver: d } = setup();
    core.script.push(ready({ entries: [entry(5)], mustSync: true }));
    d.step(message("app", "m1", 4));
    await settle();
    expect(events.some((e) => e.kind === "append")).toBe(true);
    expect(core.ticks).toBe(0);
  });

  it("sends messages before the write and messagesAfterPersist only once the synced write is done", async () => {
    const { events, core, storage, driver: d } = setup();
    core.script.push(
      ready({
        entries: [entry(5)],
        hardState: hard(4),
        mustSync: true,
        messages: [message("app", "m2", 4)],
        messagesAfterPersist: [message("appResp", "m2", 5)],
      }),
    );
    d.step(message("app", "m1", 4));
    await settle();
    expect(events.map((e) => e.kind)).toEqual(["send", "append"]);
    expect(events[1]).toMatchObject({ kind: "append", sync: true });
    storage.release();
    await settle();
    expect(events.map((e) => e.kind)).toEqual(["send", "append", "persisted", "send"]);
    expect(events[3]).toEqual({ kind: "send", types: ["appResp"] });
  });

  it("holds a commit-only hard state back and writes it with the next synced write", async () => {
    const { events, core, storage, driver: d } = setup();
    core.script.push(ready({ hardState: hard(5), committedEntries: [entry(5)] }));
    core.script.push(ready({ entries: [entry(6)], mustSync: true }));
    d.step(message("app", "m1", 5));
    await settle();
    expect(events.filter((e) => e.kind === "append")).toHaveLength(0);
    expect(d.appliedIndex).toBe(5);
    d.step(message("app", "m1", 5));
    await settle();
    const appends = events.filter((e) => e.kind === "append");
    expect(appends).toHaveLength(1);
    expect(appends[0]).toMatchObject({ sync: true, write: { hardState: hard(5), entries: [entry(6)] } });
    storage.release();
  });

  it("a newer hard state in the next Ready replaces the held one", async () => {
    const { events, core, storage, driver: d } = setup();
    core.script.push(ready({ hardState: hard(5) }));
    core.script.push(
      ready({ entries: [entry(6)], hardState: { term: 3, vote: null, commit: 5 }, mustSync: true }),
    );
    d.step(message("app", "m1", 5));
    d.step(message("app", "m1", 5));
    await settle();
    await settle();
    const appends = events.filter((e) => e.kind === "append");
    expect(appends).toHaveLength(1);
    expect(appends[0]).toMatchObject({ write: { hardState: { term: 3, vote: null, commit: 5 } } });
    storage.release();
  });

  it("writes a held commit index (without sync) on the next tick when nothing else is written", async () => {
    const { events, core, storage, driver: d } = setup(20);
    core.script.push(ready({ hardState: hard(7) }));
    d.step(message("app", "m1", 7));
    await settle();
    expect(events.filter((e) => e.kind === "append")).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 60));
    const appends = events.filter((e) => e.kind === "append");
    expect(appends).toEqual([
      { kind: "append", sync: false, write: { hardState: hard(7), entries: [], snapshot: null } },
    ]);
    storage.release();
  });

  it("writes a held commit index on close", async () => {
    const { events, core, storage, driver: d } = setup();
    core.script.push(ready({ hardState: hard(9) }));
    d.step(message("app", "m1", 9));
    await settle();
    current = null;
    const closing = d.close();
    await settle();
    expect(events.filter((e) => e.kind === "append")).toEqual([
      { kind: "append", sync: false, write: { hardState: hard(9), entries: [], snapshot: null } },
    ]);
    storage.release();
    await closing;
  });

  it("loses no input that arrives while a batch waits for its write", async () => {
    const { events, core, storage, driver: d } = setup();
    for (let i = 0; i < 5; i++) core.script.push(ready({ entries: [entry(10 + i)], mustSync: true }));
    d.step(message("app", "m1", 9));
    await settle();
    for (let i = 1; i < 5; i++) {
      d.step(message("app", "m1", 9 + i));
      storage.release();
      await settle();
    }
    storage.release();
    await settle();
    const appended = events.flatMap((e) => (e.kind === "append" ? e.write.entries.map((x) => x.index) : []));
    expect(appended).toEqual([10, 11, 12, 13, 14]);
    expect(core.hasReady()).toBe(false);
  });

  it("writes a held commit index before a snapshot taken above it (else the data dir reads back as corrupt)", async () => {
    const { events, core, storage, driver: d } = setup(60_000, 3);
    storage.open();
    core.script.push(ready({ hardState: hard(3), committedEntries: [entry(1), entry(2), entry(3)] }));
    d.step(message("app", "m1", 3));
    await settle();
    await settle();
    const order = events.filter((e) => e.kind === "append" || e.kind === "saveSnapshot");
    expect(order).toEqual([
      { kind: "append", sync: false, write: { hardState: hard(3), entries: [], snapshot: null } },
      { kind: "saveSnapshot", index: 3 },
    ]);
  });
});

describe("RaftDriver loop: applying while the write is in flight", () => {
  it("applies a Ready's committed entries before its write completes, once the write was started", async () => {
    const { events, core, storage, driver: d } = setup();
    core.script.push(
      ready({ entries: [entry(6)], hardState: hard(5), committedEntries: [entry(5)], mustSync: true }),
    );
    d.step(message("app", "m1", 5));
    await settle();
    expect(events.map((e) => e.kind)).toEqual(["append"]);
    expect(d.appliedIndex).toBe(5);
    storage.release();
    await settle();
    expect(events.map((e) => e.kind)).toEqual(["append", "persisted"]);
  });

  it("installs a leader's snapshot, and applies the entries after it, only once it is persisted", async () => {
    const { events, core, storage, driver: d } = setup();
    const snapshot: Snapshot = {
      metadata: { index: 10, term: 2, confState: { voters: ["m1", "m2", "m3"], learners: [] } },
      data: new Uint8Array(),
    };
    core.script.push(
      ready({
        snapshot,
        hardState: hard(11),
        committedEntries: [entry(11)],
        entries: [entry(11)],
        mustSync: true,
      }),
    );
    d.step(message("snap", "m1", 10));
    await settle();
    expect(events.map((e) => e.kind)).toEqual(["append"]);
    expect(d.appliedIndex).toBe(0);
    storage.release();
    await settle();
    expect(d.appliedIndex).toBe(11);
  });
});
