// The simulation must be able to fail: with a deliberately broken disk or read path it reports violations
// on some seeds, and a normal run makes real progress on every seed.
import { describe, expect, it } from "vitest";
import { runSeed } from "../src/run-seed.js";
import type { HarnessFaults } from "../src/sim-context.js";

const seeds = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const SAFETY =
  /^t=\S+ (election safety|log matching|leader completeness|state machine safety|mvcc replicas diverge)/;

function firstViolations(faults: HarnessFaults, count: number): string[] {
  const out: string[] = [];
  for (const nodes of [3, 5]) {
    for (const seed of seeds(count)) {
      const r = runSeed({ seed, nodes, faults });
      if (r.violations.length > 0) out.push(r.violations[0] as string);
    }
  }
  return out;
}

describe("the simulation is not vacuous", () => {
  it("a normal run commits entries and answers clients on every seed", () => {
    let commits = 0;
    let runs = 0;
    for (const nodes of [3, 5]) {
      for (const seed of seeds(20)) {
        const r = runSeed({ seed, nodes });
        const what = `seed ${seed} nodes ${nodes}: ${JSON.stringify(r.stats)}`;
        expect(r.violations, what).toEqual([]);
        expect(r.stats.commits, what).toBeGreaterThanOrEqual(10);
        expect(r.stats.opsOk, what).toBeGreaterThanOrEqual(5);
        expect(r.stats.elections, what).toBeGreaterThan(0);
        commits += r.stats.commits;
        runs++;
      }
    }
    expect(commits / runs).toBeGreaterThan(80);
  }, 60_000);

  it("a disk that forgets votes is caught by election safety", () => {
    const v = firstViolations({ forgetVotes: true }, 120);
    expect(v.filter((x) => /election safety/.test(x)).length, v.join("\n")).toBeGreaterThan(0);
    expect(
      v.every((x) => SAFETY.test(x) || x.startsWith("linearizability")),
      v.join("\n"),
    ).toBe(true);
  }, 60_000);

  it("acknowledging writes before they are durable is caught by the safety checks", () => {
    const v = firstViolations({ skipFsync: true }, 40);
    expect(v.filter((x) => SAFETY.test(x)).length, v.join("\n")).toBeGreaterThan(3);
  }, 60_000);

  it("an MVCC replica that skips one write is caught by the replica comparison", () => {
    const v = firstViolations({ skipMvccApply: true }, 10);
    const diverged = v.filter((x) =>
      /^t=\S+ mvcc replicas diverge at index \d+: n\d+ hash \w+ vs n\d+ hash \w+$/.test(x),
    );
    expect(diverged.length, v.join("\n")).toBeGreaterThanOrEqual(15);
    expect(
      v.every((x) => /mvcc/.test(x)),
      v.join("\n"),
    ).toBe(true);
  }, 60_000);

  it("reads served locally without ReadIndex are caught by the linearizability check", () => {
    const v = firstViolations({ localReads: true }, 20);
    expect(v.length).toBeGreaterThan(10);
    expect(
      v.every((x) => x.startsWith("linearizability:")),
      v.join("\n"),
    ).toBe(true);
  }, 60_000);
});
