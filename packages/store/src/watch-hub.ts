import { StoreError } from "./errors.js";
import { inInterval, interval, type KeyInterval } from "./keys.js";
import { keyTextOf, type MvccStore } from "./mvcc-store.js";
import type { StoreEvent, StoreResult } from "./types.js";

export interface WatchOptions {
  /** Include each event's previous key-value (default false). */
  prevKv?: boolean;
}

export interface WatchResponse {
  watchId: number;
  /** The revision this response brings the watcher up to. */
  revision: number;
  /** All events of one revision that match the watch (never split across responses). */
  events: StoreEvent[];
  /** A progress notification: no events, the watcher is caught up to `revision`. */
  progress?: boolean;
  /** The watch ended (history it needed was compacted): see `error` and `compactRevision`. */
  canceled?: boolean;
  compactRevision?: number;
  error?: StoreError;
}

export type WatchCallback = (response: WatchResponse) => void;

interface Watcher {
  id: number;
  key: Uint8Array;
  rangeEnd: Uint8Array | undefined;
  iv: KeyInterval;
  /** The next revision this watcher has not seen yet. */
  next: number;
  prevKv: boolean;
  cb: WatchCallback;
  /** Whether an event went out since the last progress round (only idle watchers get progress). */
  busy: boolean;
}

/**
 * Watchers on keys or ranges, fed with `apply` results in log order. Delivery is synchronous: a watch from a
 * past revision replays kept history before `watch` returns, then follows `publish`. Events reach a watcher
 * in revision order, each revision's events in one response, none twice.
 */
export class WatchHub {
  private readonly watchers = new Map<number, Watcher>();
  private nextId = 1;

  constructor(private store: MvccStore) {}

  /**
   * Watches [key, rangeEnd) from `startRevision` (0 = only changes after now). Returns the watch id;
   * a start below the compact revision gets one canceled response with error "Compacted".
   */
  watch(
    key: Uint8Array,
    rangeEnd: Uint8Array | undefined,
    startRevision: number,
    cb: WatchCallback,
    options: WatchOptions = {},
  ): number {
    const id = this.nextId++;
    const current = this.store.revision;
    const compacted = this.store.compactRevision;
    if (startRevision > 0 && startRevision < compacted) {
      const error = new StoreError(
        "Compacted",
        `mvcc: required revision has been compacted (watch from ${startRevision}, compacted at ${compacted})`,
        compacted,
      );
      cb({ watchId: id, revision: current, events: [], canceled: true, compactRevision: compacted, error });
      return id;
    }
    const w: Watcher = {
      id,
      key,
      rangeEnd,
      iv: interval(key, rangeEnd),
      next: startRevision > 0 ? startRevision : current + 1,
      prevKv: options.prevKv ?? false,
      cb,
      busy: false,
    };
    this.watchers.set(id, w);
    if (w.next <= current) this.replay(w, current);
    return id;
  }

  /** Delivers kept history from the watcher's next revision up to `current`, one response per revision. */
  private replay(w: Watcher, current: number): void {
    const history = this.store.eventsBetween(w.next, current, w.key, w.rangeEnd);
    let i = 0;
    while (i < history.length && this.watchers.has(w.id)) {
      const rev = history[i]!.kv.modRevision;
      const batch: StoreEvent[] = [];
      while (i < history.length && history[i]!.kv.modRevision === rev) batch.push(history[i++]!);
      this.deliver(w, rev, batch);
    }
    w.next = current + 1;
  }

  /**
   * The store was replaced (a Raft snapshot was installed): each watcher gets the changes it missed from the
   * new store's history, or — when that history was compacted away — one canceled response, as for a watch
   * from a compacted revision.
   */
  resync(store: MvccStore): void {
    this.store = store;
    const current = store.revision;
    const compacted = store.compactRevision;
    for (const w of [...this.watchers.values()]) {
      if (w.next > current) continue;
      if (w.next < compacted) {
        this.watchers.delete(w.id);
        const error = new StoreError(
          "Compacted",
          `mvcc: required revision has been compacted (watch at ${w.next}, compacted at ${compacted})`,
          compacted,
        );
        w.cb({
          watchId: w.id,
          revision: current,
          events: [],
          canceled: true,
          compactRevision: compacted,
          error,
        });
        continue;
      }
      this.replay(w, current);
    }
  }

  cancel(watchId: number): boolean {
    return this.watchers.delete(watchId);
  }

  /** Feeds one `apply` result; results must come in log order. */
  publish(result: StoreResult): void {
    if (result.events.length === 0) return;
    const rev = result.revision;
    // Each event's key text once, not once per watcher.
    const keys = result.events.map((e) => keyTextOf(e.kv));
    for (const w of [...this.watchers.values()]) {
      if (w.next > rev) continue;
      const matching = result.events.filter((_, i) => inInterval(keys[i]!, w.iv));
      w.next = rev + 1;
      if (matching.length > 0) this.deliver(w, rev, matching);
    }
  }

  /**
   * Sends a progress notification (the store's current revision) to every watcher that got no event
   * since the previous round, so an idle client knows how far it is caught up. Returns that revision.
   */
  progress(): number {
    const rev = this.store.revision;
    for (const w of [...this.watchers.values()]) {
      if (!w.busy && w.next > rev) w.cb({ watchId: w.id, revision: rev, events: [], progress: true });
      w.busy = false;
    }
    return rev;
  }

  get size(): number {
    return this.watchers.size;
  }

  private deliver(w: Watcher, revision: number, events: StoreEvent[]): void {
    w.busy = true;
    const out = w.prevKv ? events : events.map((e) => ({ type: e.type, kv: e.kv }));
    w.cb({ watchId: w.id, revision, events: out });
  }
}
