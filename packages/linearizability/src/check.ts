import { illegalMessage } from "./describe.js";
import { searchPartition } from "./search.js";
import type { CheckOptions, CheckResult, Model, Operation } from "./types.js";

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Decides whether `ops` is linearizable with respect to `model`. Partitions are checked in order and
 * the first illegal one is reported; the time budget covers all of them, and running out of it yields
 * "timeout" (which callers must treat as "unknown", never as a pass).
 */
export function checkOperations<S, I, O>(
  model: Model<S, I, O>,
  ops: readonly Operation<I, O>[],
  options?: CheckOptions,
): CheckResult<I, O> {
  const timeoutMs = options?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const started = performance.now();
  const deadline = started + timeoutMs;
  const partitions = model.partition ? model.partition(ops) : [ops.slice()];
  for (const [index, part] of partitions.entries()) {
    if (part.length === 0) continue;
    // The search reads the clock only every so many steps, so many small partitions could overrun it.
    const result =
      performance.now() > deadline ? { outcome: "timeout" as const } : searchPartition(model, part, deadline);
    if (result.outcome === "timeout") {
      const elapsed = Math.round(performance.now() - started);
      return {
        outcome: "timeout",
        message:
          `linearizability check gave up after ${elapsed} ms (limit ${timeoutMs} ms) in partition ${index} ` +
          `of ${partitions.length} (${part.length} operations): the result is unknown, not a pass`,
      };
    }
    if (result.outcome === "illegal") {
      return {
        outcome: "illegal",
        partition: index,
        operations: part.slice(),
        longest: result.longest.map((i) => part[i]!),
        message: illegalMessage(model, index, part, result.longest),
      };
    }
  }
  return { outcome: "ok" };
}
