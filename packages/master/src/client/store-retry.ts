import { type CallClass, isRetryable, type StoreClientError, toStoreClientError } from "./store-errors.js";

export interface RetryPlan {
  /** Endpoints in try order; the list is cycled while the budget lasts. */
  readonly endpoints: readonly string[];
  readonly callClass: CallClass;
  /** Deadline of one attempt. */
  readonly deadlineMs: number;
  /** No attempt starts once this much time has passed since the first (which always runs). */
  readonly budgetMs: number;
  /** Called before each retry (logging). */
  readonly onRetry?: (err: StoreClientError, next: string) => void;
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Pause after a full pass over the endpoints failed: long enough to let an election finish, short enough not to add latency. */
const FIRST_BACKOFF_MS = 25;
const MAX_BACKOFF_MS = 500;

/**
 * Runs `attempt` on the endpoints in order until it succeeds, a failure may not be retried (see
 * isRetryable: a write only when the request provably did not run), or the budget is spent. The budget
 * bounds when a new attempt may start; each attempt keeps the full deadline (a write cut short by a
 * budget-trimmed deadline would turn a clean retry into an unknown outcome), so a call ends within
 * budget + one deadline.
 */
export async function withRetries<T>(
  plan: RetryPlan,
  attempt: (endpoint: string, deadlineMs: number) => Promise<T>,
  clock: Clock = realClock,
): Promise<{ value: T; endpoint: string }> {
  const n = plan.endpoints.length;
  const start = clock.now();
  const spent = () => clock.now() - start >= plan.budgetMs;
  let backoff = FIRST_BACKOFF_MS;
  for (let i = 0; ; i++) {
    const endpoint = plan.endpoints[i % n] as string;
    try {
      return { value: await attempt(endpoint, plan.deadlineMs), endpoint };
    } catch (e) {
      const err = toStoreClientError(endpoint, e, plan.callClass);
      if (!isRetryable(err, plan.callClass) || spent()) throw err;
      if ((i + 1) % n === 0) {
        const pause = Math.min(backoff, plan.budgetMs - (clock.now() - start));
        if (pause > 0) await clock.sleep(pause);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        if (spent()) throw err;
      }
      plan.onRetry?.(err, plan.endpoints[(i + 1) % n] as string);
    }
  }
}
