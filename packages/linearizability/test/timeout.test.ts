import { describe, expect, it } from "vitest";
import { checkOperations, kvModel } from "../src/index.js";
import { get, type KvOp, lost, put } from "./helpers.js";

describe("timeout", () => {
  // 40 mutually concurrent writes of distinct values, then a read of a value none of them wrote: proving
  // "illegal" means trying every (set of writes done, last write) pair — about 40 · 2^39 of them.
  const pathological: KvOp[] = [
    ...Array.from({ length: 40 }, (_, i) => put(i, "a", `v${i}`, 0, 100)),
    get(99, "a", "nobody-wrote-this", 200, 201),
  ];

  it("gives up with outcome timeout once the budget is spent", () => {
    const started = performance.now();
    const result = checkOperations(kvModel, pathological, { timeoutMs: 150 });
    const elapsed = performance.now() - started;
    expect(result.outcome).toBe("timeout");
    expect(result.outcome === "timeout" && result.message).toMatch(/limit 150 ms.*not a pass/);
    expect(elapsed).toBeGreaterThanOrEqual(150);
    // Generous bound for a shared machine; the clock is read every 1024 search steps.
    expect(elapsed).toBeLessThan(3_000);
  });

  it("the budget covers all partitions together", () => {
    const other = pathological.map((op) => ({ ...op, input: { ...op.input, key: "b" } }));
    const result = checkOperations(kvModel, [...pathological, ...other], { timeoutMs: 100 });
    expect(result.outcome).toBe("timeout");
    expect(result.outcome === "timeout" && result.message).toContain("partition 0 of 2");
  });

  it("many lost writes on one key do not make the search blow up", () => {
    // 30 writes whose outcome was lost (concurrent with everything after them), then a long sequential
    // tail of known operations; one read sees a lost write, so it must be linearized, the rest left out.
    const lostWrites = Array.from({ length: 30 }, (_, i) => lost(put(i, "a", `lost${i}`, i, i + 1)));
    const tail: KvOp[] = [];
    for (let i = 0; i < 100; i++) {
      const t = 100 + 10 * i;
      tail.push(i === 50 ? get(99, "a", "lost12", t, t + 5) : put(98, "a", `w${i}`, t, t + 5));
    }
    const legal = [...lostWrites, ...tail, get(99, "a", "w99", 2_000, 2_001)];
    expect(checkOperations(kvModel, legal, { timeoutMs: 5_000 }).outcome).toBe("ok");
    // Seeing the lost write a second time, after it was overwritten, is impossible.
    const illegal = [...legal, get(99, "a", "lost12", 2_010, 2_011)];
    expect(checkOperations(kvModel, illegal, { timeoutMs: 5_000 }).outcome).toBe("illegal");
  });
});
