import * as grpc from "@grpc/grpc-js";
import type { WatchRequest } from "../generated/etcdserverpb/WatchRequest.js";
import type { WatchResponse__Output } from "../generated/etcdserverpb/WatchResponse.js";
import type { Logger } from "../logger.js";
import { keyRange, num, watchEvent } from "./store-convert.js";
import { classifyStatus, StoreClientError, toStoreClientError } from "./store-errors.js";
import type { Bytes, WatchBatch, WatchOptions } from "./store-types.js";

export type WatchStream = grpc.ClientDuplexStream<WatchRequest, WatchResponse__Output>;

export interface WatchConnector {
  /** Endpoints in the order to try them. */
  readonly endpoints: () => readonly string[];
  readonly open: (endpoint: string) => WatchStream;
  /** How long the watch may stay disconnected before it ends with the last error. */
  readonly budgetMs: number;
  readonly logger?: Logger;
  /** Told once when the watch ends (canceled or failed). */
  readonly onEnd?: (w: StoreWatch) => void;
}

const FIRST_BACKOFF_MS = 25;
const MAX_BACKOFF_MS = 1000;

/**
 * One watch on its own bidi stream. When the stream fails it reconnects (next endpoint) and resumes from
 * the revision after the last one delivered, dropping anything older a server might resend: the consumer
 * sees every revision once, in order. A start revision that was compacted ends the watch with a
 * StoreClientError of kind "compacted" carrying compactRevision. Leaving a `for await` loop cancels it.
 */
export class StoreWatch implements AsyncIterable<WatchBatch> {
  /** Resolves once the server created the watch (later writes are then guaranteed to be seen). */
  readonly ready: Promise<void>;
  private readyState: { resolve: () => void; reject: (e: Error) => void; settled: boolean };
  /** Next revision to deliver; 0 until known (a watch "from now" learns it from the created response). */
  private nextRevision: number;
  private readonly batches: WatchBatch[] = [];
  private waiters: (() => void)[] = [];
  private failure: StoreClientError | undefined;
  private ended = false;
  private stream: WatchStream | null = null;
  private attempt = 0;
  private disconnectedSince: number | null = null;
  private backoff = FIRST_BACKOFF_MS;
  private timer: NodeJS.Timeout | undefined;
  private readonly key: Buffer;
  private readonly rangeEnd: Buffer | undefined;

  constructor(
    private readonly connector: WatchConnector,
    key: Bytes,
    private readonly options: WatchOptions,
  ) {
    const r = keyRange(key, options);
    this.key = r.key;
    this.rangeEnd = r.rangeEnd;
    this.nextRevision = options.startRevision ?? 0;
    let resolve: () => void = () => {};
    let reject: (e: Error) => void = () => {};
    this.ready = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // A failure is also reported by nextBatch(); nobody has to await `ready` for it not to go unhandled.
    this.ready.catch(() => {});
    this.readyState = { resolve, reject, settled: false };
    this.connect();
  }

  /** The last revision delivered (events or a progress notification), 0 if none yet. */
  get lastRevision(): number {
    return Math.max(0, this.nextRevision - 1);
  }

  /** Asks the server for a progress notification (a batch without events, once the watch is in sync). */
  requestProgress(): void {
    this.stream?.write({ progressRequest: {} });
  }

  /** The next batch; undefined once the watch was canceled; throws the error that ended the watch. */
  async nextBatch(): Promise<WatchBatch | undefined> {
    for (;;) {
      const b = this.batches.shift();
      if (b !== undefined) return b;
      if (this.failure !== undefined) throw this.failure;
      if (this.ended) return undefined;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<WatchBatch, void, undefined> {
    try {
      for (let b = await this.nextBatch(); b !== undefined; b = await this.nextBatch()) yield b;
    } finally {
      this.cancel();
    }
  }

  /** Stops the watch; batches already received can still be taken. */
  cancel(): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.timer);
    this.drop();
    this.settleReady(new StoreClientError({ kind: "canceled", endpoint: "", details: "watch canceled" }));
    this.wake();
    this.connector.onEnd?.(this);
  }

