import { type CallFailure, toCallFailure } from "./call-failure.js";

export interface FailoverPlan {
  /** Endpoints in try order. */
  readonly endpoints: readonly string[];
  /** No new attempt starts after this long. */
  readonly budgetMs: number;
  /** Whether this failure allows trying another endpoint. */
  readonly mayMoveOn: (failure: CallFailure) => boolean;
  readonly onFailure?: (endpoint: string, failure: CallFailure) => void;
}

/**
 * Runs `attempt` on each endpoint in turn until one succeeds, a failure forbids moving on, or the budget is
 * spent; after a whole round failed it waits (Retry-After when the server gave one, else a short backoff).
 * Always rejects with an ApiError.
 */
export async function withFailover<T>(
  plan: FailoverPlan,
  attempt: (endpoint: string) => Promise<T>,
): Promise<{ value: T; endpoint: string }> {
  const started = Date.now();
  for (let round = 0; ; round++) {
    let last: CallFailure | undefined;
    for (const endpoint of plan.endpoints) {
      try {
        return { value: await attempt(endpoint), endpoint };
      } catch (err) {
        const failure = toCallFailure(err, endpoint);
        plan.onFailure?.(endpoint, failure);
        if (!plan.mayMoveOn(failure) || Date.now() - started >= plan.budgetMs) throw failure.error;
        last = failure;
      }
    }
    const retryAfter = last?.error.details?.retryAfterSeconds;
    const waitMs = retryAfter === undefined ? Math.min(50 * 2 ** round, 1000) : retryAfter * 1000;
    if (last === undefined || Date.now() - started + waitMs > plan.budgetMs) {
      throw last?.error ?? new Error("no endpoints");
    }
    await sleep(waitMs);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
