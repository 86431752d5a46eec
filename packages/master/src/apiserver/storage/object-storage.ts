import { ApiError } from "@tskube/api";
import type { StoreClient } from "../../client/store-client.js";
import { StoreClientError } from "../../client/store-errors.js";
import type { KeyValue, TxnOp } from "../../client/store-types.js";
import type { ApiObject } from "../api-object.js";
import { decodeObject, encodeObject } from "./object-codec.js";

/** One stored object with its revisions. */
export interface StoredObject {
  readonly key: string;
  readonly object: ApiObject;
  readonly modRevision: number;
  /** The stored text: compares two writes byte for byte after an outcome-unknown failure. */
  readonly text: string;
}

export type WriteOutcome =
  | { readonly ok: true; readonly revision: number }
  /** The compare failed: the key's current state (undefined = absent). */
  | { readonly ok: false; readonly current: StoredObject | undefined };

/** Extra keys written in the same transaction (allocations of service IPs and ports). */
export interface SideEffects {
  /** Keys that must not exist; put with the value. */
  readonly claim?: ReadonlyArray<{ readonly key: string; readonly value: string }>;
  /** Keys deleted along with the write. */
  readonly release?: readonly string[];
}

const RECOVERY_ATTEMPTS = 20;
const RECOVERY_PAUSE_MS = 100;

/**
 * The API server's access to the store: guarded writes (a transaction comparing the key's mod revision),
 * made safe across leader changes. A write whose outcome is unknown (the member lost its leader mid-write)
 * is resolved by reading the key back: our exact bytes there mean it happened; the expected revision
 * still there means it did not, and it is sent again. So a client sees success, a real conflict, or (if
 * the store stays unreachable) a retryable 503 — never a spurious error caused by a failover.
 */
export class ObjectStorage {
  constructor(private readonly client: StoreClient) {}

  /** The store's current revision, read linearizably (the point a consistent list must reach). */
  async currentRevision(): Promise<number> {
    const r = await this.call(() => this.client.range("\0", { countOnly: true, limit: 1 }));
    return r.header.revision;
  }

  async get(key: string): Promise<StoredObject | undefined> {
    const r = await this.call(() => this.client.range(key));
    const kv = r.kvs[0];
    return kv === undefined ? undefined : stored(kv);
  }

  /** Objects with keys in [from, end) at `revision` (0 = now), at most `limit` (0 = all). */
  async range(
    from: string,
    end: string,
    revision: number,
    limit: number,
  ): Promise<{ objects: StoredObject[]; more: boolean; revision: number }> {
    const r = await this.call(() =>
      this.client.range(from, { rangeEnd: end, revision, limit, ...(revision > 0 ? {} : {}) }),
    );
    return { objects: r.kvs.map(stored), more: r.more, revision: r.header.revision };
  }

  /**
   * Writes `object` at `key` if the key's mod revision is `expected` (0 = the key must not exist), with
   * the side effects in the same transaction (every claimed key must be free).
   */
  async write(
    key: string,
    object: ApiObject,
    expected: number,
    effects: SideEffects = {},
  ): Promise<WriteOutcome> {
    const text = encodeObject(object);
    const claims = effects.claim ?? [];
    const success: TxnOp[] = [
      { type: "put", key, value: text },
      ...claims.map((c): TxnOp => ({ type: "put", key: c.key, value: c.value })),
      ...(effects.release ?? []).map((k): TxnOp => ({ type: "delete", key: k })),
    ];
    return this.guarded(
      key,
      expected,
      success,
      claims.map((c) => c.key),
      (current) => current?.text === text,
    );
  }

  /** Deletes `key` if its mod revision is `expected`, releasing the side-effect keys too. */
  async remove(key: string, expected: number, effects: SideEffects = {}): Promise<WriteOutcome> {
    const success: TxnOp[] = [
      { type: "delete", key },
      ...(effects.release ?? []).map((k): TxnOp => ({ type: "delete", key: k })),
    ];
    return this.guarded(key, expected, success, [], (current) => current === undefined);
  }

  private async guarded(
    key: string,
    expected: number,
    success: TxnOp[],
    claimed: readonly string[],
    landed: (current: StoredObject | undefined) => boolean,
  ): Promise<WriteOutcome> {
    const compare = [
      { key, target: "modRevision" as const, result: "=" as const, value: expected },
      ...claimed.map((k) => ({ key: k, target: "createRevision" as const, result: "=" as const, value: 0 })),
    ];
    for (let attempt = 0; ; attempt++) {
      try {
        const r = await this.client.txn({ compare, success, failure: [{ type: "range", key }] });
        if (r.succeeded) return { ok: true, revision: r.revision };
        const failed = r.responses[0];
        const kv = failed?.type === "range" ? failed.kvs[0] : undefined;
        return { ok: false, current: kv === undefined ? undefined : stored(kv) };
      } catch (err) {
        if (!(err instanceof StoreClientError) || attempt >= RECOVERY_ATTEMPTS) throw storeUnavailable(err);
        if (err.kind !== "outcomeUnknown" && !err.notExecuted && !transient(err)) throw storeUnavailable(err);
        await sleep(RECOVERY_PAUSE_MS);
        if (err.kind !== "outcomeUnknown") continue;
        // Did it happen? Read the key back; our exact bytes (or, for a delete, no key) mean yes.
        const current = await this.get(key).catch(() => null);
        if (current === null) continue;
        if (landed(current))
          return { ok: true, revision: current?.modRevision ?? (await this.currentRevision()) };
        if ((current?.modRevision ?? 0) !== expected) return { ok: false, current };
        // Unchanged: the write did not run. Send it again.
      }
    }
  }

  /** Reads are retried across members by the store client itself; what is left is unavailability. */
  private async call<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      throw storeUnavailable(err);
    }
  }
}

function stored(kv: KeyValue): StoredObject {
  const text = kv.valueText;
  return { key: kv.keyText, object: decodeObject(text, kv.modRevision), modRevision: kv.modRevision, text };
}

function transient(err: StoreClientError): boolean {
  return err.kind === "unavailable" || err.kind === "noLeader" || err.kind === "deadline";
}

/** The store could not answer: 503 with Retry-After, which client-go retries. */
export function storeUnavailable(err: unknown): Error {
  if (err instanceof ApiError) return err;
  if (err instanceof StoreClientError && err.kind === "compacted") return err;
  const why = err instanceof Error ? err.message : String(err);
  return new ApiError("ServiceUnavailable", `the store is unavailable: ${why}`, { retryAfterSeconds: 1 });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
