import { expired } from "@tskube/api";
import type { StoreClient } from "../../client/store-client.js";
import { StoreClientError } from "../../client/store-errors.js";
import type { WatchEvent as StoreEvent } from "../../client/store-types.js";
import type { StoreWatch } from "../../client/store-watch.js";
import type { Logger } from "../../logger.js";
import { BTree } from "./btree.js";
import type { CacheEntry, CacheEvent, CacheSubscriber } from "./cache-event.js";
import { LazyEntry, LazyEvent } from "./lazy-entry.js";

export interface WatchCacheOptions {
  /** Keys under this prefix are cached ("/registry/"). */
  readonly prefix: string;
  /** Events kept for watches that resume from a past resourceVersion. */
  readonly historySize: number;
  readonly logger: Logger;
}

const PREFIX_END = (prefix: string): string =>
  prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);

/**
 * Every object of the API, in memory, kept current by ONE store watch, so that lists and watches do not
 * each cost a Raft round (Kubernetes' watch cache). It keeps the last `historySize` events: a watch may
 * resume from any resourceVersion inside that window; older ones get 410 Expired and re-list, as against
 * the real API server. Consistent reads ask the store for its current revision and wait until the cache
 * has caught up with it (Kubernetes' "consistent reads from cache").
 */
export class WatchCache {
  private readonly objects = new BTree<string, CacheEntry>();
  private history: CacheEvent[] = [];
  private historyStart = 0;
  /** Every event with a revision above this one is in the history. */
  private oldest = 0;
  private current = 0;
  private readonly subscribers = new Set<CacheSubscriber>();
  private waiters: Array<{ revision: number; resolve: () => void }> = [];
  private watch: StoreWatch | null = null;
  private closed = false;
  private readyPromise: Promise<void> | null = null;

  constructor(
    private readonly client: StoreClient,
    private readonly options: WatchCacheOptions,
  ) {}

  /** Loads the objects and starts following the store; resolves once the cache is usable. */
  start(): Promise<void> {
    this.readyPromise ??= this.load().catch((err: unknown) => {
      this.readyPromise = null;
      throw err;
    });
    return this.readyPromise;
  }

  /** Everything up to this store revision is in the cache. */
  get revision(): number {
    return this.current;
  }

  /** The oldest revision a watch may resume from. */
  get oldestRevision(): number {
    return this.oldest;
  }

  get(key: string): CacheEntry | undefined {
    return this.objects.get(key);
  }

  /** Entries under `prefix` in key order, starting after `afterKey` if given. */
  list(prefix: string, afterKey?: string): CacheEntry[] {
    const out: CacheEntry[] = [];
    const end = PREFIX_END(prefix);
    const from = afterKey === undefined ? prefix : `${afterKey}\0`;
    this.objects.forRange(from, end, false, (_k, v) => {
      out.push(v);
    });
    return out;
  }

  /** Resolves when the cache has applied `revision` (asking the store for progress while it waits). */
  async waitFor(revision: number, timeoutMs: number): Promise<boolean> {
    if (this.current >= revision) return true;
    const reached = new Promise<void>((resolve) => this.waiters.push({ revision, resolve }));
    // The store sends events only for our prefix: a revision made by other keys arrives as progress.
    this.watch?.requestProgress();
    const poke = setInterval(() => this.watch?.requestProgress(), 50);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      return await Promise.race([reached.then(() => true as const), timeout]);
    } finally {
      clearInterval(poke);
      clearTimeout(timer);
    }
  }

  /**
   * Subscribes to changes after `fromRevision` (history first, then live). Throws 410 Expired when the
   * history no longer reaches back that far. Returns the unsubscribe function.
   */
  subscribe(subscriber: CacheSubscriber, fromRevision: number): () => void {
    if (fromRevision < this.oldest) throw expired(String(fromRevision), String(this.oldest));
    for (let i = this.historyStart; i < this.history.length; i++) {
      const e = this.history[i]!;
      if (e.revision > fromRevision && e.key.startsWith(subscriber.prefix)) subscriber.onEvent(e);
    }
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  close(): void {
    this.closed = true;
    this.watch?.cancel();
    this.watch = null;
    for (const s of this.subscribers) s.onReset();
    this.subscribers.clear();
  }

  private async load(): Promise<void> {
    const { prefix } = this.options;
    const r = await this.client.range(prefix, { rangeEnd: PREFIX_END(prefix) });
    this.objects.clear();
    for (const kv of r.kvs) {
      const key = kv.keyText;
      this.objects.set(key, new LazyEntry(key, kv.valueText, kv.modRevision));
    }
    this.current = r.header.revision;
    this.oldest = r.header.revision;
    this.history = [];
    this.historyStart = 0;
    this.watch = await this.client.watch(prefix, {
      rangeEnd: PREFIX_END(prefix),
      startRevision: r.header.revision + 1,
      prevKv: true,
      progressNotify: true,
      retryBudgetMs: 60_000,
    });
    this.options.logger.info({ objects: this.objects.length, revision: this.current }, "watch cache loaded");
    void this.follow(this.watch);
  }

  private async follow(watch: StoreWatch): Promise<void> {
    try {
      for await (const batch of watch) {
        for (const e of batch.events) this.apply(e);
        this.advance(batch.revision);
      }
      if (this.closed) return;
      throw new Error("store watch ended");
    } catch (err) {
      if (this.closed) return;
      const compacted = err instanceof StoreClientError && err.kind === "compacted";
      this.options.logger.warn(
        { err: (err as Error).message, compacted },
        "watch cache: store watch lost, reloading",
      );
      for (const s of this.subscribers) s.onReset();
      this.subscribers.clear();
      await sleep(compacted ? 0 : 500);
      if (this.closed) return;
      this.readyPromise = this.load().catch((e: unknown) => {
        this.options.logger.error({ err: (e as Error).message }, "watch cache: reload failed");
        this.readyPromise = null;
      });
    }
  }

  private apply(e: StoreEvent): void {
    const key = e.kv.keyText;
    const revision = e.kv.modRevision;
    const prev = this.objects.get(key);
    let event: CacheEvent;
    if (e.type === "PUT") {
      const entry = new LazyEntry(key, e.kv.valueText, revision);
      this.objects.set(key, entry);
      event = new LazyEvent(prev === undefined ? "ADDED" : "MODIFIED", key, revision, entry, prev);
    } else {
      if (prev === undefined) return;
      this.objects.delete(key);
      event = new LazyEvent("DELETED", key, revision, undefined, prev);
    }
    this.record(event);
    for (const s of this.subscribers) if (key.startsWith(s.prefix)) s.onEvent(event);
  }

  private record(event: CacheEvent): void {
    this.history.push(event);
    const size = this.history.length - this.historyStart;
    if (size > this.options.historySize) {
      const dropped = this.history[this.historyStart]!;
      this.historyStart++;
      this.oldest = dropped.revision;
      // Compact the array now and then rather than shifting on every event.
      if (this.historyStart > this.options.historySize) {
        this.history = this.history.slice(this.historyStart);
        this.historyStart = 0;
      }
    }
  }

  private advance(revision: number): void {
    if (revision <= this.current) return;
    this.current = revision;
    for (const s of this.subscribers) s.onProgress?.(revision);
    if (this.waiters.length === 0) return;
    const still: typeof this.waiters = [];
    for (const w of this.waiters) {
      if (w.revision <= revision) w.resolve();
      else still.push(w);
    }
    this.waiters = still;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
