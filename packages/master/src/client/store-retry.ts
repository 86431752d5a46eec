import { type CallClass, isRetryable, type StoreClientError, toStoreClientError } from "./store-errors.js";

export interface RetryPlan {
  /** Endpoints in try order; the list is cycled while the budget lasts. */
  readonly endpoints: readonly string[];
  readonly callClass: CallClass;
  /** Deadline of one attempt. */
  readonly deadlineMs: number;
  /** Time for all attempts together; the first attempt always runs. */
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
 * isRetryable: a write only when the request provably did not run), or the budget is spent. Each attempt's
 * deadline is cut to what is left of the budget, so a call never outlives it by more than one round trip.
 */
export async function withRetries<T>(
  plan: RetryPlan,
  attempt: (endpoint: string, deadlineMs: number) => Promise<T>,
  clock: Clock = realClock,
): Promise<{ value: T; endpoint: string }> {
  const n = plan.endpoints.length;
  const start = clock.now();
  let backoff = FIRST_BACKOFF_MS;
  for (let i = 0; ; i++) {
    const endpoint = plan.endpoints[i % n] as string;
    const left = plan.budgetMs - (clock.now() - start);
    const deadlineMs = Math.max(1, Math.min(plan.deadlineMs, i === 0 ? plan.deadlineMs : left));
    try {
      return { value: await attempt(endpoint, deadlineMs), endpoint };
    } catch (e) {
      const err = toStoreClientError(endpoint, e, plan.callClass);
      if (!isRetryable(err, plan.callClass)) throw err;
      if (clock.now() - start >= plan.budgetMs) throw err;
      if ((i + 1) % n === 0) {
        const pause = Math.min(backoff, plan.budgetMs - (clock.now() - start));
        if (pause > 0) await clock.sleep(pause);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        if (clock.now() - start >= plan.budgetMs) throw err;
      }
      plan.onRetry?.(err, plan.endpoints[(i + 1) % n] as string);
    }
  }
}
