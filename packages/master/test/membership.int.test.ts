import { ClusterClient, ContinuousWriter, LocalCluster, memberIdOf, StoreClient } from "@tskube/master";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { missingAckedWrites } from "./helpers/acked-writes.js";
import { ensureBuilt } from "./helpers/build.js";

describe("membership changes under load", () => {
  let cluster: LocalCluster | null = null;

  beforeAll(() => ensureBuilt());
  afterAll(async () => {
    await cluster?.destroy();
  });

  it("members join (learner → voter), leadership moves to a newcomer, an original member is removed — under writes", async () => {
    cluster = await LocalCluster.start({ size: 3 });
    const c = cluster;
    const writer = new ContinuousWriter(() => c.clientEndpoints(), { deadlineMs: 500, prefix: "members" });
    writer.start();
    const admin = () => new ClusterClient(c.clientEndpoints(), { deadlineMs: 3000 });
    try {
      await writer.waitForAckAfter(performance.now(), 10_000);

      // Join m4: added as a learner, receives the state, then promoted once caught up.
      await c.addJoiner("m4");
      const m4 = c.spawn("m4");
      await m4.waitForLine("added to the cluster as a learner", 30_000);
      await m4.waitReady();
      await m4.waitForLine("promoted to voter", 60_000);
      // The store API's member list (etcd's Cluster.MemberList) shows the promotion too, with etcd-format ids.
      const store = new StoreClient(c.clientEndpoints(), { deadlineMs: 3000 });
      const members = await store.memberList();
      store.close();
      expect(members.map((m) => [m.name, m.isLearner, m.id]).sort()).toEqual(
        ["m1", "m2", "m3", "m4"].map((n) => [n, false, memberIdOf(n)]),
      );
      const m4Status = await c.status("m4");
      expect(m4Status.voters).toContain("m4");
      // It started empty, so the leader had to send it a snapshot (the log before index 2 is compacted away).
      expect(m4Status.snapshotsInstalled).toBeGreaterThanOrEqual(1);
      const acksAfterJoin = writer.acked.length;
      await writer.waitForAckAfter(performance.now(), 10_000);
      expect(writer.acked.length).toBeGreaterThan(acksAfterJoin);

      // Hand leadership to the newcomer.
      const transferer = admin();
      expect(await transferer.transferLeader("m4")).toBe("m4");
      transferer.close();
      expect(await c.waitForLeader()).toBe("m4");

      // Remove an original member: it learns it was removed and exits.
      const victim = "m1";
      const removed = c.running(victim);
      const remover = admin();
      const after = await remover.memberRemove(victim);
      remover.close();
      expect(after.map((m) => m.name)).not.toContain(victim);
      const exit = await removed.exited;
      expect(exit.code).toBe(0);
      expect(removed.output()).toContain("this member was removed from the cluster");

      // A 5th member joins the cluster now led by m4, which joined after the cluster was founded: the
      // snapshot m5 receives must name m4, or m5 would reject its leader.
      await c.addJoiner("m5");
      const m5 = c.spawn("m5");
      await m5.waitForLine("promoted to voter", 60_000);
      // Its client listener may still be starting when the promotion is logged.
      await m5.waitReady();
      expect(await c.status("m5")).toMatchObject({ leader: "m4", isLearner: false });

      // Writes keep succeeding on the new membership.
      const acksAfterRemove = writer.acked.length;
      await writer.waitForAckAfter(performance.now(), 10_000);
      expect(writer.acked.length).toBeGreaterThan(acksAfterRemove);
      const finalLeader = await c.waitForLeader();
      const final = await c.status(finalLeader);
      expect([...final.voters].sort()).toEqual(["m2", "m3", "m4", "m5"]);
      expect(final.learners).toEqual([]);
    } finally {
      await writer.stop();
    }

    // Every acknowledged write is readable, through the newest member too.
    expect(await missingAckedWrites([c.clientEndpoint("m5")], writer.acked, 16)).toEqual([]);
  });
});
