import { runStoreBench, STORE_BENCH_REQUIRED_KEYS } from "@tskube/master";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "./helpers/build.js";

// A smoke run of `npm run bench -- store` with tiny phases: it proves the bench drives both systems end to end
// (start, load, leader kill, restart, catch-up, cleanup) and fills every figure. It asserts no performance.

describe("store bench (etcd 3.4 and tskube, tiny durations)", () => {
  beforeAll(() => ensureBuilt());

  it("returns every required figure as a positive finite number for both systems", async () => {
    const printed: string[] = [];
    const result = await runStoreBench({
      systems: ["etcd", "tskube"],
      seqSeconds: 0.5,
      seconds: 1,
      warmupSeconds: 0.3,
      failoverRounds: 1,
      print: (t) => printed.push(t),
      progress: () => undefined,
    });
    for (const system of ["etcd", "tskube"] as const) {
      const figures = result[system];
      expect(figures, system).toBeDefined();
      for (const key of [...STORE_BENCH_REQUIRED_KEYS, "rss_mb"] as const) {
        const value = figures?.[key];
        expect(Number.isFinite(value), `${system}.${key} = ${value}`).toBe(true);
        expect(value, `${system}.${key}`).toBeGreaterThan(0);
      }
      expect(figures?.failover_gaps_ms).toHaveLength(1);
    }
    expect(printed.join("\n")).toContain("tskube/etcd");
  }, 60_000);
});
