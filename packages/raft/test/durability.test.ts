// What a message promises must already be on disk when it leaves: votes before voteResp and vote
// requests, entries before appResp. (cluster.ts also checks these promises on every Ready.)
import { bootstrapState, defaultRaftConfig, type InitialState, RaftNode, seededRandom } from "@tskube/raft";
import { describe, expect, it } from "vitest";
import { bytes } from "./cluster.js";
import { msg } from "./helpers.js";

const voters = ["a", "b", "c"];

function node(id: string, state: InitialState = bootstrapState(voters, bytes(""))): RaftNode {
  return new RaftNode({ ...defaultRaftConfig(id, seededRandom(9)), preVote: false }, state);
}

/** What a driver would read back after persisting every Ready it was given so far. */
function persisted(n: RaftNode, base: InitialState): InitialState {
  const st = n.status();
  return {
    ...base,
    hardState: { term: st.term, vote: st.vote, commit: st.commit },
    entries: st.lastIndex > 1 ? n.entries(2, st.lastIndex + 1) : [],
    applied: st.applied,
  };
}

const voteFrom = (from: string, term: number) =>
  msg({ type: "vote", from, to: "c", term, index: 1, logTerm: 1 });

describe("durability of promises", () => {
  it("a vote persisted with its response is kept across a restart: no second vote in that term", () => {
    const base = bootstrapState(voters, bytes(""));
    const c1 = node("c", base);
    c1.step(voteFrom("b", 3));
    const rd = c1.ready();
    expect(rd.hardState).toMatchObject({ term: 3, vote: "b" });
    expect(rd.mustSync).toBe(true);
    expect(rd.messages).toEqual([]);
    expect(rd.messagesAfterPersist).toMatchObject([{ type: "voteResp", to: "b", reject: false }]);
    c1.advance(rd);
    const c2 = node("c", persisted(c1, base));
    c2.step(voteFrom("a", 3));
    const rd2 = c2.ready();
    expect(rd2.hardState).toBeNull();
    expect(rd2.messagesAfterPersist).toMatchObject([{ type: "voteResp", to: "a", reject: true }]);
    // b asking again (its request was duplicated) gets the same answer as before.
    c2.advance(rd2);
    c2.step(voteFrom("b", 3));
    expect(c2.ready().messagesAfterPersist).toMatchObject([{ type: "voteResp", to: "b", reject: false }]);
  });

  it("a crash before the Ready is persisted loses the vote and its response together", () => {
    const base = bootstrapState(voters, bytes(""));
    const c1 = node("c", base);
    c1.step(voteFrom("b", 3));
    c1.ready(); // never persisted, nothing sent: the driver crashed
    const c2 = node("c", base);
    c2.step(voteFrom("a", 3));
    expect(c2.ready().messagesAfterPersist).toMatchObject([{ type: "voteResp", to: "a", reject: false }]);
  });

  it("a candidate restarted in its term keeps its own vote", () => {
    const base = bootstrapState(voters, bytes(""));
    const b1 = node("b", base);
    b1.campaign();
    const rd = b1.ready();
    expect(rd.hardState).toMatchObject({ term: 2, vote: "b" });
    expect(rd.messages).toEqual([]);
    expect(rd.messagesAfterPersist.map((m) => m.type)).toEqual(["vote", "vote"]);
    b1.advance(rd);
    const b2 = node("b", persisted(b1, base));
    b2.step(msg({ type: "vote", from: "a", to: "b", term: 2, index: 1, logTerm: 1 }));
    expect(b2.ready().messagesAfterPersist).toMatchObject([{ type: "voteResp", reject: true }]);
  });

  it("an ack for entries of a Ready still being persisted waits for the next Ready", () => {
    const b = node("b");
    const ents = [2, 3].map((index) => ({
      term: 2,
      index,
      type: "normal" as const,
      data: bytes(`e${index}`),
    }));
    const app = msg({ type: "app", from: "a", to: "b", term: 2, index: 1, logTerm: 1, entries: ents });
    b.step(app);
    const rd1 = b.ready();
    expect(rd1.entries.map((e) => e.index)).toEqual([2, 3]);
    expect(rd1.messagesAfterPersist).toMatchObject([{ type: "appResp", index: 3 }]);
    // A duplicate arrives during the fsync: its ack is not in the Ready being persisted...
    b.step(app);
    // ...and comes out after rd1's work is done, in a Ready that is sent after rd1 was persisted.
    b.advance(rd1);
    const rd2 = b.ready();
    expect(rd2.entries).toEqual([]);
    expect(rd2.messagesAfterPersist).toMatchObject([{ type: "appResp", index: 3 }]);
  });

  it("an ack after a truncation covers only the replacement once it is handed out for persisting", () => {
    const b = node("b");
    const e = (index: number, term: number) => ({
      term,
      index,
      type: "normal" as const,
      data: bytes(`${index}@${term}`),
    });
    b.step(
      msg({ type: "app", from: "a", to: "b", term: 2, index: 1, logTerm: 1, entries: [e(2, 2), e(3, 2)] }),
    );
    const rd1 = b.ready();
    // A leader of term 3 replaces 3 while rd1 is being persisted.
    b.step(msg({ type: "app", from: "c", to: "b", term: 3, index: 2, logTerm: 2, entries: [e(3, 3)] }));
    b.advance(rd1);
    const rd2 = b.ready();
    expect(rd2.entries.map((x) => [x.index, x.term])).toEqual([[3, 3]]);
    expect(rd2.messagesAfterPersist).toMatchObject([{ type: "appResp", to: "c", index: 3 }]);
    b.advance(rd2);
    expect(b.hasReady()).toBe(false);
  });
});