  private connect(): void {
    if (this.ended) return;
    const endpoints = this.connector.endpoints();
    const endpoint = endpoints[this.attempt % endpoints.length] as string;
    let stream: WatchStream;
    try {
      stream = this.connector.open(endpoint);
    } catch (err) {
      // The client was closed under the watch (its channels are gone).
      this.fail(toStoreClientError(endpoint, err, "read"));
      return;
    }
    this.stream = stream;
    stream.on("data", (resp: WatchResponse__Output) => {
      if (this.stream === stream) this.onResponse(endpoint, resp);
    });
    stream.on("error", (err: Error) => {
      if (this.stream === stream) this.onBroken(endpoint, err);
    });
    stream.on("status", (s: grpc.StatusObject) => {
      // The server ended the call cleanly: still a lost stream for a watch that should go on.
      if (this.stream === stream && s.code === grpc.status.OK) {
        this.onBroken(
          endpoint,
          Object.assign(new Error("watch stream ended by the server"), {
            code: grpc.status.UNAVAILABLE,
            details: "watch stream ended by the server",
          }),
        );
      }
    });
    const filters: ("NOPUT" | "NODELETE")[] = [];
    if (this.options.noPut) filters.push("NOPUT");
    if (this.options.noDelete) filters.push("NODELETE");
    stream.write({
      createRequest: {
        key: this.key,
        ...(this.rangeEnd && { rangeEnd: this.rangeEnd }),
        startRevision: this.nextRevision,
        prevKv: this.options.prevKv ?? false,
        progressNotify: this.options.progressNotify ?? false,
        filters,
      },
    });
  }

  private onResponse(endpoint: string, resp: WatchResponse__Output): void {
    const revision = num(resp.header?.revision);
    if (resp.created) {
      if (this.nextRevision === 0) this.nextRevision = revision + 1;
      this.disconnectedSince = null;
      this.backoff = FIRST_BACKOFF_MS;
      this.settleReady();
    }
    if (resp.canceled) {
      this.onCanceled(endpoint, resp);
      return;
    }
    if (resp.events.length > 0) {
      // A resumed stream must not repeat what the consumer already has.
      const events = resp.events.map(watchEvent).filter((e) => e.kv.modRevision >= this.nextRevision);
      if (events.length === 0) return;
      this.nextRevision = events[events.length - 1]!.kv.modRevision + 1;
      this.push({ revision, events });
    } else if (!resp.created && !resp.fragment) {
      // A progress notification: everything up to `revision` has been sent.
      if (revision + 1 > this.nextRevision) this.nextRevision = revision + 1;
      this.push({ revision, events: [] });
    }
  }

  private onCanceled(endpoint: string, resp: WatchResponse__Output): void {
    const compactRevision = num(resp.compactRevision);
    if (compactRevision > 0) {
      this.fail(
        new StoreClientError({
          kind: "compacted",
          endpoint,
          details: resp.cancelReason || "mvcc: required revision has been compacted",
          compactRevision,
        }),
      );
      return;
    }
    const details = resp.cancelReason || "watch canceled by the server";
    const c = classifyStatus(grpc.status.UNKNOWN, details, "read");
    if (c.kind === "noLeader" || c.kind === "unavailable") {
      this.onBroken(endpoint, Object.assign(new Error(details), { code: grpc.status.UNAVAILABLE, details }));
      return;
    }
    this.fail(new StoreClientError({ kind: c.kind, endpoint, details }));
  }

  private onBroken(endpoint: string, err: Error): void {
    const e = toStoreClientError(endpoint, err, "read");
    const transient = e.kind === "unavailable" || e.kind === "noLeader" || e.kind === "deadline";
    if (!transient) {
      this.fail(e);
      return;
    }
    const now = performance.now();
    this.disconnectedSince ??= now;
    if (now - this.disconnectedSince > this.connector.budgetMs) {
      this.connector.logger?.warn({ endpoint, err: e.message }, "watch: giving up reconnecting");
      this.fail(e);
      return;
    }
    this.drop();
    this.attempt++;
    const n = this.connector.endpoints().length;
    // Straight to the next endpoint; pause after a full pass so a dead cluster is not spun on.
    const pause = this.attempt % n === 0 ? this.backoff : 0;
    if (pause > 0) this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
    this.connector.logger?.debug(
      { endpoint, err: e.message, resumeFrom: this.nextRevision, pauseMs: pause },
      "watch: stream lost, reconnecting",
    );
    this.timer = setTimeout(() => this.connect(), pause);
  }

  private push(batch: WatchBatch): void {
    this.batches.push(batch);
    this.wake();
  }

  private fail(e: StoreClientError): void {
    if (this.ended) return;
    this.failure = e;
    this.ended = true;
    clearTimeout(this.timer);
    this.drop();
    this.settleReady(e);
    this.wake();
    this.connector.onEnd?.(this);
  }

  private settleReady(err?: Error): void {
    if (this.readyState.settled) return;
    this.readyState.settled = true;
    if (err === undefined) this.readyState.resolve();
    else this.readyState.reject(err);
  }

  /** Forgets the current stream (its late events are ignored) and cancels it. */
  private drop(): void {
    const s = this.stream;
    this.stream = null;
    if (s !== null) {
      s.on("error", () => {});
      s.cancel();
    }
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}
