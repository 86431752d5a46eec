import { describe, expect, it } from "vitest";
import { bytes, Cluster } from "./cluster.js";

function threeNodes(): Cluster {
  const c = new Cluster(["a", "b", "c"]);
  c.node("a").campaign();
  c.stabilize();
  return c;
}

describe("leader transfer", () => {
  it("to an up-to-date follower: timeoutNow at once, the transferee wins without pre-vote", () => {
    const c = threeNodes();
    const before = c.sent.length;
    c.node("a").transferLeadership("b");
    c.stabilize();
    const sent = c.sent.slice(before);
    expect(c.node("b").status()).toMatchObject({ role: "leader", term: 3 });
    expect(c.node("a").status()).toMatchObject({ role: "follower", leader: "b" });
    expect(sent.filter((m) => m.type === "preVote")).toEqual([]);
    const votes = sent.filter((m) => m.type === "vote");
    expect(votes).toHaveLength(2);
    expect(votes.every((m) => m.context === "transfer")).toBe(true);
  });

  it("to a lagging follower: it is caught up first, then gets timeoutNow", () => {
    const c = threeNodes();
    c.isolate("c");
    for (let i = 0; i < 5; i++) {
      c.node("a").propose(bytes(`x${i}`));
      c.stabilize();
    }
    c.heal();
    c.node("a").transferLeadership("c");
    expect(c.node("a").status().leadTransferee).toBe("c");
    // Proposals are refused while the transfer is under way.
    expect(() => c.node("a").propose(bytes("no"))).toThrowError(
      expect.objectContaining({ code: "ProposalDropped" }),
    );
    c.stabilize();
    c.tick(2);
    expect(c.node("c").status().role).toBe("leader");
    expect(c.applied.get("c")).toEqual(["x0", "x1", "x2", "x3", "x4"]);
    const timeoutNow = c.sent.findIndex((m) => m.type === "timeoutNow");
    const lastApp = c.sent.findLastIndex((m, i) => i < timeoutNow && m.type === "appResp" && m.from === "c");
    expect(lastApp).toBeGreaterThan(-1);
  });

  it("is abandoned after an election timeout", () => {
    const c = threeNodes();
    c.isolate("c");
    c.node("a").transferLeadership("c");
    c.tick(9, ["a", "b"]);
    expect(c.node("a").status().leadTransferee).toBe("c");
    c.tick(2, ["a", "b"]);
    expect(c.node("a").status()).toMatchObject({ role: "leader", leadTransferee: null });
    c.node("a").propose(bytes("accepted-again"));
    c.stabilize();
    expect(c.applied.get("b")).toEqual(["accepted-again"]);
  });

  it("only to a voter", () => {
    const c = threeNodes();
    expect(() => c.node("a").transferLeadership("zz")).toThrowError(
      expect.objectContaining({ code: "ProposalDropped" }),
    );
  });

  it("a follower forwards the request to the leader", () => {
    const c = threeNodes();
    c.node("c").transferLeadership("b");
    c.stabilize();
    expect(c.node("b").status().role).toBe("leader");
  });

  it("is aborted when the transferee is removed", () => {
    const c = threeNodes();
    c.node("a").proposeConfChange({ type: "remove", id: "c", context: "" });
    c.isolate("c");
    c.node("a").transferLeadership("c");
    expect(c.node("a").status().leadTransferee).toBe("c");
    c.stabilize();
    expect(c.node("a").status()).toMatchObject({ role: "leader", leadTransferee: null });
  });

  it("refuses local, forwarded and membership proposals while under way; the new leader accepts them", () => {
    const c = threeNodes();
    c.isolate("c");
    c.node("a").transferLeadership("c");
    expect(() => c.node("a").proposeConfChange({ type: "addLearner", id: "d", context: "" })).toThrowError(
      expect.objectContaining({ code: "ProposalDropped" }),
    );
    c.node("b").propose(bytes("forwarded-during-transfer"));
    c.stabilize();
    const a = c.node("a").status();
    expect(a.lastIndex).toBe(2);
    // The timeoutNow sent at once was lost: the next heartbeat round repeats it.
    c.heal();
    c.tick(1);
    expect(c.node("c").status().role).toBe("leader");
    c.node("b").propose(bytes("after-transfer"));
    c.stabilize();
    expect(c.applied.get("a")).toEqual(["after-transfer"]);
  });

  it("a transferee that loses its timeoutNow leaves the old leader in charge, with a fresh lease", () => {
    const c = threeNodes();
    c.filter = (m) => m.type !== "timeoutNow";
    c.node("a").transferLeadership("b");
    c.tick(12);
    expect(c.node("a").status()).toMatchObject({ role: "leader", term: 2, leadTransferee: null });
    expect(c.node("b").status().term).toBe(2);
  });
});
