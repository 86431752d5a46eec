import { bootstrapState, defaultRaftConfig, type Message, RaftNode, seededRandom } from "@tskube/raft";
import { describe, expect, it } from "vitest";
import { bytes, Cluster } from "./cluster.js";
import { msg } from "./helpers.js";

describe("elections", () => {
  it("a single node elects itself and commits its proposals", () => {
    const c = new Cluster(["a"]);
    c.node("a").campaign();
    c.stabilize();
    expect(c.node("a").status()).toMatchObject({ role: "leader", term: 2, leader: "a" });
    c.node("a").propose(bytes("x"));
    c.stabilize();
    expect(c.applied.get("a")).toEqual(["x"]);
    expect(c.node("a").status().commit).toBe(3);
  });

  it("three nodes elect one leader and everyone follows it", () => {
    const c = new Cluster(["a", "b", "c"]);
    c.node("a").campaign();
    c.stabilize();
    for (const id of ["a", "b", "c"]) {
      expect(c.node(id).status()).toMatchObject({ term: 2, leader: "a" });
    }
    expect(c.node("a").status().role).toBe("leader");
    // The leader's empty entry commits everywhere.
    expect(c.node("b").status().commit).toBe(2);
  });

  it("an election timeout starts an election without help", () => {
    const c = new Cluster(["a", "b", "c"]);
    const leader = c.electLeader();
    expect(["a", "b", "c"]).toContain(leader);
    // Randomised timeouts: exactly one leader, at the lowest possible term for a clean election.
    expect([...c.nodes.values()].filter((n) => n.status().role === "leader")).toHaveLength(1);
    expect(c.node(leader).status().term).toBe(2);
  });

  it("a split vote resolves by itself", () => {
    const c = new Cluster(["a", "b", "c", "d"], { config: { preVote: false } });
    // a and b campaign at the same time; c votes for a, d for b: 2–2, nobody wins term 2.
    c.node("a").campaign();
    c.node("b").campaign();
    c.filter = (m) =>
      !(m.type === "vote" && ((m.from === "a" && m.to === "d") || (m.from === "b" && m.to === "c")));
    c.stabilize();
    expect(c.leader()).toBeNull();
    expect(c.node("a").status()).toMatchObject({ role: "candidate", term: 2 });
    expect(c.node("b").status()).toMatchObject({ role: "candidate", term: 2 });
    c.heal();
    const leader = c.electLeader();
    expect(c.node(leader).status().term).toBeGreaterThan(2);
    for (const id of ["a", "b", "c", "d"]) expect(c.node(id).status().leader).toBe(leader);
  });

  it("pre-vote keeps a rejoining partitioned node from raising the term", () => {
    const c = new Cluster(["a", "b", "c"]);
    c.node("a").campaign();
    c.stabilize();
    c.isolate("c");
    c.tick(50);
    // c kept pre-campaigning but never bumped its term.
    expect(c.node("c").status()).toMatchObject({ term: 2, role: "preCandidate" });
    c.heal();
    c.tick(5);
    expect(c.node("a").status()).toMatchObject({ role: "leader", term: 2 });
    expect(c.node("c").status()).toMatchObject({ role: "follower", leader: "a", term: 2 });
  });

  it("without pre-vote the rejoining node disrupts the leader (the reason pre-vote exists)", () => {
    const c = new Cluster(["a", "b", "c"], { config: { preVote: false } });
    c.node("a").campaign();
    c.stabilize();
    c.isolate("c");
    c.tick(50);
    expect(c.node("c").status().term).toBeGreaterThan(3);
    c.heal();
    c.tick(30);
    expect(c.node(c.electLeader()).status().term).toBeGreaterThan(2);
  });

  it("check-quorum makes an isolated leader step down", () => {
    const c = new Cluster(["a", "b", "c"]);
    c.node("a").campaign();
    c.stabilize();
    c.isolate("a");
    c.tick(9, ["a"]);
    expect(c.node("a").status().role).toBe("leader");
    c.tick(12, ["a"]);
    expect(c.node("a").status()).toMatchObject({ role: "follower", leader: null, term: 2 });
  });

  it("the leader lease makes followers ignore a disruptive candidate", () => {
    const c = new Cluster(["a", "b", "c"], { config: { preVote: false } });
    c.node("a").campaign();
    c.stabilize();
    // c wants to lead although a is healthy: b heard from a recently and does not answer.
    c.node("c").campaign();
    const votes: Message[] = [];
    c.filter = (m) => {
      if (m.type === "voteResp") votes.push(m);
      return m.from !== "a" && m.to !== "a";
    };
    c.stabilize();
    expect(votes).toEqual([]);
    expect(c.node("b").status()).toMatchObject({ term: 2, leader: "a", vote: "a" });
    expect(c.node("c").status().role).toBe("candidate");
  });

  it("a stale candidate's log loses: votes follow the up-to-date rule", () => {
    const c = new Cluster(["a", "b", "c"]);
    c.node("a").campaign();
    c.stabilize();
    c.isolate("c");
    c.node("a").propose(bytes("1"));
    c.stabilize();
    c.heal();
    c.isolate("a");
    // c's log misses entry 3: b refuses it even at a higher term, then b itself wins.
    c.node("c").campaign();
    c.tick(30, ["b", "c"]);
    const l = c.leader();
    expect(l).toBe("b");
  });

  it("learners and non-members never campaign", () => {
    const state = () => ({
      ...bootstrapState(["a", "b"], bytes("")),
      snapshot: {
        metadata: { index: 1, term: 1, confState: { voters: ["a", "b"], learners: ["l"] } },
        data: bytes(""),
      },
    });
    const c = new Cluster(["a", "b", "l", "x"], { state });
    c.isolate("a");
    c.isolate("b");
    c.tick(100, ["l", "x"]);
    expect(c.node("l").status()).toMatchObject({ role: "follower", term: 1 });
    expect(c.node("x").status()).toMatchObject({ role: "follower", term: 1 });
    c.node("l").campaign();
    c.stabilize();
    expect(c.node("l").status().role).toBe("follower");
  });

  it("a node restarted from its persisted state keeps its term and vote", () => {
    const c = new Cluster(["a", "b", "c"]);
    c.node("a").campaign();
    c.stabilize();
    c.node("a").propose(bytes("p"));
    c.stabilize();
    const before = c.node("b").status();
    c.restart("b");
    const after = c.node("b").status();
    expect(after).toMatchObject({
      term: before.term,
      vote: "a",
      commit: before.commit,
      lastIndex: before.lastIndex,
    });
    expect(after.role).toBe("follower");
    // It must not vote for someone else in the same term.
    c.node("b").step({
      type: "vote",
      from: "c",
      to: "b",
      term: before.term,
      logTerm: 2,
      index: 100,
      entries: [],
      commit: 0,
      reject: false,
      rejectHint: 0,
      snapshot: null,
      context: "",
    });
    const rd = c.node("b").ready();
    expect(rd.messagesAfterPersist).toMatchObject([{ type: "voteResp", to: "c", reject: true }]);
    c.node("b").advance(rd);
    c.tick(3);
    expect(c.node("b").status().leader).toBe("a");
  });

  it("grants a pre-vote for a higher term even after voting in the current one, without changing state", () => {
    const n = new RaftNode(
      defaultRaftConfig("b", seededRandom(2)),
      bootstrapState(["a", "b", "c"], bytes("")),
    );
    n.step(msg({ type: "vote", from: "a", to: "b", term: 2, index: 1, logTerm: 1 }));
    n.advance(n.ready());
    expect(n.status()).toMatchObject({ term: 2, vote: "a" });
    // Same term, another candidate: refused (we voted for a).
    n.step(msg({ type: "vote", from: "c", to: "b", term: 2, index: 1, logTerm: 1 }));
    // A pre-vote for term 3 with an up-to-date log: granted, our term and vote stay.
    n.step(msg({ type: "preVote", from: "c", to: "b", term: 3, index: 1, logTerm: 1 }));
    // A pre-vote from a shorter log: refused.
    n.step(msg({ type: "preVote", from: "c", to: "b", term: 3, index: 0, logTerm: 0 }));
    const rd = n.ready();
    expect(rd.messagesAfterPersist.map((m) => [m.type, m.term, m.reject])).toEqual([
      ["voteResp", 2, true],
      ["preVoteResp", 3, false],
      ["preVoteResp", 2, true],
    ]);
    expect(rd.hardState).toBeNull();
    expect(n.status()).toMatchObject({ term: 2, vote: "a", role: "follower" });
  });

  it("a transfer vote bypasses the leader lease", () => {
    const c = new Cluster(["a", "b", "c"]);
    c.node("a").campaign();
    c.stabilize();
    c.node("b").step(msg({ type: "vote", from: "c", to: "b", term: 3, index: 2, logTerm: 2 }));
    expect(c.node("b").hasReady()).toBe(false); // ignored: b heard from a
    c.node("b").step(
      msg({ type: "vote", from: "c", to: "b", term: 3, index: 2, logTerm: 2, context: "transfer" }),
    );
    const rd = c.node("b").ready();
    expect(rd.messagesAfterPersist).toMatchObject([{ type: "voteResp", to: "c", term: 3, reject: false }]);
    expect(rd.hardState).toMatchObject({ term: 3, vote: "c" });
  });

  it("ignores a candidate outside its configuration while it knows a leader, but votes for it once it lost the leader", () => {
    const cfg = { ...defaultRaftConfig("b", seededRandom(4)), preVote: false, checkQuorum: false };
    const b = new RaftNode(cfg, bootstrapState(["a", "b", "c"], bytes("")));
    b.step(msg({ type: "heartbeat", from: "a", to: "b", term: 2 }));
    b.advance(b.ready());
    // d: a removed member that missed its removal, or a new voter whose addition b has not applied.
    b.step(msg({ type: "vote", from: "d", to: "b", term: 3, index: 1, logTerm: 1 }));
    expect(b.hasReady()).toBe(false);
    expect(b.status()).toMatchObject({ term: 2, leader: "a" });
    // a is gone: b times out and campaigns itself; now d's vote request is answered.
    for (let i = 0; i < 20 && b.status().role === "follower"; i++) b.tick();
    expect(b.status().role).toBe("candidate");
    b.advance(b.ready());
    b.step(msg({ type: "vote", from: "d", to: "b", term: 4, index: 1, logTerm: 1 }));
    const rd = b.ready();
    expect(rd.messagesAfterPersist).toMatchObject([{ type: "voteResp", to: "d", term: 4, reject: false }]);
  });
});
