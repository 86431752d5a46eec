import type { ApiObject } from "../api-object.js";
import { decodeObject } from "../storage/object-codec.js";
import type { CacheEntry, CacheEvent } from "./cache-event.js";

/**
 * A cached object kept as its stored text until someone reads it: every master caches every write, but
 * most objects are only looked at by the masters that serve a list or watch of them (and allocation keys
 * never are), so parsing on first use saves each master most of its JSON work.
 */
export class LazyEntry implements CacheEntry {
  private text: string | null;
  private parsed: ApiObject | null = null;

  constructor(
    readonly key: string,
    text: string,
    readonly modRevision: number,
  ) {
    this.text = text;
  }

  get object(): ApiObject {
    if (this.parsed === null) {
      this.parsed = decodeObject(this.text ?? "{}", this.modRevision);
      this.text = null;
    }
    return this.parsed;
  }
}

/** A change, decoded on first use like its entries. */
export class LazyEvent implements CacheEvent {
  private deleted: ApiObject | null = null;

  constructor(
    readonly type: "ADDED" | "MODIFIED" | "DELETED",
    readonly key: string,
    readonly revision: number,
    private readonly current: LazyEntry | undefined,
    private readonly previous: CacheEntry | undefined,
  ) {}

  get object(): ApiObject {
    if (this.current !== undefined) return this.current.object;
    // A DELETED event carries the last state stamped with the deletion's revision, as Kubernetes does.
    if (this.deleted === null) {
      const last = this.previous?.object ?? {};
      this.deleted = { ...last, metadata: { ...last.metadata, resourceVersion: String(this.revision) } };
    }
    return this.deleted;
  }

  get prevObject(): ApiObject | undefined {
    return this.previous?.object;
  }
}
