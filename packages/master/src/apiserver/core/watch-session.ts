import type { ApiObject } from "../api-object.js";
import type { WatchEvent } from "../api-types.js";
import type { CacheEvent, CacheSubscriber } from "../watch-cache/cache-event.js";
import type { ObjectFilter } from "./object-filter.js";

export interface WatchSessionOptions {
  readonly prefix: string;
  readonly filter: ObjectFilter;
  /** Converts a stored object to the client's version (identity for most resources). */
  readonly view: (obj: ApiObject) => ApiObject;
  readonly sink: (event: WatchEvent) => void;
  /** A BOOKMARK object for a revision, or null when the client did not ask for bookmarks. */
  readonly bookmark: ((revision: number) => ApiObject) | null;
  readonly onEnd: () => void;
}

/** Bookmarks at most this often (the real API server sends one about every minute; clients only gain). */
export const BOOKMARK_INTERVAL_MS = 5_000;

/**
 * One client's watch on the cache: applies its selectors to each change, turning "started matching"
 * into ADDED and "stopped matching" into DELETED as the real API server does, and sends bookmarks.
 */
export class WatchSession implements CacheSubscriber {
  readonly prefix: string;
  private lastBookmark = performance.now();
  private lastRevision = 0;
  private ended = false;

  constructor(private readonly o: WatchSessionOptions) {
    this.prefix = o.prefix;
  }

  onEvent(e: CacheEvent): void {
    if (this.ended) return;
    this.lastRevision = e.revision;
    const f = this.o.filter;
    if (f.everything) {
      this.send(e.type, e.object);
      return;
    }
    const now = e.type !== "DELETED" && f.matches(e.object);
    const before = e.prevObject !== undefined && f.matches(e.prevObject);
    if (e.type === "DELETED") {
      if (before) this.send("DELETED", e.object);
    } else if (now && before) this.send("MODIFIED", e.object);
    else if (now) this.send("ADDED", e.object);
    else if (before) this.send("DELETED", e.object);
  }

  onProgress(revision: number): void {
    if (this.ended || this.o.bookmark === null) return;
    const t = performance.now();
    if (t - this.lastBookmark < BOOKMARK_INTERVAL_MS || revision <= this.lastRevision) return;
    this.bookmark(revision);
  }

  /** A bookmark now (the periodic one of an idle watch): the client may resume from `revision`. */
  bookmark(revision: number): void {
    if (this.ended || this.o.bookmark === null || revision < this.lastRevision) return;
    this.lastBookmark = performance.now();
    this.lastRevision = revision;
    this.o.sink({ type: "BOOKMARK", object: this.o.bookmark(revision) });
  }

  onReset(): void {
    this.end();
  }

  /** Sends one event now (the synthetic ADDED events of a watch from "0"). */
  send(type: "ADDED" | "MODIFIED" | "DELETED", obj: ApiObject): void {
    this.o.sink({ type, object: this.o.view(obj) });
  }

  get isEnded(): boolean {
    return this.ended;
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.o.onEnd();
  }
}
