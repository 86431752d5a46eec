import { LocalCluster, StoreClient, sleep } from "@tskube/master";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "./helpers/build.js";

// Lease clocks live on the leader only (docs/store.md "In the masters"): followers relay keep-alives, and a
// new leader starts every lease's clock afresh. These are the properties a node heartbeat relies on.

async function until(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(100);
  }
}

describe("leases across members and a leader change (3 real masters)", () => {
  let cluster: LocalCluster | null = null;

  beforeAll(() => ensureBuilt());
  afterAll(async () => {
    await cluster?.destroy();
  });

  it("a follower relays keep-alives; a kept lease outlives a leader kill, an abandoned one expires, never early", async () => {
    cluster = await LocalCluster.start({ size: 3 });
    const c = cluster;
    const leader = await c.waitForLeader();
    const follower = c.names().find((n) => n !== leader) as string;
    const viaFollower = new StoreClient([c.clientEndpoint(follower)], {
      deadlineMs: 3000,
      retryBudgetMs: 10_000,
    });
    const reader = new StoreClient([c.clientEndpoint(follower)], { deadlineMs: 3000, retryBudgetMs: 10_000 });
    try {
      const granted = Date.now();
      const kept = await viaFollower.leaseGrant(5);
      const dropped = await viaFollower.leaseGrant(5);
      expect(kept.ttl).toBe(5);
      await viaFollower.put("lease/kept", "x", { lease: kept.id });
      await viaFollower.put("lease/dropped", "x", { lease: dropped.id });

      // Keep-alive and time-to-live answered through the follower (relayed to the leader's lease clock).
      expect((await viaFollower.leaseKeepAliveOnce(kept.id)).ttl).toBe(5);
      const ttl = await viaFollower.leaseTimeToLive(kept.id, { keys: true });
      expect(ttl.grantedTtl).toBe(5);
      expect(ttl.ttl).toBeGreaterThanOrEqual(3);
      const keeping = viaFollower.keepAlive(kept.id);

      const victim = c.running(leader);
      victim.kill("SIGKILL");
      await victim.exited;
      await c.waitForLeader(15_000, c.runningNames());

      // Never early: the new leader gave every lease a full TTL from its election, so 4 s after the grant
      // (before even the original TTL ran out) the abandoned lease's key is still there.
      await sleep(Math.max(0, granted + 4000 - Date.now()));
      expect(await reader.get("lease/dropped")).toBeDefined();
      // Then it expires: one revoke entry decided by the new leader.
      await until(
        "abandoned lease expires",
        15_000,
        async () => (await reader.get("lease/dropped")) === undefined,
      );
      expect((await reader.leaseTimeToLive(dropped.id).catch((e: { kind?: string }) => e.kind)) ?? "").toBe(
        "leaseNotFound",
      );

      // The kept lease survived the leader change and more than two TTLs, renewed through the follower.
      await sleep(Math.max(0, granted + 12_000 - Date.now()));
      expect((await reader.get("lease/kept"))?.valueText).toBe("x");
      keeping.stop();
      expect(await keeping.lost).toBeNull();
      const stoppedAt = Date.now();
      await until(
        "kept lease expires once no longer renewed",
        15_000,
        async () => (await reader.get("lease/kept")) === undefined,
      );
      expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(3000);
    } finally {
      viaFollower.close();
      reader.close();
    }
  }, 90_000);
});
