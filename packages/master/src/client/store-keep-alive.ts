import type { Logger } from "../logger.js";
import { StoreClientError } from "./store-errors.js";

export interface KeepAliveHandle {
  /** Stops renewing (the lease then runs out on its own unless revoked). */
  stop(): void;
  /**
   * Resolves with null once stopped, or with the error that ended the renewals: "leaseNotFound" when the
   * lease is gone, otherwise the last failure once renewals failed for longer than the TTL.
   */
  readonly lost: Promise<StoreClientError | null>;
  /** The TTL the last renewal granted, in seconds (0 before the first). */
  readonly ttl: number;
}

/** After a failed renewal, try again this soon (the TTL is seconds long: there is time for a few tries). */
const RETRY_MS = 250;

/** Renews a lease through `renewOnce` every ttl/3 until stopped or the lease is lost. */
export function startKeepAlive(
  id: string,
  renewOnce: () => Promise<{ ttl: number }>,
  options: { logger?: Logger; onRenew?: (ttl: number) => void } = {},
): KeepAliveHandle {
  const { logger, onRenew } = options;
  let stopped = false;
  let ttl = 0;
  let timer: NodeJS.Timeout | undefined;
  let wakeUp: (() => void) | undefined;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      wakeUp = resolve;
      timer = setTimeout(resolve, ms);
    });

  const run = async (): Promise<StoreClientError | null> => {
    let lastRenewal = performance.now();
    while (!stopped) {
      let waitMs: number;
      try {
        ttl = (await renewOnce()).ttl;
        lastRenewal = performance.now();
        onRenew?.(ttl);
        waitMs = Math.max(100, (ttl * 1000) / 3);
      } catch (e) {
        const err =
          e instanceof StoreClientError
            ? e
            : new StoreClientError({ kind: "internal", endpoint: "", details: String(e) });
        if (stopped) return null;
        if (err.kind === "leaseNotFound") return err;
        // Never renewed, or not for a whole TTL: the lease must be considered gone.
        if (ttl === 0 || performance.now() - lastRenewal > ttl * 1000) return err;
        logger?.debug({ lease: id, err: err.message }, "lease keep-alive failed, retrying");
        waitMs = RETRY_MS;
      }
      if (!stopped) await pause(waitMs);
    }
    return null;
  };

  const lost = run();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      wakeUp?.();
    },
    lost,
    get ttl() {
      return ttl;
    },
  };
}
