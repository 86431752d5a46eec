import { beforeAll, describe, expect, it } from "vitest";
import { runApiBench } from "../src/bench/api-bench.js";
import { API_BENCH_REQUIRED_KEYS } from "../src/bench/api-figures.js";
import { ensureBuilt } from "./helpers/build.js";

// A smoke run of `npm run bench -- api` in a tiny configuration: it proves the bench drives 3 masters' API
// servers end to end (creates, raw store txns, LIST whole and paged, watches) and fills the JSON. It asserts
// no performance figure, only that each was measured, and the functional facts the figures rest on.

describe("api bench (3 masters with API servers, tiny configuration)", () => {
  beforeAll(() => ensureBuilt());

  it("completes and returns every figure of bench-results/api.json", async () => {
    const printed: string[] = [];
    const result = await runApiBench({
      seconds: 1,
      rate: 50,
      loadSeconds: 0.5,
      warmupSeconds: 0.3,
      concurrency: [4],
      listPods: 150,
      listRuns: 1,
      pageSize: 40,
      watchers: 6,
      watchRate: 20,
      watchSeconds: 1,
      print: (t) => printed.push(t),
      progress: () => undefined,
    });
    for (const key of API_BENCH_REQUIRED_KEYS) {
      const value = result[key];
      expect(Number.isFinite(value), `${key} = ${value}`).toBe(true);
      expect(value, key).toBeGreaterThan(0);
    }
    // The LIST read exactly the pods the bench put there, whole and in pages of 40.
    expect(result.list_full.items).toBe(150);
    expect(result.list_paged.items).toBe(150);
    expect(result.list_paged.pages).toBe(4);
    // Every acknowledged write reached every watcher, matched by name@resourceVersion.
    expect(result.watch.writes_acked).toBeGreaterThan(0);
    expect(result.watch.events_missing).toBe(0);
    expect(result.watch.events_matched).toBe(result.watch.writes_acked * 6);
    expect(result.create_failed).toBe(0);
    expect(Object.keys(result.create_by_master).sort()).toEqual(["m1", "m2", "m3"]);
    expect(result.closed_loop.map((l) => l.concurrency)).toEqual([4]);
    expect(result.targets).toHaveLength(3);
    expect(result.peer_sources.length).toBeGreaterThan(0);
    // What scripts/bench.mjs writes: the result survives JSON as is.
    expect(JSON.parse(JSON.stringify(result)).list_pods).toBe(150);
    const table = printed.join("\n");
    expect(table).toContain("Kubernetes (peer)");
    expect(table).toContain("api_call_latency.md");
  }, 120_000);
});
