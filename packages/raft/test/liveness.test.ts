// Once the network heals, the cluster elects a leader and commits, whatever state the partitions left
// behind (pre-vote and check-quorum must not lock each other out).
import { describe, expect, it } from "vitest";
import { bytes, Cluster } from "./cluster.js";

function committedEverywhere(c: Cluster, data: string): boolean {
  return [...c.nodes.keys()].every((id) => c.applied.get(id)!.includes(data));
}

/** Proposes `data` once per leader term until every node applied it. */
function electAndCommit(c: Cluster, data: string, maxTicks = 200): void {
  const proposedIn = new Set<string>();
  for (let i = 0; i < maxTicks; i++) {
    const l = c.leader();
    if (l !== null) {
      const key = `${l}@${c.node(l).status().term}`;
      if (!proposedIn.has(key)) {
        try {
          c.node(l).propose(bytes(data));
          proposedIn.add(key);
        } catch {
          // e.g. a transfer in progress: try again next tick
        }
      }
      c.stabilize();
      if (committedEverywhere(c, data)) return;
    }
    c.tick(1);
  }
  throw new Error(`"${data}" was not committed everywhere within ${maxTicks} ticks`);
}

describe("liveness after healing", () => {
  it("a node stranded at a higher term (its transfer campaign was cut off) does not block the cluster", () => {
    const c = new Cluster(["a", "b", "c"]);
    c.node("a").campaign();
    c.stabilize();
    // c gets timeoutNow and campaigns at term 3, but its vote requests are lost; then it is cut off
    // and keeps pre-voting at term 4 alone.
    c.filter = (m) => !(m.type === "vote" && m.from === "c");
    c.node("a").transferLeadership("c");
    c.stabilize();
    expect(c.node("c").status()).toMatchObject({ role: "candidate", term: 3 });
    c.isolate("c");
    c.tick(30);
    expect(c.node("c").status().term).toBe(3);
    // a keeps leading b at term 2 (its transfer was abandoned).
    expect(c.node("a").status()).toMatchObject({ role: "leader", term: 2 });
    c.heal();
    electAndCommit(c, "after-heal");
    const terms = [...c.nodes.values()].map((n) => n.status().term);
    expect(new Set(terms).size).toBe(1);
  });

  it("an old leader partitioned with a longer uncommitted log rejoins; its tail is replaced", () => {
    const c = new Cluster(["a", "b", "c"]);
    c.node("a").campaign();
    c.stabilize();
    c.isolate("a");
    for (let i = 0; i < 5; i++) c.node("a").propose(bytes(`lost${i}`));
    c.stabilize();
    expect(c.node("a").status().lastIndex).toBe(7);
    c.tick(30);
    const l = c.leader();
    expect(l === "b" || l === "c").toBe(true);
    c.node(l!).propose(bytes("kept"));
    c.stabilize();
    c.heal();
    electAndCommit(c, "after-heal");
    for (const id of ["a", "b", "c"]) {
      expect(c.applied.get(id)).toEqual(["kept", "after-heal"]);
    }
  });

  it("repeated partitions of every minority and majority, then healing: elects and commits", () => {
    const c = new Cluster(["a", "b", "c", "d", "e"], { seed: 11 });
    const groups = [["a"], ["a", "b"], ["c", "d"], ["e"], ["b", "e"], ["a", "c", "e"]];
    for (const [k, g] of groups.entries()) {
      c.heal();
      for (const id of g) c.isolate(id);
      c.tick(17 + k);
      const l = c.leader();
      if (l !== null) {
        try {
          c.node(l).propose(bytes(`w${k}`));
        } catch {
          // no usable leader in this round
        }
      }
      c.tick(3);
    }
    c.heal();
    electAndCommit(c, "final");
  });

  it("a leader that only hears nobody (one-way partition) steps down and a new leader makes progress", () => {
    const c = new Cluster(["a", "b", "c"]);
    c.node("a").campaign();
    c.stabilize();
    // a's outgoing messages arrive, nothing reaches a.
    c.filter = (m) => m.to !== "a";
    c.tick(40);
    const l = c.leader();
    expect(l === "b" || l === "c").toBe(true);
    c.node(l!).propose(bytes("one-way"));
    c.stabilize();
    expect(c.applied.get(l === "b" ? "c" : "b")).toEqual(["one-way"]);
    c.heal();
    electAndCommit(c, "healed");
  });

  it("a removed node that missed its removal cannot depose leaders, even without pre-vote and lease", () => {
    const c = new Cluster(["a", "b", "c"], { config: { preVote: false, checkQuorum: false } });
    c.node("a").campaign();
    c.stabilize();
    c.isolate("c");
    c.node("a").proposeConfChange({ type: "remove", id: "c", context: "" });
    c.stabilize();
    expect(c.node("a").status().confState.voters).toEqual(["a", "b"]);
    // c never learns it was removed: it campaigns with ever higher terms.
    c.tick(60, ["c"]);
    expect(c.node("c").status().term).toBeGreaterThan(c.node("a").status().term + 2);
    c.heal();
    const term = c.node("a").status().term;
    for (let i = 0; i < 5; i++) {
      c.tick(10);
      c.node("a").propose(bytes(`w${i}`));
      c.stabilize();
    }
    expect(c.node("a").status()).toMatchObject({ role: "leader", term });
    expect(c.applied.get("b")).toEqual(["w0", "w1", "w2", "w3", "w4"]);
  });
});
