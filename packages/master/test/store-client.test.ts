import * as grpc from "@grpc/grpc-js";
import { afterEach, describe, expect, it } from "vitest";
import { StoreClient } from "../src/client/store-client.js";
import { StoreClientError } from "../src/client/store-errors.js";
import type { WatchBatch } from "../src/client/store-types.js";
import type { PutRequest__Output } from "../src/generated/etcdserverpb/PutRequest.js";
import type { PutResponse } from "../src/generated/etcdserverpb/PutResponse.js";
import type { RangeRequest__Output } from "../src/generated/etcdserverpb/RangeRequest.js";
import type { RangeResponse } from "../src/generated/etcdserverpb/RangeResponse.js";
import type { WatchRequest__Output } from "../src/generated/etcdserverpb/WatchRequest.js";
import type { WatchResponse } from "../src/generated/etcdserverpb/WatchResponse.js";
import { loadStoreProtos } from "../src/grpc/protos.js";

// The client against scripted in-process servers on loopback: each scenario decides exactly what a member
// answers, so retry and resume decisions are checked without a real cluster's timing.

type Handlers = {
  Put?: grpc.handleUnaryCall<PutRequest__Output, PutResponse>;
  Range?: grpc.handleUnaryCall<RangeRequest__Output, RangeResponse>;
  Watch?: grpc.handleBidiStreamingCall<WatchRequest__Output, WatchResponse>;
};

const servers: grpc.Server[] = [];
const clients: StoreClient[] = [];

afterEach(() => {
  for (const c of clients.splice(0)) c.close();
  for (const s of servers.splice(0)) s.forceShutdown();
});

async function fakeMember(h: Handlers): Promise<string> {
  const p = loadStoreProtos().etcdserverpb;
  const server = new grpc.Server();
  const unimplemented = (_call: unknown, cb: grpc.sendUnaryData<never>) =>
    cb({ code: grpc.status.UNIMPLEMENTED, details: "not scripted" });
  server.addService(p.KV.service, {
    Put: h.Put ?? unimplemented,
    Range: h.Range ?? unimplemented,
    DeleteRange: unimplemented,
    Txn: unimplemented,
    Compact: unimplemented,
  });
  server.addService(p.Watch.service, {
    Watch: h.Watch ?? ((call: grpc.ServerDuplexStream<unknown, unknown>) => call.end()),
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, port) =>
      e ? reject(e) : resolve(port),
    ),
  );
  servers.push(server);
  return `127.0.0.1:${port}`;
}

function client(endpoints: string[], options: { deadlineMs?: number; retryBudgetMs?: number } = {}) {
  const c = new StoreClient(endpoints, options);
  clients.push(c);
  return c;
}

const fail =
  (code: grpc.status, details: string) =>
  (_call: unknown, cb: grpc.sendUnaryData<never>): void =>
    cb({ code, details });
const header = (revision: number) => ({ clusterId: "1", memberId: "2", revision, raftTerm: 3 });
const putOk =
  (revision: number): grpc.handleUnaryCall<PutRequest__Output, PutResponse> =>
  (_call, cb) =>
    cb(null, { header: header(revision) });

/** A port nothing listens on (a freshly closed server's). */
async function deadEndpoint(): Promise<string> {
  const endpoint = await fakeMember({});
  servers.pop()?.forceShutdown();
  return endpoint;
}

describe("StoreClient writes: retried only when provably not executed", () => {
  it("a put that times out on a member is outcomeUnknown and is not sent anywhere else", async () => {
    let puts = 0;
    const hang = await fakeMember({ Put: () => void puts++ });
    const ok = await fakeMember({
      Put: (c, cb) => {
        puts++;
        putOk(9)(c, cb);
      },
    });
    const c = client([hang, ok], { deadlineMs: 200 });
    const err = await c.put("k", "v").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreClientError);
    expect(err).toMatchObject({ kind: "outcomeUnknown", endpoint: hang, notExecuted: false });
    expect(puts).toBe(1);
  });

  it.each(["etcdserver: leader changed", "etcdserver: request timed out"])(
    "a put answered UNAVAILABLE %j is outcomeUnknown, not retried",
    async (details) => {
      let second = 0;
      const a = await fakeMember({ Put: fail(grpc.status.UNAVAILABLE, details) });
      const b = await fakeMember({
        Put: (c, cb) => {
          second++;
          putOk(9)(c, cb);
        },
      });
      const err = await client([a, b])
        .put("k", "v")
        .catch((e: unknown) => e);
      expect(err).toMatchObject({ kind: "outcomeUnknown", details });
      expect(second).toBe(0);
    },
  );

  it("a put answered 'no leader' moves on to the next member, whose answer is returned", async () => {
    const a = await fakeMember({ Put: fail(grpc.status.UNAVAILABLE, "etcdserver: no leader") });
    const b = await fakeMember({ Put: putOk(42) });
    expect((await client([a, b]).put("k", "v")).revision).toBe(42);
  });

  it("a put to a member that refuses connections goes to the next one", async () => {
    const dead = await deadEndpoint();
    const b = await fakeMember({ Put: putOk(7) });
    const r = await client([dead, b]).put("k", new Uint8Array([0xff, 0x00]));
    expect(r.revision).toBe(7);
  });

  it("a put that keeps failing 'no leader' gives up with noLeader once the budget is spent", async () => {
    const a = await fakeMember({ Put: fail(grpc.status.UNAVAILABLE, "etcdserver: no leader") });
    const started = performance.now();
    const err = await client([a], { retryBudgetMs: 300 })
      .put("k", "v")
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "noLeader", notExecuted: true });
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(250);
    expect(took).toBeLessThan(2000);
  });
});

