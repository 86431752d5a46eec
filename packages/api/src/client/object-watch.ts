import * as grpc from "@grpc/grpc-js";
import type { Status } from "kubernetes-types/meta/v1.js";
import { ApiError } from "../errors.js";
import type { WatchEvent__Output } from "../generated/api/v1/WatchEvent.js";
import type { WatchRequest } from "../generated/api/v1/WatchRequest.js";
import { type CallFailure, toCallFailure } from "./call-failure.js";
import { sleep } from "./failover.js";
import { decodeJsonObject } from "./json-bytes.js";
import type { KubeObject } from "./kube-object.js";
import { apiErrorFromStatus } from "./status-wire.js";

/** A bookmark carries only the resourceVersion the watch has reached. */
export interface BookmarkObject {
  apiVersion?: string;
  kind?: string;
  metadata: { resourceVersion?: string; annotations?: Record<string, string> };
}

export type ObjectWatchEvent<T> =
  | { readonly type: "ADDED" | "MODIFIED" | "DELETED"; readonly object: T }
  | { readonly type: "BOOKMARK"; readonly object: BookmarkObject };

/** What a watch needs from its client. */
export interface WatchSource {
  /** Endpoints in try order, starting after `failed` when given. */
  endpoints(failed?: string): string[];
  open(endpoint: string, request: WatchRequest): grpc.ClientReadableStream<WatchEvent__Output>;
  /** Time allowed for the server to accept a watch. */
  readonly establishMs: number;
  /** How long a broken watch keeps trying to resume. */
  readonly budgetMs: number;
}

export interface WatchStart {
  /** The request without its resourceVersion/timeout, which the watch sets on every (re)connect. */
  readonly request: Omit<WatchRequest, "resourceVersion" | "timeoutSeconds">;
  readonly resourceVersion: string;
  /** Events to deliver before the stream's (the initial list, as ADDED). */
  readonly initial: readonly ObjectWatchEvent<KubeObject>[];
  readonly timeoutSeconds?: number;
}

// Past this many undelivered events the stream is paused; gRPC flow control then holds the server back.
const HIGH_WATER = 1000;
const LOW_WATER = 100;
const RESTART_PAUSE_MS = 1000;

/**
 * A resumable watch, iterated with `for await`. When the stream breaks (endpoint down, server shutting down,
 * server-side timeout of an open-ended watch) it re-watches from the last resourceVersion it delivered, on
 * the next endpoint, for up to the retry budget. Errors the server reports (410 Expired, 403, …) end the
 * iteration by throwing that ApiError; a caller that gets Expired lists again and starts a new watch.
 */
export class ObjectWatch<T = KubeObject> implements AsyncIterableIterator<ObjectWatchEvent<T>> {
  private rv: string;
  private readonly queue: ObjectWatchEvent<T>[];
  private readonly waiters: Array<{
    resolve: (r: IteratorResult<ObjectWatchEvent<T>>) => void;
    reject: (e: unknown) => void;
  }> = [];
  private failure: ApiError | null = null;
  private finished = false;
  private call: grpc.ClientReadableStream<WatchEvent__Output> | null = null;
  private current = "";
  private paused = false;
  private readonly endsAt: number | undefined;

  constructor(
    private readonly source: WatchSource,
    private readonly start: WatchStart,
    private readonly onEnd: () => void,
  ) {
    this.rv = start.resourceVersion;
    this.queue = start.initial.map((e) => e as ObjectWatchEvent<T>);
    this.endsAt = start.timeoutSeconds === undefined ? undefined : Date.now() + start.timeoutSeconds * 1000;
  }

  /** The last resourceVersion delivered (or the one the watch started from). */
  get resourceVersion(): string {
    return this.rv;
  }

  /** The endpoint the stream currently runs on. */
  get endpoint(): string {
    return this.current;
  }

  /** Opens the first stream; rejects with the server's ApiError when no endpoint accepts the watch. */
  async connect(): Promise<void> {
    await this.reconnect(this.source.endpoints(), null);
    if (this.failure !== null) {
      const f = this.failure;
      this.failure = null;
      throw f;
    }
  }

