import { cp, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import {
  createRaftPeerClient,
  deriveClusterId,
  LocalCluster,
  MAX_PEER_MESSAGE_BYTES,
  MasterProcess,
  parseInitialCluster,
  StoreClient,
} from "@tskube/master";
import { ClassicLevel } from "classic-level";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Envelope } from "../src/generated/raft/v1/Envelope.js";
import { ensureBuilt } from "./helpers/build.js";

/** Opens one Send stream, writes `frames`, and resolves with the status the member answered. */
function sendFrames(address: string, frames: Envelope[]): Promise<grpc.ServiceError | null> {
  const client = createRaftPeerClient(address);
  return new Promise((resolve) => {
    const call = client.Send((err) => {
      client.close();
      resolve(err);
    });
    call.on("error", () => {});
    for (const f of frames) call.write(f);
    call.end();
  });
}

/** Sends raw bytes as one frame of the Send method, bypassing protobuf encoding. */
function sendRawBytes(address: string, bytes: Buffer): Promise<grpc.ServiceError | null> {
  const client = new grpc.Client(address, grpc.credentials.createInsecure());
  return new Promise((resolve) => {
    const call = client.makeClientStreamRequest<Buffer, Buffer>(
      "/raft.v1.Raft/Send",
      (b) => b,
      (b) => b,
      (err) => {
        client.close();
        resolve(err);
      },
    );
    call.on("error", () => {});
    call.write(bytes);
    call.end();
  });
}

