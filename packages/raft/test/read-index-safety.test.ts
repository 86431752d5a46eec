// ReadIndex linearizability: a read point is never below a write acknowledged before the read was
// issued, and only a leader confirmed by a quorum of its current voters hands one out.
import { describe, expect, it } from "vitest";
import { bytes, Cluster } from "./cluster.js";

describe("ReadIndex safety", () => {
  it("a new leader whose commit index lags answers only at or above every acknowledged write", () => {
    const c = new Cluster(["a", "b", "c"]);
    c.node("a").campaign();
    c.stabilize();
    // w commits on a (acks from b and c), but the commit index never reaches b or c.
    c.filter = (m) => !(m.from === "a" && m.commit > 2);
    c.node("a").propose(bytes("w"));
    c.stabilize();
    expect(c.applied.get("a")).toEqual(["w"]); // acknowledged to the client
    expect(c.node("b").status().commit).toBe(2);
    c.heal();
    c.isolate("a");
    // b and c elect one of them; stop as soon as it leads, before its first entry commits.
    let l: string | null = null;
    for (let i = 0; i < 100 && l === null; i++) {
      for (const id of ["b", "c"]) c.node(id).tick();
      c.stabilizeUntil(() => {
        l = ["b", "c"].find((id) => c.node(id).status().role === "leader") ?? null;
        return l !== null;
      });
    }
    const leader: string = l!;
    const other = leader === "b" ? "c" : "b";
    expect(c.node(leader).status().commit).toBe(2);
    c.node(leader).readIndex("after-w");
    c.stabilizeUntil(() => c.node(other).status().leader === leader);
    expect(c.node(leader).status().commit).toBe(2);
    c.node(other).readIndex("after-w-via-follower");
    c.stabilize();
    const reads = [...c.readStates.get(leader)!, ...c.readStates.get(other)!];
    expect(reads.map((r) => r.context).sort()).toEqual(["after-w", "after-w-via-follower"]);
    for (const r of reads) expect(r.index).toBeGreaterThanOrEqual(3); // w is at 3
  });

  it("a deposed leader in a minority never answers a read", () => {
    const c = new Cluster(["a", "b", "c"]);
    c.node("a").campaign();
    c.stabilize();
    // a is cut from b and c but still thinks it leads (check-quorum has not fired yet).
    c.isolate("a");
    c.tick(25, ["b", "c"]);
    const l = c.leader();
    expect(l === "b" || l === "c").toBe(true);
    c.node(l!).propose(bytes("new-term-write"));
    c.stabilize();
    expect(c.node("a").status().role).toBe("leader");
    c.node("a").readIndex("stale");
    c.tick(3, ["a"]);
    expect(c.readStates.get("a")).toEqual([]);
    // Once the partition heals a learns it was deposed; the read is dropped, never answered.
    c.heal();
    c.tick(3);
    expect(c.node("a").status().role).toBe("follower");
    expect(c.readStates.get("a")).toEqual([]);
  });

  it("acks from a voter removed after it answered do not confirm a read", () => {
    const ids = ["a", "b", "c", "d", "e"];
    const c = new Cluster(ids);
    c.node("a").campaign();
    c.stabilize();
    // Only e answers the read's heartbeat round.
    let ackers = new Set(["e"]);
    c.filter = (m) => !(m.type === "heartbeatResp" && m.context === "r" && !ackers.has(m.from));
    c.node("a").readIndex("r");
    c.stabilize();
    expect(c.readStates.get("a")).toEqual([]);
    c.node("a").proposeConfChange({ type: "remove", id: "e", context: "" });
    c.stabilize();
    expect(c.node("a").status().confState.voters).toEqual(["a", "b", "c", "d"]);
    // Now b answers: a, b (and the removed e) are not a majority of a, b, c, d.
    ackers = new Set(["b"]);
    c.tick(1);
    expect(c.readStates.get("a")).toEqual([]);
    ackers = new Set(["b", "c"]);
    c.tick(1);
    expect(c.readStates.get("a")!.map((r) => r.context)).toEqual(["r"]);
  });
});
