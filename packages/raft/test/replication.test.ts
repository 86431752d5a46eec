import { bootstrapState, defaultRaftConfig, type Message, RaftNode, seededRandom } from "@tskube/raft";
import { describe, expect, it } from "vitest";
import { bytes, Cluster } from "./cluster.js";
import { logWithTerms, msg, stateWithLog, termsOf } from "./helpers.js";

const leaderTerms = [1, 1, 1, 4, 4, 5, 5, 6, 6, 6];

describe("log replication", () => {
  // Raft paper figure 7: whatever the follower's log, the new leader (term 8) makes it equal its own.
  const followers: Record<string, number[]> = {
    a: [1, 1, 1, 4, 4, 5, 5, 6, 6],
    b: [1, 1, 1, 4],
    c: [1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 6],
    d: [1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 7, 7],
    e: [1, 1, 1, 4, 4, 4, 4],
    f: [1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3],
  };
  for (const [name, terms] of Object.entries(followers)) {
    it(`figure 7 (${name}): the follower's log converges to the leader's`, () => {
      const voters = ["L", "F", "H"];
      const c = new Cluster(voters, {
        state: (id) => (id === "F" ? stateWithLog(voters, terms, 7) : stateWithLog(voters, leaderTerms, 7)),
      });
      c.node("L").campaign();
      c.stabilize();
      expect(c.node("L").status()).toMatchObject({ role: "leader", term: 8 });
      const want = [...leaderTerms, 8];
      expect(termsOf(c.node("F").entries(1, c.node("F").status().lastIndex + 1))).toEqual(want);
      expect(c.node("F").status().commit).toBe(11);
      // Fast backtracking: far fewer rejections than differing entries.
      const rejects = c.sent.filter((m) => m.type === "appResp" && m.reject && m.from === "F");
      expect(rejects.length).toBeLessThanOrEqual(3);
    });
  }

  it("figure 8: a leader never commits an entry of an earlier term by counting replicas", () => {
    // a has an entry of term 2 at index 2 that b also holds; c does not.
    const voters = ["a", "b", "c"];
    const states = {
      a: stateWithLog(voters, [1, 2], 3),
      b: stateWithLog(voters, [1, 2], 3),
      c: stateWithLog(voters, [1], 3),
    };
    const cfg = (id: string) => ({ ...defaultRaftConfig(id, seededRandom(7)), preVote: false });
    const a = new RaftNode(cfg("a"), states.a);
    a.campaign(); // term 4
    let rd = a.ready();
    a.advance(rd);
    a.step(msg({ type: "voteResp", from: "c", to: "a", term: 4 }));
    expect(a.status().role).toBe("leader");
    rd = a.ready();
    a.advance(rd); // the empty entry (index 3, term 4) is persisted: a's match is 3
    // b acknowledges only index 2: index 2 is on a majority, but it is of term 2.
    a.step(msg({ type: "appResp", from: "b", to: "a", term: 4, index: 2 }));
    expect(a.status().commit).toBe(0);
    // Once the term-4 entry is on a majority, everything before it commits too.
    a.step(msg({ type: "appResp", from: "b", to: "a", term: 4, index: 3 }));
    expect(a.status().commit).toBe(3);
  });

  it("proposals made on a follower are forwarded to the leader and commit", () => {
    const c = new Cluster(["a", "b", "c"]);
    c.node("a").campaign();
    c.stabilize();
    c.node("b").propose(bytes("from-b"));
    c.node("c").propose(bytes("from-c-1"));
    c.node("c").propose(bytes("from-c-2"));
    c.stabilize();
    for (const id of ["a", "b", "c"]) expect(c.applied.get(id)).toEqual(["from-b", "from-c-1", "from-c-2"]);
    // c's two proposals travelled in one prop message, sent only after persisting (term-less).
    const props = c.sent.filter((m) => m.type === "prop");
    expect(props.map((m) => [m.from, m.entries.length, m.term])).toEqual([
      ["b", 1, 0],
      ["c", 2, 0],
    ]);
  });

  it("a follower without a leader drops proposals", () => {
    const c = new Cluster(["a", "b", "c"]);
    expect(() => c.node("b").propose(bytes("x"))).toThrowError(
      expect.objectContaining({ code: "ProposalDropped" }),
    );
  });

  it("batches every proposal since the last Ready into one append per follower", () => {
    const c = new Cluster(["a", "b", "c"]);
    c.node("a").campaign();
    c.stabilize();
    for (let i = 0; i < 100; i++) c.node("a").propose(bytes(`p${i}`));
    const rd = c.node("a").ready();
    const apps = rd.messages.filter((m) => m.type === "app");
    expect(apps.map((m) => [m.to, m.entries.length])).toEqual([
      ["b", 100],
      ["c", 100],
    ]);
    expect(rd.entries).toHaveLength(100);
    expect(rd.mustSync).toBe(true);
    c.node("a").advance(rd);
    c.queue.push(...rd.messages);
    c.stabilize();
    expect(c.applied.get("c")).toHaveLength(100);
  });

  it("splits appends at maxSizePerMsg and pipelines them up to maxInflightMsgs", () => {
    const c = new Cluster(["a", "b"], { config: { maxSizePerMsg: 100, maxInflightMsgs: 3 } });
    c.node("a").campaign();
    c.stabilize();
    for (let i = 0; i < 20; i++) c.node("a").propose(new Uint8Array(60)); // one entry per message
    const rd = c.node("a").ready();
    const apps = rd.messages.filter((m) => m.type === "app");
    expect(apps).toHaveLength(3);
    expect(apps.map((m) => m.entries.length)).toEqual([1, 1, 1]);
    expect(c.node("a").status().progress.b).toMatchObject({ state: "replicate", inflight: 3 });
    c.node("a").advance(rd);
    // Each ack frees a slot; the whole log gets through in the end.
    c.queue.push(...rd.messages);
    c.stabilize();
    expect(c.node("b").status().commit).toBe(c.node("a").status().lastIndex);
    const maxInflight = Math.max(...inflightSeries(c.sent, "a", "b"));
    expect(maxInflight).toBeLessThanOrEqual(3);
  });

  it("bounds the bytes in flight with maxInflightBytes", () => {
    const c = new Cluster(["a", "b"], { config: { maxSizePerMsg: 100, maxInflightBytes: 150 } });
    c.node("a").campaign();
    c.stabilize();
    for (let i = 0; i < 10; i++) c.node("a").propose(new Uint8Array(60));
    const rd = c.node("a").ready();
    expect(rd.messages.filter((m) => m.type === "app")).toHaveLength(3); // 60+60+60 ≥ 150 after the third
    c.node("a").advance(rd);
  });

  it("a follower in probe state gets one append per heartbeat until it answers", () => {
    const c = new Cluster(["a", "b", "c"]);
    c.node("a").campaign();
    c.stabilize();
    c.isolate("c");
    for (let i = 0; i < 5; i++) {
      c.node("a").propose(bytes(`x${i}`));
      c.stabilize();
    }
    c.node("a").reportUnreachable("c");
    expect(c.node("a").status().progress.c?.state).toBe("probe");
    const before = c.sent.length;
    c.tick(5, ["a"]);
    const appsToC = c.sent.slice(before).filter((m) => m.type === "app" && m.to === "c");
    // Nothing answers, so no more probes go out (heartbeats still do).
    expect(appsToC.length).toBeLessThanOrEqual(1);
    c.heal();
    c.tick(2);
    expect(c.applied.get("c")).toEqual(["x0", "x1", "x2", "x3", "x4"]);
  });

  it("recovers from lost appends in replicate state without new proposals", () => {
    const c = new Cluster(["a", "b", "c"]);
    c.node("a").campaign();
    c.stabilize();
    c.filter = (m) => !(m.type === "app" && m.entries.length > 0);
    c.node("a").propose(bytes("lost-once"));
    c.stabilize();
    expect(c.node("a").status().commit).toBe(2);
    c.heal();
    c.tick(4);
    expect(c.node("a").status().commit).toBe(3);
    expect(c.applied.get("b")).toEqual(["lost-once"]);
  });

  it("drops proposals beyond maxUncommittedEntriesSize", () => {
    const c = new Cluster(["a", "b", "c"], { config: { maxUncommittedEntriesSize: 100 } });
    c.node("a").campaign();
    c.stabilize();
    c.isolate("b");
    c.isolate("c");
    c.node("a").propose(new Uint8Array(60));
    c.node("a").propose(new Uint8Array(40));
    expect(() => c.node("a").propose(new Uint8Array(1))).toThrowError(
      expect.objectContaining({ code: "ProposalDropped" }),
    );
    c.heal();
    c.tick(3);
    expect(c.node("a").status().commit).toBe(4);
    c.node("a").propose(new Uint8Array(60)); // room again once committed
  });

  it("answers a stale leader's append so that it steps down", () => {
    const c = new Cluster(["a", "b", "c"]);
    c.node("a").campaign();
    c.stabilize();
    c.isolate("a");
    c.tick(30, ["b", "c"]);
    const l = c.leader() === "a" ? null : c.leader();
    expect(l).not.toBeNull();
    expect(c.node(l!).status()).toMatchObject({ role: "leader", term: 3 });
    c.heal();
    c.node("a").propose(bytes("stale"));
    c.stabilize();
    expect(c.node("a").status()).toMatchObject({ role: "follower", term: 3 });
    c.tick(2);
    expect(c.node("a").status().leader).toBe(l);
    expect(c.applied.get("a")).toEqual([]);
  });

  it("heartbeats carry min(match, commit) for each follower", () => {
    const c = new Cluster(["a", "b", "c"]);
    c.node("a").campaign();
    c.stabilize();
    c.isolate("c");
    c.node("a").propose(bytes("x"));
    c.stabilize();
    c.node("a").tick();
    const rd = c.node("a").ready();
    const hb = rd.messages.filter((m) => m.type === "heartbeat");
    expect(hb.map((m) => [m.to, m.commit])).toEqual([
      ["b", 3],
      ["c", 2],
    ]);
    c.node("a").advance(rd);
  });

  it("a follower answers an append below its commit index with its commit and keeps its log", () => {
    const n = new RaftNode(defaultRaftConfig("b", seededRandom(1)), bootstrapState(["a", "b"], bytes("")));
    n.step(
      msg({
        type: "app",
        from: "a",
        to: "b",
        term: 2,
        index: 1,
        logTerm: 1,
        entries: logWithTerms([1, 2]).slice(1),
        commit: 2,
      }),
    );
    expect(n.status().commit).toBe(2);
    n.advance(n.ready());
    // A delayed duplicate from an old leader of the same term would conflict below commit: ignored.
    n.step(
      msg({
        type: "app",
        from: "a",
        to: "b",
        term: 2,
        index: 1,
        logTerm: 1,
        entries: [{ term: 2, index: 2, type: "normal", data: bytes("other") }],
        commit: 2,
      }),
    );
    expect(n.entries(2, 3)[0]?.data).toEqual(bytes("t2i2"));
    const rd = n.ready();
    expect(rd.messagesAfterPersist).toMatchObject([{ type: "appResp", index: 2, reject: false }]);
  });

  it("the leader counts its own copy of an entry only once advance reports it persisted", () => {
    const c = new Cluster(["a", "b", "c"]);
    c.node("a").campaign();
    c.stabilize();
    c.isolate("c");
    const a = c.node("a");
    const before = a.status().commit;
    a.propose(bytes("x"));
    const rd = a.ready();
    // b gets the append, persists it and acks while a's own write is still in progress.
    for (const m of rd.messages) if (m.to === "b") c.node("b").step(m);
    c.process("b");
    for (const m of c.queue.splice(0)) if (m.to === "a") a.step(m);
    // b's ack alone is 1 of 3: a's own copy counts only once a persisted it.
    expect(a.status().commit).toBe(before);
    a.advance(rd);
    expect(a.status().commit).toBe(before + 1);
  });
});

/** The number of app messages from `from` to `to` that were sent but not yet acked, after each message. */
function inflightSeries(sent: readonly Message[], from: string, to: string): number[] {
  let inflight = 0;
  const out: number[] = [];
  for (const m of sent) {
    if (m.type === "app" && m.from === from && m.to === to && m.entries.length > 0) inflight++;
    if (m.type === "appResp" && m.from === to && m.to === from && !m.reject)
      inflight = Math.max(0, inflight - 1);
    out.push(inflight);
  }
  return out;
}
