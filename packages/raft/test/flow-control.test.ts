// The leader's per-follower window (probe / replicate / snapshot): every way out of a paused state
// must lead back to replication without waiting for a new proposal or a backstop timer.
import type { Message } from "@tskube/raft";
import { describe, expect, it } from "vitest";
import { bytes, Cluster } from "./cluster.js";

function leaderWithLaggingC(catchUp: number, proposals: number): Cluster {
  const c = new Cluster(["a", "b", "c"], { config: { snapshotCatchUpEntries: catchUp } });
  c.node("a").campaign();
  c.stabilize();
  c.isolate("c");
  for (let i = 0; i < proposals; i++) {
    c.node("a").propose(bytes(`v${i}`));
    c.stabilize();
  }
  return c;
}

describe("flow control", () => {
  it("a snapshot acked after the leader compacted past it is followed by the newer snapshot at once", () => {
    const c = leaderWithLaggingC(0, 10);
    const a = c.node("a");
    a.compact(12, bytes("state@12"));
    c.heal();
    // Hold the first snapshot back, as a slow transport would.
    const held: Message[] = [];
    c.filter = (m) => {
      if (m.type === "snap" && held.length === 0) {
        held.push(m);
        return false;
      }
      return true;
    };
    c.tick(2);
    expect(held).toHaveLength(1);
    expect(a.status().progress.c?.state).toBe("snapshot");
    // Meanwhile the leader moves on and compacts again, past the snapshot in flight.
    for (let i = 0; i < 3; i++) {
      a.propose(bytes(`w${i}`));
      c.stabilize();
    }
    a.compact(15, bytes("state@15"));
    // The old snapshot arrives and is acked at 12: the log no longer reaches back to 13.
    c.node("c").step(held[0]!);
    c.stabilize();
    // No waiting for the three-election-timeout backstop: the snapshot at 15 went out right away.
    expect(c.sent.filter((m) => m.type === "snap").map((m) => m.snapshot?.metadata.index)).toEqual([12, 15]);
    expect(c.node("c").status().commit).toBe(15);
    c.tick(1);
    expect(a.status().progress.c).toMatchObject({ state: "replicate", match: 15, inflight: 0 });
  });

  it("after reportUnreachable the follower is probed from its match and catches up without new proposals", () => {
    const c = leaderWithLaggingC(5000, 0);
    c.heal();
    c.tick(1);
    const a = c.node("a");
    // Appends to c are lost while the leader replicates optimistically.
    c.filter = (m) => !(m.to === "c" && m.type === "app");
    for (let i = 0; i < 4; i++) a.propose(bytes(`x${i}`));
    c.stabilize();
    expect(a.status().progress.c).toMatchObject({ state: "replicate", inflight: 1 });
    a.reportUnreachable("c");
    expect(a.status().progress.c).toMatchObject({ state: "probe", inflight: 0, next: 3 });
    c.heal();
    c.tick(2);
    expect(c.applied.get("c")).toEqual(["x0", "x1", "x2", "x3"]);
    expect(a.status().progress.c).toMatchObject({ state: "replicate", match: 6, inflight: 0 });
  });

  it("a rejected append in replicate state releases the window and re-sends from the hint", () => {
    const c = new Cluster(["a", "b", "c"], { config: { maxInflightMsgs: 2, maxSizePerMsg: 1 } });
    c.node("a").campaign();
    c.stabilize();
    const a = c.node("a");
    // The first append to c is lost, the second is delivered and rejected (gap in c's log).
    let dropped = 0;
    c.filter = (m) => !(m.to === "c" && m.type === "app" && m.entries.length > 0 && dropped++ === 0);
    for (let i = 0; i < 6; i++) a.propose(bytes(`y${i}`));
    c.stabilize();
    const rejects = c.sent.filter((m) => m.type === "appResp" && m.from === "c" && m.reject);
    expect(rejects.length).toBeGreaterThan(0);
    // No stall: without any tick or new proposal, c has everything.
    expect(c.applied.get("c")).toEqual(["y0", "y1", "y2", "y3", "y4", "y5"]);
    expect(a.status().progress.c).toMatchObject({ state: "replicate", match: 8, inflight: 0 });
  });

  it("the window is empty again once a snapshot is installed", () => {
    const c = leaderWithLaggingC(0, 5);
    const a = c.node("a");
    a.compact(7, bytes("state@7"));
    c.heal();
    c.tick(2);
    expect(c.node("c").status().commit).toBe(7);
    expect(a.status().progress.c).toMatchObject({ state: "replicate", match: 7, inflight: 0 });
    for (let i = 0; i < 5; i++) a.propose(bytes(`z${i}`));
    c.stabilize();
    expect(a.status().progress.c).toMatchObject({ state: "replicate", match: 12, inflight: 0 });
  });

  it("inflight counts return to zero after a burst with reordered acks", () => {
    const c = new Cluster(["a", "b"], { config: { maxInflightMsgs: 4, maxSizePerMsg: 1 } });
    c.node("a").campaign();
    c.stabilize();
    const a = c.node("a");
    for (let i = 0; i < 12; i++) a.propose(bytes(`r${i}`));
    // Deliver b's acks newest first.
    for (let round = 0; round < 50 && c.queue.length + (a.hasReady() ? 1 : 0) > 0; round++) {
      for (const id of ["a", "b"]) while (c.process(id)) {}
      c.queue.reverse();
      c.deliver();
    }
    c.stabilize();
    expect(c.node("b").status().commit).toBe(14);
    expect(a.status().progress.b).toMatchObject({ state: "replicate", match: 14, inflight: 0 });
  });
});
