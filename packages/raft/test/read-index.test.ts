import { describe, expect, it } from "vitest";
import { bytes, Cluster } from "./cluster.js";

function threeNodes(): Cluster {
  const c = new Cluster(["a", "b", "c"]);
  c.node("a").campaign();
  c.stabilize();
  c.node("a").propose(bytes("w1"));
  c.stabilize();
  return c;
}

describe("ReadIndex", () => {
  it("the leader answers after a heartbeat round confirms it still leads", () => {
    const c = threeNodes();
    c.node("a").readIndex("r1");
    const rd = c.node("a").ready();
    expect(rd.readStates).toEqual([]);
    expect(rd.messages.filter((m) => m.type === "heartbeat").map((m) => m.context)).toEqual(["r1", "r1"]);
    c.node("a").advance(rd);
    c.queue.push(...rd.messages);
    c.stabilize();
    expect(c.readStates.get("a")).toEqual([{ index: 3, context: "r1" }]);
  });

  it("one heartbeat round answers every read made since the last Ready", () => {
    const c = threeNodes();
    for (const ctx of ["r1", "r2", "r3"]) c.node("a").readIndex(ctx);
    c.stabilize();
    expect(c.readStates.get("a")!.map((r) => r.context)).toEqual(["r1", "r2", "r3"]);
    expect(c.sent.filter((m) => m.type === "heartbeat" && m.context !== "")).toHaveLength(2);
  });

  it("a single voter answers at once", () => {
    const c = new Cluster(["a"]);
    c.node("a").campaign();
    c.stabilize();
    c.node("a").readIndex("solo");
    c.stabilize();
    expect(c.readStates.get("a")).toEqual([{ index: 2, context: "solo" }]);
  });

  it("a follower forwards the read and emits the leader's answer", () => {
    const c = threeNodes();
    c.node("b").readIndex("via-b");
    c.stabilize();
    expect(c.readStates.get("b")).toEqual([{ index: 3, context: "via-b" }]);
    expect(c.readStates.get("a")).toEqual([]);
    const fwd = c.sent.find((m) => m.type === "readIndex");
    expect(fwd).toMatchObject({ from: "b", to: "a", term: 0, context: "via-b" });
  });

  it("a follower without a leader refuses", () => {
    const c = new Cluster(["a", "b", "c"]);
    expect(() => c.node("b").readIndex("x")).toThrowError(
      expect.objectContaining({ code: "ProposalDropped" }),
    );
  });

  it("withholds the read when leadership is lost, and drops it on step-down", () => {
    const c = threeNodes();
    c.isolate("a");
    c.node("a").readIndex("lost");
    c.tick(25, ["a"]);
    expect(c.node("a").status().role).toBe("follower");
    c.heal();
    c.tick(30);
    expect(c.readStates.get("a")).toEqual([]);
  });

  it("defers reads until the new leader has committed an entry of its term", () => {
    const c = new Cluster(["a", "b", "c"]);
    c.node("a").campaign();
    c.stabilizeUntil(() => c.node("a").status().role === "leader");
    expect(c.node("a").status().commit).toBe(1);
    c.node("a").readIndex("early");
    c.stabilizeUntil(() => c.node("a").status().commit === 2);
    expect(c.readStates.get("a")).toEqual([]);
    c.stabilize();
    // The read index is the commit of the term, not the stale one at arrival.
    expect(c.readStates.get("a")).toEqual([{ index: 2, context: "early" }]);
  });
});
