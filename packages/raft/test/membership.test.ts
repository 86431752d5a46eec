import { emptyState } from "@tskube/raft";
import { describe, expect, it } from "vitest";
import { bytes, Cluster } from "./cluster.js";

function threeNodes(): Cluster {
  const c = new Cluster(["a", "b", "c"]);
  c.node("a").campaign();
  c.stabilize();
  return c;
}

const rejected = expect.objectContaining({ code: "ConfChangeRejected" });

describe("membership changes", () => {
  it("a learner receives the log but does not count for commit or elections", () => {
    const c = threeNodes();
    c.add("d", emptyState());
    c.node("a").proposeConfChange({ type: "addLearner", id: "d", context: "" });
    c.stabilize();
    expect(c.node("a").status().confState).toEqual({ voters: ["a", "b", "c"], learners: ["d"] });
    expect(c.node("a").status().progress.d).toMatchObject({ isLearner: true });
    // With b and c gone, a and the learner are not a quorum.
    c.isolate("b");
    c.isolate("c");
    c.node("a").propose(bytes("needs-a-voter"));
    c.stabilize();
    const commit = c.node("a").status().commit;
    expect(c.node("d").status().lastIndex).toBe(commit + 1);
    expect(c.node("a").status().commit).toBe(commit);
    // The learner never campaigns, and check-quorum does not count it.
    c.tick(40, ["a", "d"]);
    expect(c.node("d").status().role).toBe("follower");
    expect(c.node("a").status().role).not.toBe("leader");
    expect(c.node("a").status().term).toBe(2); // pre-vote: a's lonely campaigns do not bump the term
  });

  it("promotes a learner to voter, then it counts for quorum", () => {
    const c = threeNodes();
    c.add("d", emptyState());
    c.node("a").proposeConfChange({ type: "addLearner", id: "d", context: "" });
    c.stabilize();
    c.node("a").proposeConfChange({ type: "addVoter", id: "d", context: "" });
    c.stabilize();
    for (const id of ["a", "b", "c", "d"]) {
      expect(c.node(id).status().confState).toEqual({ voters: ["a", "b", "c", "d"], learners: [] });
    }
    c.isolate("c");
    c.node("a").propose(bytes("three-of-four"));
    c.stabilize();
    expect(c.applied.get("d")).toEqual(["three-of-four"]);
    c.isolate("b");
    c.node("a").propose(bytes("two-of-four"));
    c.stabilize();
    expect(c.applied.get("a")).toEqual(["three-of-four"]);
  });

  it("removes a follower: the rest commit without it and it stops campaigning", () => {
    const c = threeNodes();
    c.node("a").proposeConfChange({ type: "remove", id: "c", context: "" });
    c.stabilize();
    expect(c.node("a").status().confState.voters).toEqual(["a", "b"]);
    expect(c.node("a").status().progress.c).toBeUndefined();
    c.isolate("c");
    c.node("a").propose(bytes("without-c"));
    c.stabilize();
    expect(c.applied.get("b")).toEqual(["without-c"]);
    const term = c.node("c").status().term;
    c.tick(50, ["c"]);
    expect(c.node("c").status()).toMatchObject({ role: "follower", term });
  });

  it("a removed leader steps down once the removal is applied, and the others elect a new one", () => {
    const c = threeNodes();
    c.node("a").proposeConfChange({ type: "remove", id: "a", context: "" });
    c.stabilize();
    expect(c.node("a").status().role).toBe("follower");
    c.tick(40);
    const l = c.leader();
    expect(["b", "c"]).toContain(l);
    c.node(l!).propose(bytes("after-a"));
    c.stabilize();
    expect(c.applied.get(l === "b" ? "c" : "b")).toEqual(["after-a"]);
    expect(c.node("a").status().role).toBe("follower");
  });

  it("refuses a conf change while another one is not applied yet", () => {
    const c = threeNodes();
    c.node("a").proposeConfChange({ type: "addLearner", id: "d", context: "" });
    expect(() => c.node("a").proposeConfChange({ type: "addLearner", id: "e", context: "" })).toThrowError(
      rejected,
    );
    c.stabilize();
    c.node("a").proposeConfChange({ type: "addLearner", id: "e", context: "" });
  });

  it("refuses a conf change before the new leader committed an entry of its term", () => {
    const c = new Cluster(["a", "b", "c"]);
    c.node("a").campaign();
    // Elected, but its empty entry is not committed yet.
    c.stabilizeUntil(() => c.node("a").status().role === "leader");
    expect(c.node("a").status().commit).toBe(1);
    expect(() => c.node("a").proposeConfChange({ type: "addLearner", id: "d", context: "" })).toThrowError(
      rejected,
    );
    c.stabilize();
    c.node("a").proposeConfChange({ type: "addLearner", id: "d", context: "" });
  });

  it("refuses invalid changes: existing voter, unknown member, last voter", () => {
    const c = threeNodes();
    const a = c.node("a");
    expect(() => a.proposeConfChange({ type: "addVoter", id: "b", context: "" })).toThrowError(rejected);
    expect(() => a.proposeConfChange({ type: "remove", id: "zz", context: "" })).toThrowError(rejected);
    expect(() => a.proposeConfChange({ type: "addLearner", id: "b", context: "" })).toThrowError(rejected);
    const single = new Cluster(["s"]);
    single.node("s").campaign();
    single.stabilize();
    expect(() => single.node("s").proposeConfChange({ type: "remove", id: "s", context: "" })).toThrowError(
      rejected,
    );
  });

  it("a follower forwards a conf change to the leader; a learner may not propose one", () => {
    const c = threeNodes();
    c.add("d", emptyState());
    c.node("b").proposeConfChange({ type: "addLearner", id: "d", context: "" });
    c.stabilize();
    expect(c.node("c").status().confState.learners).toEqual(["d"]);
    expect(() => c.node("d").proposeConfChange({ type: "remove", id: "b", context: "" })).toThrowError(
      expect.objectContaining({ code: "ProposalDropped" }),
    );
  });

  it("a restarted node rebuilds its membership from the snapshot and applied conf changes", () => {
    const c = threeNodes();
    c.node("a").proposeConfChange({ type: "addLearner", id: "d", context: "" });
    c.stabilize();
    const b = c.restart("b");
    expect(b.status().confState).toEqual({ voters: ["a", "b", "c"], learners: ["d"] });
  });
});