describe("StoreClient reads", () => {
  it("a range that fails with leader changed, dropped or timed out is retried on the next member", async () => {
    const a = await fakeMember({ Range: fail(grpc.status.UNAVAILABLE, "etcdserver: leader changed") });
    const b = await fakeMember({ Range: () => {} });
    const c3 = await fakeMember({
      Range: (call, cb) =>
        cb(null, {
          header: header(5),
          count: 1,
          kvs: [
            {
              key: call.request.key,
              value: Buffer.from("v"),
              createRevision: 2,
              modRevision: 5,
              version: 3,
              lease: "0",
            },
          ],
        }),
    });
    const c = client([a, b, c3], { deadlineMs: 200 });
    const kv = await c.get("k");
    expect(kv).toMatchObject({
      keyText: "k",
      valueText: "v",
      createRevision: 2,
      modRevision: 5,
      version: 3,
      lease: "0",
    });
    // The next call starts where the last one succeeded.
    expect((await c.range("k")).revision).toBe(5);
  });

  it("a request error (compacted) is returned at once, with the endpoint in the message", async () => {
    const a = await fakeMember({
      Range: fail(grpc.status.OUT_OF_RANGE, "etcdserver: mvcc: required revision has been compacted"),
    });
    const err = await client([a])
      .range("k", { revision: 1 })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "compacted" });
    expect((err as Error).message).toContain(a);
  });
});

/** A scripted watch member: records create requests and lets the test send responses or break the stream. */
function watchScript() {
  const creates: WatchRequest__Output[] = [];
  let current: grpc.ServerDuplexStream<WatchRequest__Output, WatchResponse> | undefined;
  let onCreate: () => void = () => {};
  return {
    creates,
    handler: ((call) => {
      current = call;
      call.on("data", (req: WatchRequest__Output) => {
        if (req.createRequest) {
          creates.push(req);
          onCreate();
        }
      });
      call.on("error", () => {});
    }) as grpc.handleBidiStreamingCall<WatchRequest__Output, WatchResponse>,
    send(r: WatchResponse) {
      current?.write(r);
    },
    breakStream() {
      current?.emit("error", { code: grpc.status.UNAVAILABLE, details: "member going away" });
    },
    created(): Promise<void> {
      return new Promise((resolve) => {
        onCreate = resolve;
      });
    },
  };
}

const put = (key: string, rev: number) => ({
  type: "PUT" as const,
  kv: {
    key: Buffer.from(key),
    value: Buffer.from("v"),
    createRevision: rev,
    modRevision: rev,
    version: 1,
    lease: "0",
  },
});

async function take(it: AsyncIterator<WatchBatch>, n: number): Promise<number[]> {
  const revs: number[] = [];
  while (revs.length < n) {
    const r = await it.next();
    if (r.done) break;
    revs.push(
      ...(r.value.events.length === 0 ? [-r.value.revision] : r.value.events.map((e) => e.kv.modRevision)),
    );
  }
  return revs;
}

describe("StoreWatch", () => {
  it("resumes on the next member from lastRevision + 1 and drops what a server resends", async () => {
    const a = watchScript();
    const b = watchScript();
    const ea = await fakeMember({ Watch: a.handler });
    const eb = await fakeMember({ Watch: b.handler });
    const c = client([ea, eb]);
    const aCreated = a.created();
    const watching = c.watch("w/", { prefix: true });
    await aCreated;
    a.send({ header: header(4), created: true, watchId: 1 });
    const w = await watching;
    const it = w[Symbol.asyncIterator]();
    expect(a.creates[0]!.createRequest).toMatchObject({
      startRevision: "0",
      key: Buffer.from("w/"),
      rangeEnd: Buffer.from("w0"),
    });
    a.send({ header: header(6), watchId: 1, events: [put("w/a", 5), put("w/b", 6)] });
    expect(await take(it, 2)).toEqual([5, 6]);

    const bCreated = b.created();
    a.breakStream();
    await bCreated;
    expect(b.creates[0]!.createRequest).toMatchObject({ startRevision: "7" });
    b.send({ header: header(8), created: true, watchId: 1 });
    // A server resending revision 6 must not reach the consumer twice.
    b.send({ header: header(8), watchId: 1, events: [put("w/b", 6)] });
    b.send({ header: header(8), watchId: 1, events: [put("w/c", 7), put("w/d", 8)] });
    b.send({ header: header(8), watchId: 1 });
    expect(await take(it, 3)).toEqual([7, 8, -8]);
    expect(w.lastRevision).toBe(8);
    w.cancel();
    expect((await it.next()).done).toBe(true);
  });

  it("a start revision that was compacted ends the watch with kind compacted and the compact revision", async () => {
    const a = watchScript();
    const ea = await fakeMember({ Watch: a.handler });
    const c = client([ea]);
    const created = a.created();
    const watching = c.watch("k", { startRevision: 3 });
    await created;
    a.send({ header: header(20), created: true, watchId: 1 });
    const w = await watching;
    a.send({
      header: header(20),
      watchId: 1,
      canceled: true,
      compactRevision: 10,
      cancelReason: "mvcc: required revision has been compacted",
    });
    const err = await w.nextBatch().catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "compacted", compactRevision: 10 });
  });

  it("closing the client ends its watches", async () => {
    const a = watchScript();
    const ea = await fakeMember({ Watch: a.handler });
    const c = client([ea]);
    const created = a.created();
    const watching = c.watch("k");
    await created;
    a.send({ header: header(3), created: true, watchId: 1 });
    const w = await watching;
    c.close();
    expect(await w.nextBatch()).toBeUndefined();
  });

  it("gives up with the last error when no member takes the watch within the budget", async () => {
    const dead = await deadEndpoint();
    const c = client([dead], { retryBudgetMs: 300 });
    const err = await c.watch("k").catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "unavailable" });
  });
});
