import { describe, expect, it } from "vitest";
import type { PodStats } from "../src/runtime/runtime-types.js";
import { StatsSummary } from "../src/server/stats-summary.js";

function pods(cpuNs: bigint, containers = ["app"]): PodStats[] {
  return [
    {
      uid: "u1",
      namespace: "shop",
      name: "web",
      containers: containers.map((name) => ({
        name,
        startTime: new Date("2025-01-01T00:00:00Z"),
        usageCoreNanoSeconds: cpuNs,
        workingSetBytes: 100,
        usageBytes: 200,
      })),
    },
  ];
}

interface Summary {
  node: { cpu: { usageNanoCores?: number; usageCoreNanoSeconds: number } };
  pods: { containers: { name: string; cpu: { usageNanoCores?: number; usageCoreNanoSeconds: number } }[] }[];
}

const T0 = new Date("2025-01-01T00:01:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

describe("StatsSummary CPU rates", () => {
  it("no rate on the first sample; then CPU ns over wall time: 1e9 ns in 1000 ms is one core", () => {
    const s = new StatsSummary("w1", new Date("2025-01-01T00:00:00Z"));
    const first = s.summary(pods(5_000_000_000n), T0) as Summary;
    expect(first.pods[0]?.containers[0]?.cpu).toEqual({
      time: "2025-01-01T00:01:00.000Z",
      usageCoreNanoSeconds: 5_000_000_000,
    });
    expect(first.node.cpu.usageNanoCores).toBeUndefined();
    const second = s.summary(pods(6_000_000_000n), at(1000)) as Summary;
    expect(second.pods[0]?.containers[0]?.cpu.usageNanoCores).toBe(1_000_000_000);
    // Half a core over two seconds.
    const third = s.summary(pods(7_000_000_000n), at(3000)) as Summary;
    expect(third.pods[0]?.containers[0]?.cpu.usageNanoCores).toBe(500_000_000);
    expect(third.node.cpu.usageNanoCores).toEqual(expect.any(Number));
  });

  it("a counter that went backwards (container restarted) or no time passing gives no rate", () => {
    const s = new StatsSummary("w1", T0);
    s.summary(pods(5_000_000_000n), T0);
    const restarted = s.summary(pods(1_000n), at(1000)) as Summary;
    expect(restarted.pods[0]?.containers[0]?.cpu.usageNanoCores).toBeUndefined();
    const sameInstant = s.summary(pods(2_000n), at(1000)) as Summary;
    expect(sameInstant.pods[0]?.containers[0]?.cpu.usageNanoCores).toBeUndefined();
  });

  it("samples of containers that disappeared are dropped: a container coming back starts over", () => {
    const s = new StatsSummary("w1", T0);
    s.summary(pods(1_000_000_000n, ["app", "side"]), T0);
    s.summary(pods(2_000_000_000n, ["app"]), at(1000));
    const back = s.summary(pods(3_000_000_000n, ["app", "side"]), at(2000)) as Summary;
    const byName = Object.fromEntries(
      (back.pods[0]?.containers ?? []).map((c) => [c.name, c.cpu.usageNanoCores]),
    );
    expect(byName).toEqual({ app: 1_000_000_000, side: undefined });
  });
});
