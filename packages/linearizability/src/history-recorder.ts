import { LinearizabilityError } from "./errors.js";
import type { Operation } from "./types.js";

interface Pending<I, O> {
  clientId: number;
  input: I;
  call: number;
  /** undefined while no answer has been recorded (counts as unknown). */
  output?: O | null;
  return?: number;
  failed?: boolean;
}

/**
 * Collects a history while a test runs: `invoke` when a client sends a request, then exactly one of
 * `ok` (answered), `unknown` (answer lost: may or may not have taken effect) or `fail` (certainly did not
 * take effect, e.g. rejected before reaching the store). Completing an operation twice is a bug in the
 * caller and throws, because silently keeping either answer could hide a real violation.
 */
export class HistoryRecorder<I, O> {
  private readonly ops: Pending<I, O>[] = [];

  invoke(clientId: number, input: I, time: number): number {
    if (!Number.isFinite(time)) {
      throw new LinearizabilityError("InvalidArgument", `invoke: time ${time} is not finite`);
    }
    this.ops.push({ clientId, input, call: time });
    return this.ops.length - 1;
  }

  ok(id: number, output: O, time: number): void {
    const op = this.open(id, "ok");
    if (Number.isNaN(time) || time < op.call) {
      throw new LinearizabilityError(
        "InvalidArgument",
        `ok(${id}): time ${time} is before its call ${op.call}`,
      );
    }
    op.output = output;
    op.return = time;
  }

  unknown(id: number): void {
    const op = this.open(id, "unknown");
    op.output = null;
    op.return = Infinity;
  }

  fail(id: number): void {
    this.open(id, "fail").failed = true;
  }

  /** The history so far, in invocation order; operations never answered count as unknown. */
  operations(): Operation<I, O>[] {
    return this.ops
      .filter((op) => !op.failed)
      .map((op) => ({
        clientId: op.clientId,
        input: op.input,
        call: op.call,
        output: op.output ?? null,
        return: op.return ?? Infinity,
      }));
  }

  private open(id: number, what: string): Pending<I, O> {
    const op = this.ops[id];
    if (op === undefined)
      throw new LinearizabilityError("InvalidArgument", `${what}(${id}): no such operation`);
    if (op.failed || op.return !== undefined) {
      throw new LinearizabilityError("InvalidArgument", `${what}(${id}): operation already completed`);
    }
    return op;
  }
}