  next(): Promise<IteratorResult<ObjectWatchEvent<T>>> {
    const event = this.queue.shift();
    if (event !== undefined) {
      if (this.paused && this.queue.length <= LOW_WATER) {
        this.paused = false;
        this.call?.resume();
      }
      return Promise.resolve({ value: event, done: false });
    }
    if (this.failure !== null) {
      const f = this.failure;
      this.failure = null;
      return Promise.reject(f);
    }
    if (this.finished) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Ends the watch: the iteration finishes after the events already received. */
  close(): void {
    this.detach();
    this.finish();
  }

  return(): Promise<IteratorResult<ObjectWatchEvent<T>>> {
    this.close();
    this.queue.length = 0;
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<ObjectWatchEvent<T>> {
    return this;
  }

  // --- streams ------------------------------------------------------------------------------------------

  /** Tries `endpoints` round after round until a stream is established, the budget is spent, or a fatal error. */
  private async reconnect(endpoints: string[], cause: CallFailure | null): Promise<void> {
    const started = Date.now();
    let last = cause;
    for (let round = 0; !this.finished; round++) {
      for (const endpoint of endpoints) {
        if (this.finished) return;
        const remaining = this.remainingSeconds();
        if (remaining !== undefined && remaining <= 0) {
          this.finish();
          return;
        }
        try {
          await this.open(endpoint, remaining);
          return;
        } catch (err) {
          last = toCallFailure(err, endpoint);
          if (!resumable(last) || Date.now() - started >= this.source.budgetMs) {
            this.fail(last.error);
            return;
          }
        }
      }
      const waitMs = Math.min(100 * 2 ** round, 2000);
      if (Date.now() - started + waitMs > this.source.budgetMs) {
        this.fail(last?.error ?? new ApiError("ServiceUnavailable", "watch: no endpoint available"));
        return;
      }
      await sleep(waitMs);
    }
  }

  /** One stream on `endpoint`: resolves once the server accepted the watch, rejects if it did not. */
  private open(endpoint: string, timeoutSeconds: number | undefined): Promise<void> {
    const request: WatchRequest = {
      ...this.start.request,
      resourceVersion: this.rv,
      ...(timeoutSeconds === undefined ? {} : { timeoutSeconds }),
    };
    const call = this.source.open(endpoint, request);
    return new Promise((resolve, reject) => {
      let established = false;
      let broken = false;
      const openedAt = Date.now();
      const establish = () => {
        if (established) return;
        established = true;
        clearTimeout(timer);
        this.call = call;
        this.current = endpoint;
        // Closed while this stream was being opened.
        if (this.finished) this.detach();
        resolve();
      };
      const timer = setTimeout(() => {
        if (established) return;
        call.removeAllListeners();
        call.on("error", () => {});
        call.cancel();
        reject(
          new ApiError(
            "Timeout",
            `${endpoint}: the watch was not accepted within ${this.source.establishMs} ms`,
          ),
        );
      }, this.source.establishMs);
      call.on("metadata", establish);
      call.on("data", (message: WatchEvent__Output) => {
        establish();
        this.deliver(message);
      });
      call.on("error", (err: Error) => {
        broken = true;
        if (!established) {
          clearTimeout(timer);
          reject(err);
          return;
        }
        this.broke(endpoint, toCallFailure(err, endpoint));
      });
      call.on("end", () => {
        if (broken) return;
        // A watch the server ended at once (trailers only) was still accepted.
        establish();
        this.ended(endpoint, Date.now() - openedAt);
      });
    });
  }

  private deliver(message: WatchEvent__Output): void {
    if (this.finished) return;
    let object: KubeObject;
    try {
      object = decodeJsonObject(message.object, (why) => new Error(why));
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      this.detach();
      this.fail(new ApiError("InternalError", `${this.current}: undecodable watch event: ${why}`));
      return;
    }
    if (message.type === "ERROR") {
      this.detach();
      this.fail(apiErrorFromStatus(object as Status));
      return;
    }
    const rv = object.metadata?.resourceVersion;
    if (rv !== undefined && rv !== "") this.rv = rv;
    this.push({ type: message.type, object } as ObjectWatchEvent<T>);
  }

  /** The stream failed after it was established: resume elsewhere if the failure allows it. */
  private broke(endpoint: string, failure: CallFailure): void {
    this.detach();
    if (this.finished) return;
    if (!resumable(failure)) {
      this.fail(failure.error);
      return;
    }
    void this.reconnect(this.source.endpoints(endpoint), failure);
  }

  /** The server ended the watch normally: done if the caller's timeout is over, otherwise watch on. */
  private ended(endpoint: string, livedMs: number): void {
    this.detach();
    if (this.finished) return;
    const remaining = this.remainingSeconds();
    if (remaining !== undefined && remaining <= 0) {
      this.finish();
      return;
    }
    const order = this.source.endpoints();
    const from = order.indexOf(endpoint);
    const again = from < 0 ? order : [...order.slice(from), ...order.slice(0, from)];
    // A server that keeps ending watches at once must not be hammered.
    const pause = livedMs < RESTART_PAUSE_MS ? RESTART_PAUSE_MS : 0;
    void sleep(pause).then(() => this.reconnect(again, null));
  }

  private remainingSeconds(): number | undefined {
    if (this.endsAt === undefined) return undefined;
    // The first stream gets the caller's timeout as given; a resumed one the whole seconds left, where
    // under a second left counts as over.
    if (this.current === "") return this.start.timeoutSeconds;
    return Math.floor((this.endsAt - Date.now()) / 1000);
  }

  /** Drops the current stream; events it still buffers are never delivered (a resume re-sends them). */
  private detach(): void {
    const call = this.call;
    this.call = null;
    this.paused = false;
    if (call === null) return;
    call.removeAllListeners();
    call.on("error", () => {});
    call.cancel();
  }

  private push(event: ObjectWatchEvent<T>): void {
    const waiter = this.waiters.shift();
    if (waiter !== undefined) {
      waiter.resolve({ value: event, done: false });
      return;
    }
    this.queue.push(event);
    if (!this.paused && this.queue.length >= HIGH_WATER && this.call !== null) {
      this.paused = true;
      this.call.pause();
    }
  }

  private fail(error: ApiError): void {
    if (this.finished) return;
    const waiter = this.waiters.shift();
    if (waiter !== undefined) waiter.reject(error);
    else this.failure = error;
    this.finish();
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    for (const w of this.waiters.splice(0)) w.resolve({ value: undefined, done: true });
    this.onEnd();
  }
}

/** Worth resuming: the endpoint could not go on, as opposed to the server refusing the watch. */
function resumable(f: CallFailure): boolean {
  if (!f.fromServer) {
    return (
      f.code === grpc.status.UNAVAILABLE ||
      f.code === grpc.status.CANCELLED ||
      f.code === grpc.status.DEADLINE_EXCEEDED ||
      f.code === grpc.status.INTERNAL ||
      f.code === grpc.status.UNKNOWN
    );
  }
  const reason = f.error.reason;
  return reason === "ServiceUnavailable" || reason === "TooManyRequests" || reason === "Timeout";
}
