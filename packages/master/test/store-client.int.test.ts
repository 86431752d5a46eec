import { PassThrough } from "node:stream";
import {
  cmp,
  LocalEtcdCluster,
  op,
  StoreClient,
  StoreClientError,
  type StoreWatchBatch,
} from "@tskube/master";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// StoreClient against a real 3-member etcd 3.4 (the wire format tskube serves): the typed API, leases and
// keep-alive, status / members / snapshot, and what a member's death does to reads, writes and a watch.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("StoreClient against a real etcd 3.4", () => {
  let etcd: LocalEtcdCluster;
  let client: StoreClient;

  beforeAll(async () => {
    etcd = await LocalEtcdCluster.start({ size: 3, heartbeatIntervalMs: 100, electionTimeoutMs: 1000 });
    client = new StoreClient(etcd.clientUrls, { deadlineMs: 3000 });
  });
  afterAll(async () => {
    client?.close();
    await etcd?.stop();
  });

  it("puts and reads strings and raw bytes; ranges sort, limit, count, keysOnly, fromKey, serializable", async () => {
    const bin = new Uint8Array([0x00, 0xff, 0xfe]);
    const p1 = await client.put("t/b", "2");
    await client.put("t/a", bin);
    await client.put("t/c", "3");
    const a = await client.get("t/a");
    expect([...(a?.value ?? [])]).toEqual([...bin]);
    expect(a?.createRevision).toBe(p1.revision + 1);
    expect(await client.get("t/missing")).toBeUndefined();

    const desc = await client.range("t/", {
      prefix: true,
      sort: { target: "key", order: "descend" },
      limit: 2,
    });
    expect(desc.kvs.map((kv) => kv.keyText)).toEqual(["t/c", "t/b"]);
    expect(desc).toMatchObject({ count: 3, more: true });
    const keys = await client.range("t/", { prefix: true, keysOnly: true });
    expect(keys.kvs.map((kv) => [kv.keyText, kv.value.length])).toEqual([
      ["t/a", 0],
      ["t/b", 0],
      ["t/c", 0],
    ]);
    expect((await client.range("t/", { prefix: true, countOnly: true })).count).toBe(3);
    expect((await client.range("t/b", { fromKey: true })).kvs.map((kv) => kv.keyText)).toContain("t/c");
    const local = await client.range("t/c", { serializable: true });
    expect(local.kvs[0]?.valueText).toBe("3");
    expect(local.header.memberId).not.toBe("0");
  });

  it("runs a txn built with cmp/op, nested txns included, and deletes a prefix with prevKvs", async () => {
    const r = await client.put("tx/k", "v1");
    const t = await client.txn({
      compare: [cmp.modRevision("tx/k", "=", r.revision), cmp.value("tx/k", "=", "v1")],
      success: [
        op.put("tx/k", "v2", { prevKv: true }),
        op.txn({ compare: [cmp.version("tx/none", "=", 0)], success: [op.put("tx/n", "nested")] }),
        op.get("tx/", { prefix: true }),
      ],
      failure: [op.delete("tx/k")],
    });
    expect(t.succeeded).toBe(true);
    expect(t.revision).toBe(r.revision + 1);
    expect(t.responses[0]).toMatchObject({ type: "put", prevKv: { version: 1 } });
    expect(t.responses[1]).toMatchObject({ type: "txn", succeeded: true, responses: [{ type: "put" }] });
    expect(t.responses[2]).toMatchObject({ type: "range", count: 2 });
    const again = await client.txn({
      compare: [cmp.modRevision("tx/k", "=", r.revision)],
      failure: [op.get("tx/k")],
    });
    expect(again.succeeded).toBe(false);
    expect(again.responses[0]).toMatchObject({ type: "range", kvs: [{ version: 2 }] });
    const del = await client.delete("tx/", { prefix: true, prevKv: true });
    expect(del.deleted).toBe(2);
    expect(del.prevKvs.map((kv) => kv.valueText)).toEqual(["v2", "nested"]);
  });

  it("keeps a lease alive every ttl/3, reports its loss on revoke, and names unknown leases", async () => {
    const lease = await client.leaseGrant(2);
    expect(lease.ttl).toBe(2);
    await client.put("ls/k", "v", { lease: lease.id });
    const ka = client.keepAlive(lease.id);
    await sleep(3500);
    expect(ka.ttl).toBe(2);
    expect((await client.get("ls/k"))?.lease).toBe(lease.id);
    expect(await client.leases()).toContain(lease.id);
    const ttl = await client.leaseTimeToLive(lease.id, { keys: true });
    expect(ttl.grantedTtl).toBe(2);
    expect(ttl.keys.map((k) => Buffer.from(k).toString())).toEqual(["ls/k"]);

    await client.leaseRevoke(lease.id);
    const lost = await ka.lost;
    expect(lost).toBeInstanceOf(StoreClientError);
    expect(lost?.kind).toBe("leaseNotFound");
    expect(await client.get("ls/k")).toBeUndefined();

    const gone = lease.id;
    await expect(client.leaseRevoke(gone)).rejects.toMatchObject({ kind: "leaseNotFound" });
    await expect(client.leaseTimeToLive(gone)).rejects.toMatchObject({ kind: "leaseNotFound" });
    await expect(client.leaseKeepAliveOnce(gone)).rejects.toMatchObject({ kind: "leaseNotFound" });
    await expect(client.put("ls/k", "v", { lease: gone })).rejects.toMatchObject({ kind: "leaseNotFound" });

    // A stopped keep-alive ends quietly.
    const other = await client.leaseGrant(5);
    const stopped = client.keepAlive(other.id);
    stopped.stop();
    expect(await stopped.lost).toBeNull();
    await client.leaseRevoke(other.id);
  });

  it("reports each endpoint's status, the member list and a snapshot", async () => {
    const statuses = await client.statusAll();
    const ok = statuses.filter((s) => !(s instanceof StoreClientError));
    expect(ok).toHaveLength(3);
    const leaders = new Set(ok.map((s) => ("leader" in s ? s.leader : "")));
    expect(leaders.size).toBe(1);
    expect(ok.filter((s) => "isLeader" in s && s.isLeader)).toHaveLength(1);
    const members = await client.memberList();
    expect(new Set(members.map((m) => m.id))).toEqual(
      new Set(ok.map((s) => ("memberId" in s ? s.memberId : ""))),
    );
    expect(members.every((m) => m.clientUrls.length > 0 && !m.isLearner)).toBe(true);

    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on("data", (c: Buffer) => chunks.push(c));
    const snap = await client.snapshot(sink);
    expect(snap.bytes).toBeGreaterThan(1000);
    expect(Buffer.concat(chunks).length).toBe(snap.bytes);
  });

  it("a watch answers a progress request with an empty batch at the current revision", async () => {
    const w = await client.watch("pg/", { prefix: true });
    const it = w[Symbol.asyncIterator]();
    const r = await client.put("pg/a", "1");
    const first = (await it.next()).value as StoreWatchBatch;
    expect(first.events.map((e) => [e.type, e.kv.keyText, e.kv.modRevision])).toEqual([
      ["PUT", "pg/a", r.revision],
    ]);
    const head = (await client.range("pg/a")).revision;
    w.requestProgress();
    const progress = (await it.next()).value as StoreWatchBatch;
    expect(progress).toEqual({ revision: head, events: [] });
    expect(w.lastRevision).toBe(head);
    await it.return?.();
  });

  it("survives a member's death: reads, a write pinned to it and a watch on it carry on elsewhere", async () => {
    // The victim is a follower: killing the leader would make etcd time out writes during the election
    // ("request timed out"), which is etcd's behaviour, not the client's, and not what this test is about.
    const probe = new StoreClient(etcd.clientUrls, { deadlineMs: 2000 });
    const statuses = await Promise.all(etcd.clientUrls.map((u) => probe.status(u)));
    probe.close();
    const victim = statuses.findIndex((s) => !s.isLeader);
    const m0 = etcd.names()[victim];
    const urls = [etcd.clientUrls[victim]!, ...etcd.clientUrls.filter((_, i) => i !== victim)];
    // Everything of `pinned` starts on m0 (the first endpoint): its watch stream lives there.
    const logs: string[] = [];
    const logger = pino({ level: "debug" }, { write: (line: string) => void logs.push(line) });
    const pinned = new StoreClient(urls, { deadlineMs: 2000, logger });
    const writer = new StoreClient(urls.slice(1), { deadlineMs: 8000 });
    try {
      const w = await pinned.watch("fo/", { prefix: true, prevKv: true });
      const seen: number[] = [];
      const keys: string[] = [];
      const consumer = (async () => {
        for await (const b of w) {
          for (const e of b.events) {
            seen.push(e.kv.modRevision);
            keys.push(e.kv.keyText);
          }
          if (keys.length >= 21) break;
        }
      })();
      for (let i = 0; i < 10; i++) await writer.put(`fo/${String(i).padStart(2, "0")}`, "x");
      await etcd.kill(m0 as string);
      for (let i = 10; i < 20; i++) await writer.put(`fo/${String(i).padStart(2, "0")}`, "x");
      // m0 refuses connections now: the write never left this process, so it is retried on m1 (once).
      const before = (await writer.range("fo/")).revision;
      const put = await pinned.put("fo/20", "x", { endpoint: 0 });
      expect(put.revision).toBe(before + 1);
      expect((await pinned.range("fo/", { prefix: true, countOnly: true, endpoint: 0 })).count).toBe(21);

      await Promise.race([
        consumer,
        sleep(15_000).then(() => Promise.reject(new Error(`watch saw ${keys.length}`))),
      ]);
      expect(keys).toEqual(Array.from({ length: 21 }, (_, i) => `fo/${String(i).padStart(2, "0")}`));
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
      expect(new Set(seen).size).toBe(21);
      // The watch did lose its stream on m0 and resumed elsewhere; the pinned put was retried once.
      expect(logs.filter((l) => l.includes("watch: stream lost")).length).toBeGreaterThanOrEqual(1);
      expect(logs.filter((l) => l.includes("store client: retrying"))).toHaveLength(2);
    } finally {
      pinned.close();
      writer.close();
      await etcd.restart(m0 as string);
    }
  });
});
