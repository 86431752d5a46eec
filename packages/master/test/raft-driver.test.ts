import {
  bootstrapState,
  defaultRaftConfig,
  type Message,
  type NodeId,
  RaftNode,
  type Snapshot,
} from "@tskube/raft";
import { MvccStore } from "@tskube/store";
import { afterEach, describe, expect, it } from "vitest";
import { MasterError } from "../src/errors.js";
import { silentLogger } from "../src/logger.js";
import { MasterMetrics } from "../src/metrics.js";
import { type MessageSink, RaftDriver, type RaftLogStorage } from "../src/raft-driver.js";
import {
  type AppliedResult,
  encodeStateSnapshot,
  encodeStoreEntry,
  StoreStateMachine,
} from "../src/state-machine/store-state-machine.js";
import type { StorageWrite } from "../src/storage/index.js";

class MemoryStorage implements RaftLogStorage {
  readonly appends: Array<{ write: StorageWrite; sync: boolean }> = [];
  readonly snapshots: Array<{ snapshot: Snapshot; firstIndex: number }> = [];
  async append(write: StorageWrite, sync: boolean): Promise<void> {
    this.appends.push({ write, sync });
  }
  async saveSnapshot(snapshot: Snapshot, firstIndex: number): Promise<void> {
    this.snapshots.push({ snapshot, firstIndex });
  }
}

/** Delivers messages between in-process drivers on the next turn; a member can be cut off. */
class MemoryNetwork {
  readonly drivers = new Map<NodeId, RaftDriver<AppliedResult>>();
  readonly isolated = new Set<NodeId>();
  sink(from: NodeId): MessageSink {
    return {
      setPeers: () => {},
      send: (messages: readonly Message[]) => {
        for (const m of messages) {
          setImmediate(() => {
            if (this.isolated.has(from) || this.isolated.has(m.to)) return;
            this.drivers.get(m.to)?.step(m);
            if (m.type === "snap") this.drivers.get(from)?.reportSnapshot(m.to, true);
          });
        }
      },
    };
  }
}

interface Member {
  driver: RaftDriver<AppliedResult>;
  storage: MemoryStorage;
  sm: StoreStateMachine;
  removed: boolean;
}

let drivers: RaftDriver<AppliedResult>[] = [];
afterEach(async () => {
  await Promise.all(drivers.map((d) => d.close()));
  drivers = [];
});

function cluster(
  names: string[],
  options: { snapshotCount?: number; requestTimeoutMs?: number; electionTick?: number } = {},
) {
  const net = new MemoryNetwork();
  const book = new Map(names.map((n) => [n, `127.0.0.1:${names.indexOf(n) + 1}`]));
  const members = new Map<string, Member>();
  for (const name of names) {
    const storage = new MemoryStorage();
    const sm = new StoreStateMachine();
    const initial = bootstrapState(names, encodeStateSnapshot(new MvccStore(), book));
    sm.restore(initial.snapshot.data);
    const member: Member = {
      storage,
      sm,
      removed: false,
      driver: null as unknown as RaftDriver<AppliedResult>,
    };
    member.driver = new RaftDriver({
      selfId: name,
      node: new RaftNode(
        {
          ...defaultRaftConfig(name, Math.random),
          snapshotCatchUpEntries: 5,
          ...(options.electionTick === undefined ? {} : { electionTick: options.electionTick }),
        },
        initial,
      ),
      storage,
      stateMachine: sm,
      transport: net.sink(name),
      logger: silentLogger(),
      metrics: new MasterMetrics({ processMetrics: false }),
      heartbeatIntervalMs: 5,
      electionTimeoutMs: 50,
      snapshotCount: options.snapshotCount ?? 10_000,
      requestTimeoutMs: options.requestTimeoutMs ?? 2000,
      snapshotIndex: 1,
      onRemoved: () => {
        member.removed = true;
      },
    });
    net.drivers.set(name, member.driver);
    members.set(name, member);
    drivers.push(member.driver);
  }
  for (const m of members.values()) m.driver.start();
  return { net, members };
}

