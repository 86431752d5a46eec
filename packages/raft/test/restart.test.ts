// Restarting from what the driver persisted: compacted logs with catch-up entries behind the snapshot,
// votes and commits, and a follower that installed a snapshot.
import { describe, expect, it } from "vitest";
import { bytes, Cluster } from "./cluster.js";

describe("restart from the persisted state", () => {
  it("a leader that compacted with catch-up entries restarts, leads again and catches up a follower from the log", () => {
    const c = new Cluster(["a", "b", "c"], { config: { snapshotCatchUpEntries: 3 } });
    c.node("a").campaign();
    c.stabilize();
    for (let i = 0; i < 8; i++) {
      c.node("a").propose(bytes(`v${i}`));
      c.stabilize();
    }
    expect(c.node("c").status().commit).toBe(10);
    c.isolate("c");
    c.node("a").propose(bytes("v8"));
    c.node("a").propose(bytes("v9"));
    c.stabilize();
    const { snapshot, firstIndex } = c.node("a").compact(12, bytes("state@12"));
    expect(firstIndex).toBe(10);
    // The driver keeps entries from firstIndex on, i.e. entries before the snapshot index.
    const disk = c.disks.get("a")!;
    disk.snapshot = snapshot;
    disk.entries = disk.entries.filter((e) => e.index >= firstIndex);
    const a = c.restart("a");
    expect(a.status()).toMatchObject({ commit: 12, applied: 12, lastIndex: 12, role: "follower" });
    expect(a.term(12)).toBe(2);
    expect(a.entries(a.status().firstIndex, 13).map((e) => e.index)).toEqual([11, 12]);
    // a and the lagging c (at 10) elect a; b is away.
    c.heal();
    c.isolate("b");
    for (let i = 0; i < 60 && c.node("a").status().role !== "leader"; i++) c.tick(1, ["a", "c"]);
    expect(c.node("a").status().role).toBe("leader");
    c.stabilize();
    expect(c.sent.some((m) => m.type === "snap")).toBe(false);
    expect(c.applied.get("c")!.slice(-2)).toEqual(["v8", "v9"]);
    // The restarted node re-applies nothing it had applied before.
    expect(c.applied.get("a")!.filter((d) => d === "v9")).toHaveLength(1);
  });

  it("a follower restarted after installing a snapshot continues right after it", () => {
    const c = new Cluster(["a", "b", "c"], { config: { snapshotCatchUpEntries: 0 } });
    c.node("a").campaign();
    c.stabilize();
    c.isolate("c");
    for (let i = 0; i < 5; i++) {
      c.node("a").propose(bytes(`v${i}`));
      c.stabilize();
    }
    c.node("a").compact(7, bytes("state@7"));
    c.heal();
    c.tick(2);
    expect(c.disks.get("c")!.snapshot.metadata.index).toBe(7);
    c.node("a").propose(bytes("after"));
    c.stabilize();
    const before = c.node("c").status();
    const restarted = c.restart("c");
    expect(restarted.status()).toMatchObject({
      commit: before.commit,
      applied: before.applied,
      lastIndex: before.lastIndex,
      firstIndex: 8,
      term: before.term,
    });
    c.node("a").propose(bytes("after-restart"));
    c.stabilize();
    c.tick(2);
    expect(c.applied.get("c")).toEqual(["after", "after-restart"]);
  });

  it("committed but unapplied entries, including a conf change, are re-delivered after a restart", () => {
    const c = new Cluster(["a", "b", "c"]);
    c.node("a").campaign();
    c.stabilize();
    // b persists the entries and the commit but crashes before applying them.
    c.onApply = (id) => {
      if (id === "b") throw new Error("crash before apply");
    };
    c.node("a").proposeConfChange({ type: "addLearner", id: "d", context: "" });
    c.node("a").propose(bytes("p"));
    expect(() => c.stabilize()).toThrow("crash before apply");
    c.onApply = () => {};
    const disk = c.disks.get("b")!;
    expect(disk.hardState.commit).toBeGreaterThan(disk.applied);
    const b = c.restart("b");
    // The conf change is not applied yet, so the membership is the old one until it is re-delivered.
    expect(b.status().confState.learners).toEqual([]);
    c.stabilize();
    expect(c.node("b").status().confState.learners).toEqual(["d"]);
    expect(c.applied.get("b")).toEqual(["p"]);
  });
});
