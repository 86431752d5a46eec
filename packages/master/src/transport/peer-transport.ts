import * as grpc from "@grpc/grpc-js";
import type { Message, NodeId } from "@tskube/raft";
import type { RaftClient } from "../generated/raft/v1/Raft.js";
import { CHANNEL_OPTIONS, loadProtos } from "../grpc/protos.js";
import type { Logger } from "../logger.js";
import type { MasterMetrics } from "../metrics.js";
import { PeerStream } from "./peer-stream.js";
import { sendSnapshot } from "./snapshot-sender.js";

export interface PeerTransportOptions {
  readonly selfId: NodeId;
  readonly clusterId: string;
  readonly logger: Logger;
  readonly metrics: MasterMetrics;
  readonly onUnreachable: (peer: NodeId) => void;
  readonly onSnapshotStatus: (peer: NodeId, ok: boolean) => void;
  readonly maxQueuedMessages?: number;
  readonly snapshotDeadlineMs?: number;
  readonly random?: () => number;
}

interface Peer {
  readonly address: string;
  readonly client: RaftClient;
  readonly stream: PeerStream;
  snapshotInFlight: boolean;
}

/** Outgoing side of the peer network: one gRPC channel and one Send stream per peer. */
export class PeerTransport {
  private readonly peers = new Map<NodeId, Peer>();
  private closed = false;

  constructor(private readonly options: PeerTransportOptions) {}

  /** Makes the set of peers match the address book (self excluded); changed addresses get a new channel. */
  setPeers(book: ReadonlyMap<NodeId, string>): void {
    for (const [id, peer] of this.peers) {
      if (book.get(id) !== peer.address) this.removePeer(id);
    }
    for (const [id, address] of book) {
      if (id === this.options.selfId || this.peers.has(id) || this.closed) continue;
      const Raft = loadProtos().raft.v1.Raft;
      const client = new Raft(address, grpc.credentials.createInsecure(), CHANNEL_OPTIONS);
      const stream = new PeerStream(id, client, {
        selfId: this.options.selfId,
        clusterId: this.options.clusterId,
        logger: this.options.logger,
        metrics: this.options.metrics,
        maxQueuedMessages: this.options.maxQueuedMessages ?? 4096,
        random: this.options.random ?? Math.random,
        onUnreachable: this.options.onUnreachable,
      });
      this.peers.set(id, { address, client, stream, snapshotInFlight: false });
      this.options.logger.info({ peer: id, address }, "peer added");
    }
  }

  send(messages: readonly Message[]): void {
    if (messages.length === 0) return;
    // One envelope per peer for the whole batch.
    const batches = new Map<Peer, Message[]>();
    for (const m of messages) {
      const peer = this.peers.get(m.to);
      if (peer === undefined) {
        this.options.logger.debug(
          { to: m.to, type: m.type },
          "message to a member with no known address dropped",
        );
        if (m.type === "snap") this.options.onSnapshotStatus(m.to, false);
        continue;
      }
      if (m.type === "snap") {
        this.startSnapshot(m.to, peer, m);
        continue;
      }
      const batch = batches.get(peer);
      if (batch === undefined) batches.set(peer, [m]);
      else batch.push(m);
    }
    for (const [peer, batch] of batches) peer.stream.send(batch);
  }

  close(): void {
    this.closed = true;
    for (const id of [...this.peers.keys()]) this.removePeer(id);
  }

  private removePeer(id: NodeId): void {
    const peer = this.peers.get(id);
    if (peer === undefined) return;
    this.peers.delete(id);
    peer.stream.close();
    peer.client.close();
  }

  private startSnapshot(id: NodeId, peer: Peer, m: Message): void {
    // One snapshot per peer at a time; the core keeps the peer in snapshot state until reportSnapshot.
    if (peer.snapshotInFlight) return;
    peer.snapshotInFlight = true;
    const size = m.snapshot?.data.byteLength ?? 0;
    const index = m.snapshot?.metadata.index ?? 0;
    this.options.logger.info({ peer: id, index, bytes: size }, "sending snapshot");
    const started = Date.now();
    sendSnapshot(peer.client, m, {
      clusterId: this.options.clusterId,
      deadlineMs: this.options.snapshotDeadlineMs ?? 60_000,
    }).then(
      () => {
        peer.snapshotInFlight = false;
        this.options.metrics.snapshotsSent.inc({ result: "ok" });
        this.options.logger.info({ peer: id, index, bytes: size, ms: Date.now() - started }, "snapshot sent");
        if (this.peers.get(id) === peer) this.options.onSnapshotStatus(id, true);
      },
      (err: unknown) => {
        peer.snapshotInFlight = false;
        this.options.metrics.snapshotsSent.inc({ result: "failed" });
        const error = err instanceof Error ? err.message : String(err);
        this.options.logger.warn({ peer: id, index, error }, "snapshot send failed");
        if (this.peers.get(id) === peer) this.options.onSnapshotStatus(id, false);
      },
    );
  }
}
