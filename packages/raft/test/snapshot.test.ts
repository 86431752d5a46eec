import { defaultRaftConfig, emptyState, RaftNode, seededRandom } from "@tskube/raft";
import { describe, expect, it } from "vitest";
import { bytes, Cluster, text } from "./cluster.js";
import { msg, stateWithLog } from "./helpers.js";

function leaderWithLaggingFollower(catchUp: number): Cluster {
  const c = new Cluster(["a", "b", "c"], { config: { snapshotCatchUpEntries: catchUp } });
  c.node("a").campaign();
  c.stabilize();
  c.isolate("c");
  for (let i = 0; i < 10; i++) {
    c.node("a").propose(bytes(`v${i}`));
    c.stabilize();
  }
  return c;
}

describe("snapshots and compaction", () => {
  it("compact records a snapshot, keeps snapshotCatchUpEntries entries and emits nothing", () => {
    const c = leaderWithLaggingFollower(3);
    const a = c.node("a");
    const applied = a.status().applied;
    expect(applied).toBe(12);
    expect(() => a.compact(applied - 1, bytes("s"))).toThrowError(
      expect.objectContaining({ code: "InvalidArgument" }),
    );
    const { snapshot, firstIndex } = a.compact(applied, bytes("state@12"));
    expect(snapshot.metadata).toEqual({
      index: 12,
      term: 2,
      confState: { voters: ["a", "b", "c"], learners: [] },
    });
    expect(firstIndex).toBe(10); // entries up to 12 - 3 = 9 are dropped
    expect(a.status().firstIndex).toBe(10);
    expect(a.term(9)).toBe(2); // the entry just before the first kept one is known by term
    expect(a.term(8)).toBeNull();
    expect(() => a.entries(8, 10)).toThrowError(expect.objectContaining({ code: "InvalidArgument" }));
    expect(a.entries(10, 13).map((e) => text(e.data))).toEqual(["v7", "v8", "v9"]);
    expect(a.hasReady()).toBe(false);
  });

  it("a lagging follower within the kept entries catches up from the log", () => {
    const c = leaderWithLaggingFollower(20);
    c.node("a").compact(12, bytes("state@12"));
    c.heal();
    c.tick(3);
    expect(c.sent.some((m) => m.type === "snap")).toBe(false);
    expect(c.applied.get("c")).toHaveLength(10);
  });

  it("a follower that needs compacted entries gets a snapshot and then the rest of the log", () => {
    const c = leaderWithLaggingFollower(0);
    c.node("a").compact(12, bytes("state@12"));
    c.node("a").propose(bytes("after"));
    c.stabilize();
    c.heal();
    c.tick(3);
    const snaps = c.sent.filter((m) => m.type === "snap");
    expect(snaps).toHaveLength(1);
    expect(snaps[0]!.snapshot?.metadata.index).toBe(12);
    expect(c.disks.get("c")!.snapshot.data).toEqual(bytes("state@12"));
    expect(c.applied.get("c")).toEqual(["after"]); // the rest came with the snapshot
    expect(c.node("c").status()).toMatchObject({ commit: 13, applied: 13, firstIndex: 13, lastIndex: 13 });
    expect(c.node("a").status().progress.c).toMatchObject({ state: "replicate", match: 13 });
  });

  it("a lost snapshot is retried after reportSnapshot(false)", () => {
    const c = leaderWithLaggingFollower(0);
    c.node("a").compact(12, bytes("state@12"));
    c.heal();
    c.filter = (m) => m.type !== "snap";
    c.tick(2);
    expect(c.node("a").status().progress.c?.state).toBe("snapshot");
    c.node("a").reportSnapshot("c", false);
    expect(c.node("a").status().progress.c?.state).toBe("probe");
    c.heal();
    c.tick(3);
    expect(c.node("c").status().commit).toBe(12);
    expect(c.sent.filter((m) => m.type === "snap")).toHaveLength(2);
  });

  it("a lost snapshot that nobody reports is retried after a few election timeouts", () => {
    const c = leaderWithLaggingFollower(0);
    c.node("a").compact(12, bytes("state@12"));
    c.heal();
    let dropped = 0;
    c.filter = (m) => !(m.type === "snap" && dropped++ === 0);
    c.tick(40);
    expect(c.node("c").status().commit).toBe(12);
  });

  it("a follower that already holds the snapshot's last entry only moves its commit index", () => {
    const b = new RaftNode(
      defaultRaftConfig("b", seededRandom(3)),
      stateWithLog(["a", "b"], [1, 1, 2, 2, 2], 2),
    );
    const snapshot = {
      metadata: { index: 4, term: 2, confState: { voters: ["a", "b"], learners: [] } },
      data: bytes("state@4"),
    };
    b.step(msg({ type: "snap", from: "a", to: "b", term: 2, snapshot }));
    const rd = b.ready();
    expect(rd.snapshot).toBeNull();
    expect(rd.hardState?.commit).toBe(4);
    expect(rd.committedEntries.map((e) => e.index)).toEqual([1, 2, 3, 4]);
    expect(rd.messagesAfterPersist).toMatchObject([{ type: "appResp", index: 4, reject: false }]);
    b.advance(rd);
    expect(b.status().lastIndex).toBe(5); // entry 5 is kept
  });

  it("a follower installs a newer snapshot: its log restarts after it", () => {
    const b = new RaftNode(defaultRaftConfig("b", seededRandom(3)), stateWithLog(["a", "b"], [1, 1, 1], 1));
    const snapshot = {
      metadata: { index: 6, term: 2, confState: { voters: ["a", "b"], learners: [] } },
      data: bytes("state@6"),
    };
    b.step(msg({ type: "snap", from: "a", to: "b", term: 2, snapshot }));
    const rd = b.ready();
    expect(rd.snapshot).toBe(snapshot);
    expect(rd.committedEntries).toEqual([]);
    expect(rd.mustSync).toBe(true);
    expect(rd.messagesAfterPersist).toMatchObject([{ type: "appResp", index: 6, reject: false }]);
    b.advance(rd);
    expect(b.status()).toMatchObject({ applied: 6, commit: 6, firstIndex: 7, lastIndex: 6 });
    expect(b.term(6)).toBe(2);
    // A snapshot that is not newer than the commit index is answered and ignored.
    b.step(
      msg({
        type: "snap",
        from: "a",
        to: "b",
        term: 2,
        snapshot: { ...snapshot, metadata: { ...snapshot.metadata, index: 5 } },
      }),
    );
    const rd2 = b.ready();
    expect(rd2.snapshot).toBeNull();
    expect(rd2.messagesAfterPersist).toMatchObject([{ type: "appResp", index: 6 }]);
  });

  it("a joiner starting from emptyState receives the bootstrap snapshot and then the log", () => {
    const c = new Cluster(["a", "b", "c"]);
    c.node("a").campaign();
    c.stabilize();
    c.node("a").propose(bytes("before-join"));
    c.stabilize();
    c.add("d", emptyState());
    c.node("a").proposeConfChange({ type: "addLearner", id: "d", context: "addr-d" });
    c.stabilize();
    c.node("a").propose(bytes("after-join"));
    c.stabilize();
    c.tick(2);
    // d's state machine starts from the bootstrap snapshot, then replays every entry after it.
    expect(c.disks.get("d")!.snapshot.metadata.index).toBe(1);
    expect(c.applied.get("d")).toEqual(["before-join", "after-join"]);
    expect(c.node("d").status().confState).toEqual({ voters: ["a", "b", "c"], learners: ["d"] });
  });

  it("compact(applied) while a received snapshot is not applied yet is a no-op (sim finding 2)", () => {
    const b = new RaftNode(defaultRaftConfig("b", seededRandom(3)), stateWithLog(["a", "b"], [1, 1, 1], 1));
    // A Ready that commits 1–3 is being fsynced when the leader's snapshot at 6 arrives.
    b.step(msg({ type: "app", from: "a", to: "b", term: 1, index: 3, logTerm: 1, commit: 3 }));
    const rd = b.ready();
    expect(rd.committedEntries.map((e) => e.index)).toEqual([1, 2, 3]);
    const snapshot = {
      metadata: { index: 6, term: 1, confState: { voters: ["a", "b"], learners: [] } },
      data: bytes("state@6"),
    };
    b.step(msg({ type: "snap", from: "a", to: "b", term: 1, snapshot }));
    b.advance(rd);
    // The driver compacts at its applied index, as the contract allows: nothing to do, no error.
    const kept = b.compact(3, bytes("state@3"));
    expect(kept.snapshot.metadata.index).toBe(0); // what it had persisted before
    expect(kept.firstIndex).toBe(1);
    const rd2 = b.ready();
    expect(rd2.snapshot).toBe(snapshot);
    // While the Ready with the snapshot is outstanding the disk is in between: call after advance.
    expect(() => b.compact(3, bytes("state@3"))).toThrowError(
      expect.objectContaining({ code: "InvalidArgument" }),
    );
    b.advance(rd2);
    expect(b.status().applied).toBe(6);
    const after = b.compact(6, bytes("state@6"));
    expect(after.snapshot.metadata).toMatchObject({ index: 6, term: 1 });
    expect(after.firstIndex).toBe(7);
  });
});
