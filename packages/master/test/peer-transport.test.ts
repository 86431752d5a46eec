import * as grpc from "@grpc/grpc-js";
import type { Message, NodeId } from "@tskube/raft";
import { makeMessage } from "@tskube/raft";
import { afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "../src/logger.js";
import { MasterMetrics } from "../src/metrics.js";
import { freeLoopbackPorts } from "../src/net.js";
import { PeerTransport } from "../src/transport/peer-transport.js";
import {
  GRPC_RECEIVE_LIMIT_BYTES,
  raftServiceDefinition,
  raftServiceHandlers,
} from "../src/transport/raft-service.js";

function msg(overrides: Partial<Message>): Message {
  return makeMessage({ type: "heartbeat", from: "m1", to: "m2", term: 1, ...overrides });
}

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** A Raft peer server for member m2 of cluster "c1" that records what it steps. */
async function receiver(): Promise<{ address: string; stepped: Message[] }> {
  const stepped: Message[] = [];
  const server = new grpc.Server({ "grpc.max_receive_message_length": GRPC_RECEIVE_LIMIT_BYTES });
  server.addService(
    raftServiceDefinition(),
    raftServiceHandlers(
      { clusterId: "c1", selfId: "m2", isKnownMember: (id) => id === "m1", step: (m) => stepped.push(m) },
      silentLogger(),
      new MasterMetrics({ processMetrics: false }),
    ),
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  cleanups.push(() => server.forceShutdown());
  return { address: `127.0.0.1:${port}`, stepped };
}

function transport(
  clusterId: string,
  address: string,
  events: { unreachable: NodeId[]; snapshots: Array<[NodeId, boolean]> },
  maxQueuedMessages?: number,
) {
  const metrics = new MasterMetrics({ processMetrics: false });
  const t = new PeerTransport({
    selfId: "m1",
    clusterId,
    logger: silentLogger(),
    metrics,
    onUnreachable: (id) => events.unreachable.push(id),
    onSnapshotStatus: (id, ok) => events.snapshots.push([id, ok]),
    ...(maxQueuedMessages !== undefined && { maxQueuedMessages }),
  });
  t.setPeers(new Map([["m2", address]]));
  cleanups.push(() => t.close());
  return { t, metrics };
}

async function until(probe: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe("gRPC peer transport", () => {
  it("delivers messages in order on one stream", async () => {
    const r = await receiver();
    const events = { unreachable: [], snapshots: [] };
    const { t } = transport("c1", r.address, events);
    t.send([msg({ commit: 1 }), msg({ commit: 2 })]);
    t.send([
      msg({
        type: "app",
        entries: [{ term: 1, index: 3, type: "normal", data: new Uint8Array([7]) }],
        commit: 3,
      }),
    ]);
    await until(() => r.stepped.length === 3);
    expect(r.stepped.map((m) => m.commit)).toEqual([1, 2, 3]);
    expect([...(r.stepped[2]?.entries[0]?.data ?? [])]).toEqual([7]);
    expect(events.unreachable).toEqual([]);
  });

  it("streams a snapshot in chunks; the receiver reassembles and steps it whole", async () => {
    const r = await receiver();
    const events = { unreachable: [] as NodeId[], snapshots: [] as Array<[NodeId, boolean]> };
    const { t, metrics } = transport("c1", r.address, events);
    const data = new Uint8Array(1_500_000).map((_, i) => i % 253);
    t.send([
      msg({
        type: "snap",
        snapshot: {
          metadata: { index: 500, term: 3, confState: { voters: ["m1", "m2"], learners: [] } },
          data,
        },
      }),
    ]);
    await until(() => events.snapshots.length === 1);
    expect(events.snapshots).toEqual([["m2", true]]);
    const snap = r.stepped.find((m) => m.type === "snap");
    expect(snap?.snapshot?.metadata.index).toBe(500);
    expect(Buffer.from(snap?.snapshot?.data ?? []).equals(Buffer.from(data))).toBe(true);
    expect((await metrics.snapshotsSent.get()).values.find((v) => v.labels.result === "ok")?.value).toBe(1);
  });

  it("a stream rejected by the receiver (another cluster) is reported unreachable; nothing is stepped", async () => {
    const r = await receiver();
    const events = { unreachable: [] as NodeId[], snapshots: [] };
    const { t } = transport("other-cluster", r.address, events);
    t.send([msg({})]);
    await until(() => events.unreachable.length > 0);
    expect(events.unreachable[0]).toBe("m2");
    expect(r.stepped).toEqual([]);
  });

  it("bounds the queue of an unreachable peer, dropping the oldest messages", async () => {
    const [port] = await freeLoopbackPorts(1);
    const events = { unreachable: [] as NodeId[], snapshots: [] };
    const { t, metrics } = transport("c1", `127.0.0.1:${port}`, events, 100);
    t.send([msg({})]);
    await until(() => events.unreachable.length > 0);
    // While the stream waits for its reconnect backoff, a burst piles up in the queue.
    t.send(Array.from({ length: 5000 }, (_, i) => msg({ commit: i })));
    const dropped = (await metrics.peerMessagesDropped.get()).values[0]?.value ?? 0;
    expect(dropped).toBeGreaterThanOrEqual(4900);
    expect((await metrics.peerSendFailures.get()).values[0]?.value ?? 0).toBeGreaterThanOrEqual(1);
  });
});
