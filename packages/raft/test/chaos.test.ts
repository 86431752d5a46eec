// A small randomized cluster run (drops, reordering, partitions, restarts, compaction, membership
// changes) checking Raft's safety properties after every step. The real simulation lives in
// packages/sim; this one keeps the core honest on its own, in about a second.
import { type Entry, emptyState, RaftError, type Ready, seededRandom } from "@tskube/raft";
import { describe, expect, it } from "vitest";
import { bytes, Cluster, text } from "./cluster.js";

function run(seed: number, steps: number): void {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const founders = ["n1", "n2", "n3", "n4", "n5"];
  const c = new Cluster(founders, {
    seed,
    config: {
      electionTick: 6,
      maxSizePerMsg: 200,
      maxInflightMsgs: 4,
      snapshotCatchUpEntries: 3,
      // Every other seed runs without pre-vote, every third without check-quorum: both are options.
      preVote: seed % 2 === 1,
      checkQuorum: seed % 3 !== 0,
    },
  });
  const committed = new Map<number, { term: number; data: string }>();
  const leaders = new Map<number, string>();
  let proposals = 0;
  let spare = 6;
  let snapCount = 0;

  c.onApply = (id: string, e: Entry) => {
    const seen = committed.get(e.index);
    const mine = { term: e.term, data: text(e.data) };
    if (seen === undefined) committed.set(e.index, mine);
    else expect(mine, `${id} applied a different entry at ${e.index} (seed ${seed})`).toEqual(seen);
  };

  const checkLeaders = () => {
    for (const [id, n] of c.nodes) {
      const st = n.status();
      if (st.role !== "leader") continue;
      const other = leaders.get(st.term);
      expect(other === undefined || other === id, `two leaders in term ${st.term} (seed ${seed})`).toBe(true);
      if (other === undefined) {
        leaders.set(st.term, id);
        // Leader completeness: every entry committed so far is in the new leader's log.
        for (const [index, e] of committed) {
          const t = n.term(index);
          if (t !== null)
            expect(t, `leader ${id} lacks committed entry ${index} (seed ${seed})`).toBe(e.term);
          else expect(index).toBeLessThan(st.firstIndex);
        }
      }
    }
  };

  const deliverSome = (dropRate: number) => {
    const batch = c.queue;
    c.queue = [];
    // Reorder a little: swap a few neighbours.
    for (let i = 1; i < batch.length; i++)
      if (rand() < 0.2) [batch[i - 1], batch[i]] = [batch[i]!, batch[i - 1]!];
    for (const m of batch) {
      c.sent.length = 0;
      if (dropRate > 0 && rand() < 0.1) {
        c.queue.push(m); // delayed: delivered in a later round, possibly after newer messages
        continue;
      }
      if (m.type === "snap") snapCount++;
      const blocked = c.isolated.has(m.from) || c.isolated.has(m.to) || c.cut.has(`${m.from}>${m.to}`);
      if (rand() < dropRate || blocked || !c.nodes.has(m.to)) {
        if (m.type === "snap" && rand() < 0.5) c.node(m.from).reportSnapshot(m.to, false);
        continue;
      }
      c.node(m.to).step(m);
      // Networks duplicate too: deliver a copy again in a later round.
      if (dropRate > 0 && rand() < 0.03) c.queue.push(m);
    }
  };

  // Some Readies stay outstanding across a delivery round, like a driver whose disk write is slow;
  // a restart meanwhile loses them (the crash happened before the write).
  const outstanding = new Map<string, Ready>();
  const readFloor = new Map<string, number>();
  let readsChecked = 0;
  const checkReads = () => {
    for (const [id, states] of c.readStates) {
      for (const rs of states.splice(0)) {
        const floor = readFloor.get(rs.context);
        readsChecked++;
        expect(floor, `${id} answered unknown read ${rs.context} (seed ${seed})`).toBeDefined();
        expect(
          rs.index,
          `read ${rs.context} on ${id} misses acknowledged writes (seed ${seed})`,
        ).toBeGreaterThanOrEqual(floor!);
      }
    }
  };
  const processAll = (allowSlow: boolean) => {
    for (const id of c.nodes.keys()) {
      const held = outstanding.get(id);
      if (held !== undefined) {
        outstanding.delete(id);
        c.finish(id, held);
      }
      while (c.node(id).hasReady()) {
        const rd = c.begin(id);
        checkLeaders();
        if (allowSlow && rand() < 0.2) {
          outstanding.set(id, rd);
          break;
        }
        c.finish(id, rd);
        checkLeaders();
      }
    }
  };

  for (let step = 0; step < steps; step++) {
    const r = rand();
    const id = pick([...c.nodes.keys()]);
    const node = c.node(id);
    try {
      if (r < 0.5) node.tick();
      else if (r < 0.75) node.propose(bytes(`p${proposals++}`));
      else if (r < 0.8) {
        node.readIndex(`r${step}`);
        // Linearizable reads: the read point covers every write applied anywhere before it was issued.
        readFloor.set(`r${step}`, Math.max(0, ...committed.keys()));
      } else if (r < 0.82) c.isolate(id);
      else if (r < 0.84) {
        // Split off a group around this node: it keeps talking to its own side (e.g. a stale leader
        // with one follower).
        const side = new Set([id, pick([...c.nodes.keys()])]);
        for (const x of side) for (const y of c.nodes.keys()) if (!side.has(y)) c.cutLink(x, y);
      } else if (r < 0.88) {
        c.isolated.clear();
        c.cut.clear();
      } else if (r < 0.9) {
        outstanding.delete(id);
        c.restart(id);
      } else if (r < 0.93) {
        if (!outstanding.has(id)) node.compact(node.status().applied, bytes(`snap@${node.status().applied}`));
      } else if (r < 0.95 && spare > 0 && node.status().role === "leader") {
        const st = node.status();
        const members = [...st.confState.voters, ...st.confState.learners];
        const choice = rand();
        if (choice < 0.4) {
          const newId = `x${spare--}`;
          c.add(newId, emptyState());
          node.proposeConfChange({ type: "addLearner", id: newId, context: "" });
        } else if (choice < 0.7 && st.confState.learners.length > 0) {
          node.proposeConfChange({ type: "addVoter", id: pick(st.confState.learners), context: "" });
        } else if (st.confState.voters.length > 3) {
          node.proposeConfChange({ type: "remove", id: pick(members.filter((m) => m !== id)), context: "" });
        }
      } else if (r < 0.97 && node.status().role === "leader") {
        node.transferLeadership(pick(node.status().confState.voters));
      }
    } catch (e) {
      if (!(e instanceof RaftError) || !["ProposalDropped", "ConfChangeRejected"].includes(e.code)) throw e;
    }
    processAll(true);
    deliverSome(0.1);
    processAll(true);
    checkReads();
  }

  // Heal everything: the cluster must converge.
  c.isolated.clear();
  c.cut.clear();
  for (let i = 0; i < 300; i++) {
    for (const n of c.nodes.values()) n.tick();
    processAll(false);
    deliverSome(0);
    processAll(false);
  }
  const l = c.leader();
  expect(l, `no leader after healing (seed ${seed})`).not.toBeNull();
  const members = c.node(l!).status().confState;
  const commit = c.node(l!).status().commit;
  for (const m of [...members.voters, ...members.learners]) {
    expect(c.node(m).status().commit, `${m} did not catch up (seed ${seed})`).toBe(commit);
  }
  expect(committed.size).toBeGreaterThan(10);
  expect(readsChecked, `no read was answered (seed ${seed})`).toBeGreaterThan(0);
  if (process.env.CHAOS_STATS) {
    const confs = [...committed.values()].filter((e) => e.data.startsWith("{")).length;
    console.log(seed, {
      committed: committed.size,
      proposals,
      leaders: leaders.size,
      confs,
      members,
      snaps: snapCount,
      readsChecked,
    });
  }
}

describe("randomized safety run", () => {
  // CHAOS_SEEDS=n runs n seeds (a longer local soak); the default keeps the unit tier fast.
  const count = Number(process.env.CHAOS_SEEDS ?? 6);
  const first = Number(process.env.CHAOS_FIRST_SEED ?? 1);
  for (let seed = first; seed < first + count; seed++) {
    it(`seed ${seed}: no two leaders per term, no divergent commits, converges after healing`, () => {
      run(seed, 1500);
    });
  }
});