async function until(what: string, probe: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function leaderOf(members: Map<string, Member>): Promise<string> {
  let leader = "";
  await until("a leader", () => {
    const l = [...members.values()].find((m) => m.driver.isLeader);
    leader = l === undefined ? "" : (l.driver.status().raft.id as string);
    return leader !== "" && [...members.values()].every((m) => m.driver.leaderId === leader);
  });
  return leader;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

function put(driver: RaftDriver<AppliedResult>, key: string, value: string): Promise<AppliedResult> {
  return driver.propose(
    (id) =>
      encodeStoreEntry(id, { type: "put", request: { key: enc.encode(key), value: enc.encode(value) } }),
    "put",
  );
}

function revisionOf(r: AppliedResult): number {
  if (r.kind !== "store" || !r.result.ok) throw new Error("put failed");
  return r.result.revision;
}

function get(sm: StoreStateMachine, key: string): string | undefined {
  const kv = sm.store.range({ key: enc.encode(key) }).kvs[0];
  return kv === undefined ? undefined : dec.decode(kv.value);
}

describe("RaftDriver (3 in-process members, in-memory disk and network)", () => {
  it("commits a write proposed on a follower, applies it everywhere, and serves a linearizable read there", async () => {
    const { members } = cluster(["m1", "m2", "m3"]);
    const leader = await leaderOf(members);
    const follower = [...members.keys()].find((n) => n !== leader) as string;
    const f = members.get(follower) as Member;
    const result = await put(f.driver, "k", "v1");
    expect(revisionOf(result)).toBe(2);
    await until("applied everywhere", () => [...members.values()].every((m) => get(m.sm, "k") === "v1"));
    const readAt = await f.driver.linearizableRead();
    expect(readAt).toBe(f.driver.appliedIndex);
    expect(get(f.sm, "k")).toBe("v1");
  });

  it("persists before acknowledging: every Ready with entries is appended with sync", async () => {
    const { members } = cluster(["m1", "m2", "m3"]);
    const leader = members.get(await leaderOf(members)) as Member;
    await put(leader.driver, "a", "1");
    const withEntries = leader.storage.appends.filter((a) => a.write.entries.length > 0);
    expect(withEntries.length).toBeGreaterThan(0);
    expect(withEntries.every((a) => a.sync)).toBe(true);
  });

  it("group commit: proposals made in one event-loop turn share one append (one fsync)", async () => {
    const { members } = cluster(["m1", "m2", "m3"]);
    const leader = members.get(await leaderOf(members)) as Member;
    const before = leader.storage.appends.length;
    const writes = Array.from({ length: 50 }, (_, i) => put(leader.driver, `g${i}`, "x"));
    const results = await Promise.all(writes);
    expect(new Set(results.map(revisionOf)).size).toBe(50);
    // Nothing else proposes here, so every append with entries since `before` carries ours.
    const appendsWithEntries = leader.storage.appends.slice(before).filter((a) => a.write.entries.length > 0);
    expect(appendsWithEntries).toHaveLength(1);
    expect(appendsWithEntries[0]?.write.entries.length).toBe(50);
  });

  it("takes a snapshot every --snapshot-count applied entries and saves it with the compacted first index", async () => {
    const { members } = cluster(["m1", "m2", "m3"], { snapshotCount: 20 });
    const leader = members.get(await leaderOf(members)) as Member;
    for (let i = 0; i < 30; i++) await put(leader.driver, `s${i}`, `${i}`);
    await until("a snapshot saved", () => leader.storage.snapshots.length > 0);
    const [saved] = leader.storage.snapshots;
    expect(saved?.snapshot.metadata.index).toBeGreaterThanOrEqual(21);
    expect(saved?.firstIndex).toBeLessThanOrEqual((saved?.snapshot.metadata.index ?? 0) + 1);
    const restored = new StoreStateMachine();
    restored.restore(saved?.snapshot.data ?? new Uint8Array());
    expect(get(restored, "s0")).toBe("0");
    expect(restored.members.size).toBe(3);
  });

  it("times out a proposal that cannot commit (leader cut off) with a Timeout error", async () => {
    const { net, members } = cluster(["m1", "m2", "m3"], { requestTimeoutMs: 150, electionTick: 100 });
    const name = await leaderOf(members);
    net.isolated.add(name);
    const leader = members.get(name) as Member;
    await expect(put(leader.driver, "lost", "x")).rejects.toMatchObject({ code: "Timeout" });
  });

  it("fails a waiting proposal as soon as the leader changes, instead of waiting out the timeout", async () => {
    const { net, members } = cluster(["m1", "m2", "m3"], { requestTimeoutMs: 30_000 });
    const name = await leaderOf(members);
    net.isolated.add(name);
    const leader = members.get(name) as Member;
    const started = Date.now();
    // The cut-off leader steps down (check-quorum) within an election timeout: the write's outcome is unknown.
    await expect(put(leader.driver, "lost", "x")).rejects.toMatchObject({ code: "LeaderChanged" });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("refuses at once when no leader is known", async () => {
    const { net, members } = cluster(["m1", "m2", "m3"]);
    for (const n of members.keys()) net.isolated.add(n);
    const m1 = members.get("m1") as Member;
    expect(() => put(m1.driver, "x", "y")).toThrow(MasterError);
    expect(() => m1.driver.linearizableRead()).toThrow(/no leader/);
  });

  it("applies a removal: the removed member is told, the others drop it from the address book", async () => {
    const { members } = cluster(["m1", "m2", "m3"]);
    const leaderName = await leaderOf(members);
    const victim = [...members.keys()].find((n) => n !== leaderName) as string;
    const leader = members.get(leaderName) as Member;
    const conf = await leader.driver.proposeConfChange({ type: "remove", id: victim, context: "" });
    expect(conf.voters).not.toContain(victim);
    expect(leader.sm.members.has(victim)).toBe(false);
    // Every membership change is followed by a snapshot, so the snapshot a new member gets is never older
    // than the membership (its address book names every current member).
    await until("snapshot after the change", () => leader.storage.snapshots.length > 0);
    const restored = new StoreStateMachine();
    restored.restore(leader.storage.snapshots.at(-1)?.snapshot.data ?? new Uint8Array());
    expect(restored.members.has(victim)).toBe(false);
    expect(restored.members.size).toBe(2);
    await until("victim told", () => (members.get(victim) as Member).removed);
    await put(leader.driver, "after-removal", "ok");
  });
});
