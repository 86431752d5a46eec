import { describe, expect, it } from "vitest";
import { checkOperations, kvModel } from "../src/index.js";
import { generateArbitrary, generateLinearizable, knownReads, withReadValue } from "./generate.js";
import { bruteForceLinearizable, rng } from "./helpers.js";

describe("generated histories (seeded)", () => {
  const large = { ops: 300, keys: 4, clients: 8, values: 4, spread: 6, unknownRate: 0.1 };

  it("a history built from a sequential execution is always ok", () => {
    for (let seed = 1; seed <= 60; seed++) {
      const history = generateLinearizable(rng(seed), large);
      const result = checkOperations(kvModel, history, { timeoutMs: 5_000 });
      expect(result, `seed ${seed}`).toEqual({ outcome: "ok" });
    }
  });

  it("is ok without partitioning too (all keys in one search)", () => {
    const { partition: _, ...unpartitioned } = kvModel;
    for (let seed = 1; seed <= 10; seed++) {
      const history = generateLinearizable(rng(seed), { ...large, ops: 120, spread: 3 });
      expect(checkOperations(unpartitioned, history).outcome, `seed ${seed}`).toBe("ok");
    }
  });

  it("one read corrupted to a value never written is illegal, and the report points at its key", () => {
    for (let seed = 1; seed <= 60; seed++) {
      const rand = rng(seed * 7919);
      const history = generateLinearizable(rand, large);
      const reads = knownReads(history);
      const victim = reads[Math.floor(rand() * reads.length)]!;
      const corrupted = withReadValue(history, victim, "never-written");
      const result = checkOperations(kvModel, corrupted, { timeoutMs: 5_000 });
      expect(result.outcome, `seed ${seed}`).toBe("illegal");
      if (result.outcome !== "illegal") continue;
      expect(result.operations).toContain(corrupted[victim]);
      expect(result.longest).not.toContain(corrupted[victim]);
    }
  });

  it("one read corrupted to another written value agrees with a brute-force oracle", () => {
    // Small single-key histories so the oracle can enumerate every order; the corruption is observable
    // exactly when no order explains the new value, which the oracle decides independently.
    const small = { ops: 8, keys: 1, clients: 3, values: 3, spread: 2, unknownRate: 0.2 };
    const seen = { ok: 0, illegal: 0 };
    for (let seed = 1; seed <= 400; seed++) {
      const rand = rng(seed);
      const history = generateLinearizable(rand, small);
      expect(checkOperations(kvModel, history).outcome, `seed ${seed}`).toBe("ok");
      const reads = knownReads(history);
      if (reads.length === 0) continue;
      const victim = reads[Math.floor(rand() * reads.length)]!;
      const choices = [null, "v0", "v1", "v2"];
      const corrupted = withReadValue(history, victim, choices[Math.floor(rand() * choices.length)]!);
      const expected = bruteForceLinearizable(kvModel, corrupted) ? "ok" : "illegal";
      const actual = checkOperations(kvModel, corrupted).outcome;
      expect(actual, `seed ${seed}`).toBe(expected);
      seen[expected]++;
    }
    // Both verdicts must actually occur, or this test would not be telling us anything.
    expect(seen.ok).toBeGreaterThan(50);
    expect(seen.illegal).toBeGreaterThan(50);
  });

  it("arbitrary small histories, many with lost operations, get the brute-force oracle's verdict", () => {
    const seen = { ok: 0, illegal: 0 };
    for (let seed = 1; seed <= 1500; seed++) {
      const rand = rng(seed);
      const history = generateArbitrary(rand, 4 + Math.floor(rand() * 5), rand() * 0.6);
      const expected = bruteForceLinearizable(kvModel, history) ? "ok" : "illegal";
      expect(checkOperations(kvModel, history).outcome, `seed ${seed}`).toBe(expected);
      seen[expected]++;
    }
    expect(seen.ok).toBeGreaterThan(150);
    expect(seen.illegal).toBeGreaterThan(150);
  });
});
