import type { ApiObject } from "../api-object.js";

/** One change of one object, as the watch cache keeps it. */
export interface CacheEvent {
  readonly type: "ADDED" | "MODIFIED" | "DELETED";
  readonly key: string;
  /** The new state; for DELETED the last state, with the deletion's revision as its resourceVersion. */
  readonly object: ApiObject;
  /** The state before (MODIFIED, DELETED): selectors decide "stopped matching" with it. */
  readonly prevObject: ApiObject | undefined;
  readonly revision: number;
}

export interface CacheEntry {
  readonly key: string;
  readonly object: ApiObject;
  readonly modRevision: number;
}

/** A subscriber's view: events for keys under `prefix`, in revision order. */
export interface CacheSubscriber {
  readonly prefix: string;
  onEvent(event: CacheEvent): void;
  /** Progress without matching events (bookmarks). */
  onProgress?(revision: number): void;
  /** The cache restarted (lost its store watch): the subscriber must end; clients re-list. */
  onReset(): void;
}