describe("bad input: peer messages and data dirs", () => {
  let cluster: LocalCluster | null = null;
  const extra: MasterProcess[] = [];

  beforeAll(() => ensureBuilt());
  afterAll(async () => {
    for (const p of extra) if (p.running) await p.stop();
    await cluster?.destroy();
  });

  it("rejects peer messages from another cluster, an unknown member, garbage and oversized frames, and keeps working", async () => {
    cluster = await LocalCluster.start({ size: 3 });
    const c = cluster;
    await c.waitForLeader();
    const target = c.running("m1");
    const peer = target.peerAddress;
    const clusterId = (await c.status("m1")).clusterId;

    const wrongCluster = await sendFrames(peer, [
      { clusterId: "not-our-cluster", from: "m2", to: "m1", messages: [] },
    ]);
    expect(wrongCluster?.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(wrongCluster?.details).toContain("not-our-cluster");
    await target.waitForLine(
      (l) => l.includes("rejected peer stream") && l.includes("not-our-cluster") && l.includes(clusterId),
      5000,
    );

    const unknown = await sendFrames(peer, [{ clusterId, from: "intruder", to: "m1", messages: [] }]);
    expect(unknown?.code).toBe(grpc.status.PERMISSION_DENIED);
    await target.waitForLine(
      (l) => l.includes("rejected peer stream") && l.includes('unknown member \\"intruder\\"'),
      5000,
    );

    const garbage = await sendRawBytes(peer, Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x01, 0x02, 0x03]));
    expect(garbage?.code).toBe(grpc.status.INVALID_ARGUMENT);
    await target.waitForLine(
      (l) => l.includes("rejected peer stream") && l.includes("malformed peer message"),
      5000,
    );

    const badMessage = await sendFrames(peer, [
      {
        clusterId,
        from: "m2",
        to: "m1",
        messages: [{ type: "MESSAGE_TYPE_UNSPECIFIED", from: "m2", to: "m1" }],
      },
    ]);
    expect(badMessage?.code).toBe(grpc.status.INVALID_ARGUMENT);
    await target.waitForLine(
      (l) => l.includes("rejected peer stream") && l.includes("unknown message type"),
      5000,
    );

    const huge = "x".repeat(MAX_PEER_MESSAGE_BYTES + 1024);
    const oversized = await sendFrames(peer, [
      {
        clusterId,
        from: "m2",
        to: "m1",
        messages: [{ type: "MESSAGE_TYPE_HEARTBEAT", from: "m2", to: "m1", context: huge }],
      },
    ]);
    expect(oversized?.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    await target.waitForLine((l) => l.includes("rejected peer stream") && l.includes("oversized"), 5000);

    // Still one healthy cluster: every member up, writes and linearizable reads work.
    expect(c.runningNames()).toHaveLength(3);
    const store = new StoreClient(c.clientEndpoints(), { deadlineMs: 5000 });
    try {
      for (let i = 0; i < 5; i++)
        await store.put(`after-bad-input/${i}`, "ok", { endpoint: c.clientEndpoint("m1") });
      await store.put("after-bad-input", "ok", { endpoint: c.clientEndpoint("m1") });
      expect((await store.get("after-bad-input", { endpoint: c.clientEndpoint("m1") }))?.valueText).toBe(
        "ok",
      );
    } finally {
      store.close();
    }
    expect(await c.metrics("m1")).toMatch(
      /tskube_raft_peer_messages_rejected_total\{reason="wrongCluster"\} 1/,
    );
  });

  it("refuses bad store requests with a distinct error kind each, changing nothing, and keeps serving", async () => {
    const c = cluster as LocalCluster;
    const store = new StoreClient(c.clientEndpoints(), { deadlineMs: 5000 });
    try {
      const refused = async (call: Promise<unknown>, kind: string) => {
        const err = await call.then(
          () => new Error(`expected a ${kind} error, the call succeeded`),
          (e: unknown) => e,
        );
        expect(err).toMatchObject({ name: "StoreClientError", kind });
        // One line naming the member that answered and the kind.
        expect((err as Error).message).toMatch(/^127\.0\.0\.1:\d+: .+\(\w+(, [A-Z_]+)?\)$/);
        return err as { compactRevision?: number };
      };
      const r1 = (await store.put("bad/k", "1")).revision;
      const r2 = (await store.put("bad/k", "2")).revision;

      await refused(store.put("bad/big", Buffer.alloc(1.5 * 1024 * 1024 + 1, 1)), "requestTooLarge");
      await refused(store.put("x".repeat(32 * 1024 + 1), "v"), "keyTooLarge");
      await refused(store.put("", "v"), "emptyKey");
      await refused(store.range(""), "emptyKey");
      const ops = (n: number) =>
        Array.from({ length: n }, (_, i) => ({ type: "put" as const, key: `bad/t${i}`, value: "v" }));
      await refused(store.txn({ success: ops(129) }), "tooManyOps");
      await refused(store.txn({ success: [...ops(2), ...ops(1)] }), "duplicateKey");
      await refused(store.put("bad/l", "v", { lease: "987654321" }), "leaseNotFound");
      await refused(store.leaseRevoke("987654321"), "leaseNotFound");
      await refused(store.leaseKeepAliveOnce("987654321"), "leaseNotFound");
      await refused(store.leaseTimeToLive("987654321"), "leaseNotFound");
      await refused(store.range("bad/k", { revision: r2 + 1000 }), "futureRevision");
      await refused(store.compact(r2 + 1000), "futureRevision");
      // None of them took a revision.
      expect((await store.range("bad/k")).revision).toBe(r2);

      await store.compact(r2);
      await refused(store.range("bad/k", { revision: r1 }), "compacted");
      await refused(store.compact(r1), "compacted");
      const w = await store.watch("bad/k", { startRevision: r1 });
      expect(await refused(w.nextBatch(), "compacted")).toMatchObject({ compactRevision: r2 });
      // A watch from a future revision is not an error (as in etcd): it waits for that revision.
      const future = await store.watch("bad/k", { startRevision: r2 + 2 });
      await store.put("bad/k", "3");
      const r4 = (await store.put("bad/k", "4")).revision;
      expect(r4).toBe(r2 + 2);
      const batch = await future.nextBatch();
      expect(batch?.events.map((e) => [e.kv.valueText, e.kv.modRevision])).toEqual([["4", r4]]);
      future.cancel();

      // Still one healthy cluster: every member serves writes and linearizable reads.
      expect(c.runningNames()).toHaveLength(3);
      for (const name of c.names()) {
        const endpoint = c.clientEndpoint(name);
        await store.put(`bad/after/${name}`, "ok", { endpoint });
        expect((await store.get(`bad/after/${name}`, { endpoint }))?.valueText).toBe("ok");
      }
    } finally {
      store.close();
    }
  });

  it("refuses to start on a data dir of another cluster, naming both cluster ids", async () => {
    const c = cluster as LocalCluster;
    const m3 = c.slot("m3");
    const ownId = (await c.status("m3")).clusterId;
    expect((await c.running("m3").stop()).code).toBe(0);
    // Same name and data dir, but flags describing a different cluster (another member list).
    const otherCluster = "m1=127.0.0.1:1,m2=127.0.0.1:2,m3=127.0.0.1:3";
    const otherId = deriveClusterId(parseInitialCluster(otherCluster));
    const p = new MasterProcess({ ...m3.options, initialCluster: otherCluster, onLine: undefined });
    extra.push(p);
    const exit = await p.exited;
    expect(exit.code).toBe(1);
    const line = p.lines.find((l) => l.startsWith("tskube master:"));
    expect(line).toBeDefined();
    expect(line).toContain(ownId);
    expect(line).toContain(otherId);
    // The right flags still start it.
    const again = c.spawn("m3");
    await again.waitReady();
  });

  it("refuses to start on a corrupt or truncated data dir with the storage error's message", async () => {
    const c = cluster as LocalCluster;
    const m2 = c.slot("m2");
    expect((await c.running("m2").stop()).code).toBe(0);

    /** Starts m2 on a damaged copy of its data dir; returns the one line it printed before exiting 1. */
    const startDamaged = async (label: string, damage: (dir: string) => Promise<void>): Promise<string> => {
      const dir = join(c.dir, `m2-${label}`);
      await cp(m2.options.dataDir, dir, { recursive: true });
      await damage(dir);
      const p = new MasterProcess({ ...m2.options, dataDir: dir, onLine: undefined });
      extra.push(p);
      expect((await p.exited).code).toBe(1);
      const line = p.lines.find((l) => l.startsWith("tskube master:"));
      expect(line).toBeDefined();
      expect(line).toContain(dir);
      await rm(dir, { recursive: true, force: true });
      return line as string;
    };

    // LevelDB's own files damaged.
    const current = await startDamaged("current", (dir) =>
      writeFile(join(dir, "CURRENT"), "garbage-without-newline"),
    );
    expect(current).toMatch(/corruption/i);
    // A log entry record with flipped bits.
    const flipped = await startDamaged("flipped", (dir) =>
      tamperEntries(dir, async (db, entries) => {
        const [key, value] = entries[Math.floor(entries.length / 2)] as [Buffer, Buffer];
        value[value.length - 1] = (value[value.length - 1] as number) ^ 0xff;
        await db.put(key, value);
      }),
    );
    expect(flipped).toMatch(/checksum mismatch in log entry \d+/);
    // A log entry lost in the middle (truncated log).
    const gap = await startDamaged("gap", (dir) =>
      tamperEntries(dir, async (db, entries) => {
        const [key] = entries[Math.floor(entries.length / 2)] as [Buffer, Buffer];
        await db.del(key);
      }),
    );
    expect(gap).toMatch(/log entries \d+\.\.\d+ are missing/);

    // The undamaged data dir still starts, and the cluster is whole again.
    await c.spawn("m2").waitReady();
    await c.waitForLeader();
  });
});

/** Opens a stopped member's LevelDB directly and hands `change` its log entry records (key prefix 0x05). */
async function tamperEntries(
  dir: string,
  change: (db: ClassicLevel<Buffer, Buffer>, entries: Array<[Buffer, Buffer]>) => Promise<void>,
): Promise<void> {
  const db = new ClassicLevel<Buffer, Buffer>(dir, { keyEncoding: "buffer", valueEncoding: "buffer" });
  await db.open();
  try {
    const entries: Array<[Buffer, Buffer]> = [];
    for await (const [k, v] of db.iterator()) if (k[0] === 0x05) entries.push([k, v]);
    expect(entries.length).toBeGreaterThanOrEqual(3);
    await change(db, entries);
  } finally {
    await db.close();
  }
}
