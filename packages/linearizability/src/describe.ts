import type { Model, Operation } from "./types.js";

/** How many operations a failure message lists before eliding the rest; messages end up in test output. */
const MAX_LISTED = 20;

function describeOne<S, I, O>(model: Model<S, I, O>, op: Operation<I, O>): string {
  const what = model.describeOperation
    ? model.describeOperation(op.input, op.output)
    : `${JSON.stringify(op.input)} -> ${op.output === null ? "?" : JSON.stringify(op.output)}`;
  const end = op.return === Infinity ? "∞" : String(op.return);
  return `client ${op.clientId}: ${what}  [${op.call}, ${end}]`;
}

function listing<S, I, O>(model: Model<S, I, O>, ops: readonly Operation<I, O>[], numbered: boolean): string {
  const shown = ops.length > MAX_LISTED ? ops.slice(ops.length - MAX_LISTED) : ops;
  const skipped = ops.length - shown.length;
  const lines = shown.map(
    (op, i) => `  ${numbered ? `${skipped + i + 1}. ` : "- "}${describeOne(model, op)}`,
  );
  if (skipped > 0) lines.unshift(`  … ${skipped} earlier operations`);
  return lines.join("\n");
}

/**
 * The operations that were candidates right after the longest prefix: not linearized and called before
 * the earliest pending return. None of them could be placed there, which is usually where the bug shows.
 */
function stuckCandidates<I, O>(
  ops: readonly Operation<I, O>[],
  longest: readonly number[],
): Operation<I, O>[] {
  const done = new Set(longest);
  const pending = ops.filter((_, i) => !done.has(i));
  const firstReturn = Math.min(...pending.map((op) => op.return));
  return pending.filter((op) => op.call <= firstReturn).sort((a, b) => a.call - b.call);
}

export function illegalMessage<S, I, O>(
  model: Model<S, I, O>,
  partition: number,
  ops: readonly Operation<I, O>[],
  longest: readonly number[],
): string {
  const prefix = longest.map((i) => ops[i]!);
  const stuck = stuckCandidates(ops, longest);
  return [
    `history is not linearizable: partition ${partition} (${ops.length} operations) has no valid order`,
    `longest linearizable prefix (${prefix.length} operations):`,
    prefix.length > 0 ? listing(model, prefix, true) : "  (none)",
    "none of these could come next:",
    listing(model, stuck, false),
  ].join("\n");
}
