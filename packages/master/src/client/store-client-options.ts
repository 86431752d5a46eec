import type { Logger } from "../logger.js";

export interface StoreClientOptions {
  /**
   * Deadline of each attempt, in ms (default 5000). Without one a write to a member whose leader just
   * died would wait for the server's own request timeout (7 s in etcd's defaults).
   */
  readonly deadlineMs?: number;
  /**
   * Total time one call may spend on attempts and retries across endpoints, in ms (default 10000). A watch
   * uses it as the longest it keeps trying to reconnect before it ends with an error.
   */
  readonly retryBudgetMs?: number;
  /** Retries and reconnects are logged at debug level, give-ups at warn. */
  readonly logger?: Logger;
}

/** Per call: overrides the client's defaults, or pins the first endpoint tried. */
export interface CallOptions {
  readonly deadlineMs?: number;
  readonly retryBudgetMs?: number;
  /** The endpoint (address as given to the client, or its index) to try first. */
  readonly endpoint?: string | number;
}

export const DEFAULT_DEADLINE_MS = 5000;
export const DEFAULT_RETRY_BUDGET_MS = 10_000;
/** A snapshot streams the whole store: its default deadline is longer than a unary call's. */
export const DEFAULT_SNAPSHOT_DEADLINE_MS = 120_000;
