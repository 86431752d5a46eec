import type * as grpc from "@grpc/grpc-js";
import type { Message, NodeId } from "@tskube/raft";
import type { Envelope } from "../generated/raft/v1/Envelope.js";
import type { RaftClient } from "../generated/raft/v1/Raft.js";
import type { Logger } from "../logger.js";
import type { MasterMetrics } from "../metrics.js";
import { Backoff } from "./backoff.js";
import { approximateSize, messageToProto } from "./codec.js";

// Envelopes stay far below the receiver's 16 MiB frame limit even when a backlog is flushed at once.
const MAX_ENVELOPE_BYTES = 4 * 1024 * 1024;

export interface PeerStreamContext {
  readonly selfId: NodeId;
  readonly clusterId: string;
  readonly logger: Logger;
  readonly metrics: MasterMetrics;
  /** Messages kept for a peer whose stream is down or slow; older ones are dropped beyond this. */
  readonly maxQueuedMessages: number;
  readonly random: () => number;
  readonly onUnreachable: (peer: NodeId) => void;
}

// A stream that stayed up this long was healthy: its failure restarts the backoff from the minimum.
const HEALTHY_STREAM_MS = 2000;

/**
 * The one outgoing Send stream to one peer. The messages of one send() go out as one Envelope; a broken
 * stream is reported unreachable and reopened after an exponential backoff.
 */
export class PeerStream {
  private queue: Message[] = [];
  private call: grpc.ClientWritableStream<Envelope> | null = null;
  private waitingForDrain = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private openedAt = 0;
  private consecutiveFailures = 0;
  private closed = false;
  private readonly backoff: Backoff;

  constructor(
    readonly peer: NodeId,
    private readonly client: RaftClient,
    private readonly ctx: PeerStreamContext,
  ) {
    this.backoff = new Backoff(50, 1000, ctx.random);
  }

  /** Queues messages and writes them at once, as one envelope (a stream that is down keeps them queued). */
  send(messages: readonly Message[]): void {
    if (this.closed || messages.length === 0) return;
    for (const m of messages) this.queue.push(m);
    const excess = this.queue.length - this.ctx.maxQueuedMessages;
    if (excess > 0) {
      // Raft retransmits whatever matters (appends are re-sent from the follower's progress, heartbeats
      // recur), so the oldest messages are the cheapest to lose.
      this.queue.splice(0, excess);
      this.ctx.metrics.peerMessagesDropped.inc({ peer: this.peer }, excess);
    }
    // No deferral to a later turn: the driver hands over a whole Ready's messages in one call, and a
    // Ready's append to a follower is on the critical path of every write.
    this.flush();
  }

  get queued(): number {
    return this.queue.length;
  }

  close(): void {
    this.closed = true;
    this.queue = [];
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const call = this.call;
    this.call = null;
    call?.end();
  }

  private flush(): void {
    while (!this.closed && this.queue.length > 0 && !this.waitingForDrain && this.reconnectTimer === null) {
      const call = this.call ?? this.open();
      const messages = this.takeBatch();
      const envelope: Envelope = {
        clusterId: this.ctx.clusterId,
        from: this.ctx.selfId,
        to: this.peer,
        messages: messages.map((m) => messageToProto(m)),
      };
      if (!call.write(envelope)) {
        this.waitingForDrain = true;
        call.once("drain", () => {
          if (this.call !== call) return;
          this.waitingForDrain = false;
          this.flush();
        });
      }
    }
  }

  /** The queued messages that fit one envelope (well under the receiver's frame limit; at least one). */
  private takeBatch(): Message[] {
    let size = 0;
    let n = 0;
    while (n < this.queue.length) {
      size += approximateSize(this.queue[n] as Message);
      if (n > 0 && size > MAX_ENVELOPE_BYTES) break;
      n++;
    }
    return this.queue.splice(0, n);
  }

  private open(): grpc.ClientWritableStream<Envelope> {
    const call = this.client.Send((err) => {
      if (this.call === call) this.broken(err);
    });
    // Failures arrive through the callback; without a listener an 'error' event would crash the process.
    call.on("error", () => {});
    this.call = call;
    this.openedAt = Date.now();
    return call;
  }

  private broken(err: grpc.ServiceError | null): void {
    this.call = null;
    this.waitingForDrain = false;
    if (this.closed) return;
    this.ctx.metrics.peerSendFailures.inc({ peer: this.peer });
    if (Date.now() - this.openedAt >= HEALTHY_STREAM_MS) {
      this.backoff.reset();
      this.consecutiveFailures = 0;
    }
    this.consecutiveFailures++;
    const delayMs = Math.round(this.backoff.next());
    const detail = {
      peer: this.peer,
      code: err?.code,
      error: err?.details ?? "stream ended",
      retryInMs: delayMs,
    };
    // Connection refused while a peer is down repeats every second: say it once, then at debug level.
    if (this.consecutiveFailures === 1) this.ctx.logger.warn(detail, "peer stream broken");
    else this.ctx.logger.debug(detail, "peer stream still broken");
    this.ctx.onUnreachable(this.peer);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.flush();
    }, delayMs);
  }
}
