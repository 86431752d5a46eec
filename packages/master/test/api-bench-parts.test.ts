import { describe, expect, it } from "vitest";
import { closedLoop, mergePhases, openLoop, summarize } from "../src/bench/api-load.js";
import { PodPlan, podBody, podName } from "../src/bench/api-pods.js";

// The pure parts of the API benchmark: its name plan, its statistics and its load drivers (on fake
// operations that take a fixed time, so what is checked is counting and merging, not timing).

describe("PodPlan", () => {
  it("fills the LIST namespace first, then overflows, and tops up only what is missing", () => {
    const plan = new PodPlan("bench", "bench-overflow", 4);
    const taken = Array.from({ length: 6 }, () => plan.take());
    expect(taken.map((p) => p.namespace)).toEqual([
      "bench",
      "bench",
      "bench",
      "bench",
      "bench-overflow",
      "bench-overflow",
    ]);
    expect(taken[0]?.name).toBe("pod-000000");
    plan.failedCreate(2);
    plan.failedCreate(5); // an overflow pod: not the LIST's business
    expect(plan.missing()).toEqual([2]);
    expect(plan.missing()).toEqual([]);
  });

  it("hands out the names the create phases never reached", () => {
    const plan = new PodPlan("bench", "o", 5);
    plan.take();
    plan.take();
    expect(plan.missing()).toEqual([2, 3, 4]);
    expect(plan.take().namespace).toBe("o");
  });

  it("names sort in creation order and bodies are valid pod JSON", () => {
    expect([podName(10), podName(9), podName(100)].sort()).toEqual([podName(9), podName(10), podName(100)]);
    const pod = JSON.parse(podBody("bench", podName(7), 7)) as {
      kind: string;
      metadata: { name: string; namespace: string; labels: Record<string, string> };
      spec: { containers: Array<{ ports: unknown[] }> };
    };
    expect(pod.kind).toBe("Pod");
    expect(pod.metadata).toMatchObject({ name: "pod-000007", namespace: "bench" });
    expect(pod.spec.containers[0]?.ports).toHaveLength(1);
  });
});

describe("load statistics", () => {
  it("summarizes nearest-rank percentiles without reordering its input", () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    const s = summarize(values, 3);
    expect(s).toEqual({ count: 100, failed: 3, p50_ms: 50, p90_ms: 90, p99_ms: 99, max_ms: 100 });
    expect(values[0]).toBe(100);
  });

  it("counts every scheduled operation of an open loop, its failures by kind, and merges blocks", async () => {
    const op = async (seq: number): Promise<void> => {
      await new Promise((r) => setTimeout(r, 1));
      if (seq % 5 === 4) throw new Error(`409 AlreadyExists: pod-${seq}`);
    };
    const a = await openLoop(200, 100, (s) => `m${s % 2}`, op);
    const b = await openLoop(200, 100, (s) => `m${s % 2}`, op);
    expect(a.summary.count + a.summary.failed).toBe(20);
    expect(a.summary.failed).toBe(4);
    expect([...a.errors]).toEqual([["409 AlreadyExists: pod-N", 4]]);
    expect(a.sendLagP99Ms).toBeDefined();
    const merged = mergePhases([a, b]);
    expect(merged.summary.count).toBe(a.summary.count + b.summary.count);
    expect(merged.summary.failed).toBe(8);
    expect(merged.seconds).toBeCloseTo(0.2);
    expect(merged.errors.get("409 AlreadyExists: pod-N")).toBe(8);
    const m0 = merged.byTag.get("m0");
    const m1 = merged.byTag.get("m1");
    expect((m0?.count ?? 0) + (m1?.count ?? 0)).toBe(merged.summary.count);
    expect((m0?.failed ?? 0) + (m1?.failed ?? 0)).toBe(8);
  });

  it("keeps a closed loop's concurrency and counts only what completes inside the window", async () => {
    let inFlight = 0;
    let most = 0;
    const r = await closedLoop(
      3,
      20,
      100,
      () => "x",
      async () => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((res) => setTimeout(res, 5));
        inFlight--;
      },
    );
    expect(most).toBe(3);
    expect(r.summary.count).toBeGreaterThan(0);
    expect(r.summary.failed).toBe(0);
    expect(r.perSec).toBe(Math.round(r.summary.count / 0.1));
  });
});
