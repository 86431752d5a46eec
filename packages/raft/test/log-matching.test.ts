// A follower's log under stale, duplicated and reordered appends: only a real term conflict truncates,
// committed entries never move, and the commit index only grows.
import { defaultRaftConfig, type Entry, RaftNode, seededRandom } from "@tskube/raft";
import { describe, expect, it } from "vitest";
import { bytes } from "./cluster.js";
import { msg, stateWithLog, termsOf } from "./helpers.js";

/** b with log terms [1, 2, 2, 2, 2] (indexes 1–5), term 2, commit `commit`, leader a. */
function follower(commit: number): RaftNode {
  const st = stateWithLog(["a", "b", "c"], [1, 2, 2, 2, 2], 2);
  const b = new RaftNode(defaultRaftConfig("b", seededRandom(7)), {
    ...st,
    hardState: { ...st.hardState, commit },
  });
  return b;
}

function entries(from: number, terms: readonly number[]): Entry[] {
  return terms.map((term, i) => ({
    term,
    index: from + i,
    type: "normal" as const,
    data: bytes(`e${from + i}`),
  }));
}

function app(prevIndex: number, prevTerm: number, ents: Entry[], commit: number, term = 2) {
  return msg({
    type: "app",
    from: "a",
    to: "b",
    term,
    index: prevIndex,
    logTerm: prevTerm,
    entries: ents,
    commit,
  });
}

describe("log matching on a follower", () => {
  it("a stale or duplicated append that matches never truncates the longer log", () => {
    const b = follower(1);
    const log = b.entries(1, 6);
    // Duplicate of an early append (entries 2–3), then a reordered one (entry 4 only).
    b.step(app(1, 1, log.slice(1, 3), 1));
    b.step(app(3, 2, log.slice(3, 4), 1));
    const rd = b.ready();
    expect(rd.entries).toEqual([]);
    // Each ack covers exactly what that message proved, not our whole log.
    expect(rd.messagesAfterPersist.map((m) => [m.index, m.reject])).toEqual([
      [3, false],
      [4, false],
    ]);
    b.advance(rd);
    expect(b.status().lastIndex).toBe(5);
    expect(termsOf(b.entries(1, 6))).toEqual([1, 2, 2, 2, 2]);
  });

  it("an append whose entries are all present but with a longer tail only appends the tail", () => {
    const b = follower(1);
    b.step(app(3, 2, entries(4, [2, 2, 2]), 1));
    const rd = b.ready();
    expect(rd.entries.map((e) => e.index)).toEqual([6]);
    b.advance(rd);
    expect(b.status().lastIndex).toBe(6);
  });

  it("a real term conflict truncates from the first conflicting entry only", () => {
    const b = follower(2);
    // A leader of term 3 whose log agrees up to 3.
    b.step(app(3, 2, entries(4, [3]), 2, 3));
    const rd = b.ready();
    expect(rd.entries.map((e) => [e.index, e.term])).toEqual([[4, 3]]);
    b.advance(rd);
    expect(termsOf(b.entries(1, 5))).toEqual([1, 2, 2, 3]);
    expect(b.status().lastIndex).toBe(4);
  });

  it("an append below the commit index leaves the committed log alone and answers with the commit", () => {
    const b = follower(4);
    b.step(app(1, 1, entries(2, [3, 3, 3]), 4, 3)); // would rewrite committed 2–4
    const rd = b.ready();
    expect(rd.entries).toEqual([]);
    expect(rd.messagesAfterPersist).toMatchObject([{ type: "appResp", index: 4, reject: false }]);
    b.advance(rd);
    expect(termsOf(b.entries(1, 6))).toEqual([1, 2, 2, 2, 2]);
  });

  it("the commit index never decreases: not by a lower commit in an append, a heartbeat or a stale snapshot", () => {
    const b = follower(1);
    b.step(app(5, 2, [], 4));
    expect(b.status().commit).toBe(4);
    b.step(app(2, 2, [], 1));
    b.step(msg({ type: "heartbeat", from: "a", to: "b", term: 2, commit: 2 }));
    const snapshot = {
      metadata: { index: 3, term: 2, confState: { voters: ["a", "b", "c"], learners: [] } },
      data: bytes("s@3"),
    };
    b.step(msg({ type: "snap", from: "a", to: "b", term: 2, snapshot }));
    const rd = b.ready();
    expect(rd.snapshot).toBeNull();
    expect(rd.hardState?.commit).toBe(4);
    b.advance(rd);
    expect(b.status()).toMatchObject({ commit: 4, lastIndex: 5 });
  });

  it("an append's commit is capped at the last entry it proved, a heartbeat's at our last index", () => {
    const b = follower(0);
    // Our entry 5 is unverified: the leader's commit of 9 only covers what this append matched (3).
    b.step(app(3, 2, [], 9));
    expect(b.status().commit).toBe(3);
    b.step(msg({ type: "heartbeat", from: "a", to: "b", term: 2, commit: 9 }));
    expect(b.status().commit).toBe(5);
  });
});
