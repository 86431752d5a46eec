import { bootstrapState, defaultRaftConfig, emptyState, RaftNode, seededRandom } from "@tskube/raft";
import { describe, expect, it } from "vitest";
import { bytes, Cluster } from "./cluster.js";
import { msg } from "./helpers.js";

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

  it("an entry waiting only for a removed voter commits as soon as the removal is applied", () => {
    const c = new Cluster(["a", "b", "c", "d"]);
    c.node("a").campaign();
    c.stabilize();
    c.isolate("d");
    c.node("a").proposeConfChange({ type: "remove", id: "d", context: "" });
    c.process("a");
    // x reaches b but not c: 2 of 4 under the old configuration, 2 of 3 once d is gone.
    c.node("a").propose(bytes("x"));
    c.filter = (m) => !(m.to === "c" && m.entries.some((e) => new TextDecoder().decode(e.data) === "x"));
    c.stabilize();
    expect(c.node("a").status().confState.voters).toEqual(["a", "b", "c"]);
    // No tick and no further ack was needed.
    expect(c.applied.get("a")).toEqual(["x"]);
  });

  it("votes of learners never elect anyone", () => {
    const st = { ...bootstrapState(["a", "b", "c"], bytes("")) };
    const a = new RaftNode(
      { ...defaultRaftConfig("a", seededRandom(5)), preVote: false },
      {
        ...st,
        snapshot: {
          ...st.snapshot,
          metadata: { ...st.snapshot.metadata, confState: { voters: ["a", "b", "c"], learners: ["d", "e"] } },
        },
      },
    );
    a.campaign();
    a.advance(a.ready());
    for (const from of ["d", "e"]) a.step(msg({ type: "voteResp", from, to: "a", term: 2 }));
    expect(a.status().role).toBe("candidate");
    a.step(msg({ type: "voteResp", from: "b", to: "a", term: 2 }));
    expect(a.status().role).toBe("leader");
  });

  it("a leader appends at most one conf change from a batch of forwarded ones", () => {
    const c = threeNodes();
    c.node("b").proposeConfChange({ type: "addLearner", id: "d", context: "" });
    c.node("b").proposeConfChange({ type: "addLearner", id: "e", context: "" });
    c.stabilize();
    expect(c.node("a").status().confState.learners).toEqual(["d"]);
    const confEntries = c.node("a").entries(2, c.node("a").status().lastIndex + 1);
    expect(confEntries.filter((e) => e.type === "confChange")).toHaveLength(1);
  });

  it("acks of learners never commit, even when learners outnumber the missing voters", () => {
    const c = threeNodes();
    for (const id of ["d", "e"]) {
      c.add(id, emptyState());
      c.node("a").proposeConfChange({ type: "addLearner", id, context: "" });
      c.stabilize();
      c.tick(2);
    }
    expect(c.node("a").status().confState.learners).toEqual(["d", "e"]);
    c.isolate("b");
    c.isolate("c");
    const commit = c.node("a").status().commit;
    c.node("a").propose(bytes("learners-only"));
    c.stabilize();
    expect(c.node("d").status().lastIndex).toBe(commit + 1);
    expect(c.node("e").status().lastIndex).toBe(commit + 1);
    expect(c.node("a").status().commit).toBe(commit);
  });
});
