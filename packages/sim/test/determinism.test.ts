import { describe, expect, it } from "vitest";
import { runSeed } from "../src/run-seed.js";

describe("determinism", () => {
  it("the same seed gives the same run, twice", () => {
    for (const nodes of [3, 5]) {
      for (const seed of [7, 4242]) {
        const a = runSeed({ seed, nodes });
        const b = runSeed({ seed, nodes });
        expect(b.stats).toEqual(a.stats);
        expect(b.violations).toEqual(a.violations);
      }
    }
  }, 30_000);

  it("different seeds give different runs", () => {
    const a = runSeed({ seed: 1, nodes: 3 });
    const b = runSeed({ seed: 2, nodes: 3 });
    expect(b.stats).not.toEqual(a.stats);
  });

  it("the trace does not change the run", () => {
    const lines: string[] = [];
    const traced = runSeed({ seed: 11, nodes: 3, trace: (l) => lines.push(l) });
    const plain = runSeed({ seed: 11, nodes: 3 });
    expect(traced.stats).toEqual(plain.stats);
    expect(lines.length).toBeGreaterThan(100);
  });
});
