import { LocalCluster, StoreClient } from "@tskube/master";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "./helpers/build.js";

describe("catch-up by snapshot", () => {
  let cluster: LocalCluster | null = null;

  beforeAll(() => ensureBuilt());
  afterAll(async () => {
    await cluster?.destroy();
  });

  it("a follower that missed more than --snapshot-count entries installs a snapshot and catches up", async () => {
    cluster = await LocalCluster.start({ size: 3, snapshotCount: 200, snapshotCatchUpEntries: 20 });
    const c = cluster;
    const leader = await c.waitForLeader();
    const follower = c.names().find((n) => n !== leader) as string;
    const exit = await c.running(follower).stop();
    expect(exit.code).toBe(0);

    const store = new StoreClient(c.clientEndpoints(), { deadlineMs: 5000 });
    try {
      for (let i = 0; i < 700; i++) await store.put(`snap/${i}`, `value-${i}`);
    } finally {
      store.close();
    }
    const leaderProcess = c.running(leader);
    await leaderProcess.waitForLine("snapshot taken, log compacted", 10_000);

    const restarted = c.spawn(follower);
    await restarted.waitReady();
    await restarted.waitForLine("installed snapshot from leader", 30_000);
    const caughtUp = await c.waitCaughtUp(follower, leader);
    expect(caughtUp.snapshotsInstalled).toBeGreaterThanOrEqual(1);
    expect(caughtUp.snapshotIndex).toBeGreaterThanOrEqual(200);
    expect(await c.metrics(follower)).toMatch(/^tskube_raft_snapshots_installed_total [1-9]/m);
    expect(await c.metrics(leader)).toMatch(/^tskube_raft_snapshots_sent_total\{result="ok"\} [1-9]/m);

    // Its local state has every key (a serializable read answers from this member alone).
    const local = new StoreClient([c.clientEndpoint(follower)], { deadlineMs: 5000 });
    try {
      for (const i of [0, 199, 350, 699]) {
        const kv = await local.get(`snap/${i}`, { serializable: true });
        expect(kv?.valueText).toBe(`value-${i}`);
      }
    } finally {
      local.close();
    }
  });
});
