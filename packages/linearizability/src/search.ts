import { Bitset } from "./bitset.js";
import { buildEventList, type Event, lift, unlift } from "./event-list.js";
import type { Model, Operation } from "./types.js";

/** How often (in search steps) the wall clock is read: reading it every step would dominate small searches. */
const CLOCK_CHECK_INTERVAL = 1024;

export type SearchResult =
  | { outcome: "ok" }
  | { outcome: "illegal"; longest: number[] }
  | { outcome: "timeout" };

interface Frame<S> {
  readonly call: Event;
  /** The state before this operation was applied, restored on backtrack. */
  readonly state: S;
}

/**
 * An operation with unknown outcome (output null, return Infinity) may also never take effect, which is
 * the same as linearizing it after everything else. Such operations are "optional": the search succeeds
 * once every other operation is linearized, without asking the model to accept the leftovers.
 */
function isOptional<I, O>(op: Operation<I, O>): boolean {
  return op.output === null && op.return === Infinity;
}

/**
 * Wing & Gong's search with Lowe's memoisation over one partition. A configuration is the set of
 * operations linearized so far plus the model state they lead to; its candidates are the pending calls
 * before the earliest pending return (that operation must come before anything called later). Take a
 * legal candidate leading to an unseen configuration and go deeper; when none is left, undo the last
 * choice and try the next one. Running out of choices at the root means no linearization exists.
 *
 * Three refinements, all about optional (lost) operations, which otherwise make every subset of them a
 * separate configuration:
 * - The memo is keyed by (linearized required operations, state) and keeps the sets of optional ones it
 *   was reached with. A configuration is skipped when the same key was reached with a subset of its
 *   optional operations: anything that completes it also completes that one (extra lost operations can
 *   simply not happen), and that one is, or will be, fully explored.
 * - Required candidates are tried before optional ones: lost operations are usually best left out.
 * - When a configuration turns to its optional candidates, all of them are entered into the memo at once
 *   (and then explored unconditionally). So a chain "lost a, then lost b" is recognised as dominated by
 *   its sibling "lost b" directly, instead of every ordered chain of lost writes being tried.
 */
export function searchPartition<S, I, O>(
  model: Model<S, I, O>,
  ops: readonly Operation<I, O>[],
  deadline: number,
): SearchResult {
  const { head } = buildEventList(ops);
  const optional = ops.map(isOptional);
  // Required and optional operations are numbered separately so each bitset is as small as it can be.
  const rank: number[] = [];
  let requiredLeft = 0;
  let optionalLeft = 0;
  for (const o of optional) rank.push(o ? optionalLeft++ : requiredLeft++);
  if (requiredLeft === 0) return { outcome: "ok" };

  const requiredDone = new Bitset(requiredLeft);
  const optionalDone = new Bitset(optionalLeft);
  const memo = new Memo(requiredDone, optionalDone);
  const stack: Frame<S>[] = [];
  /** Per stack depth: the optional candidates promised (already in the memo) with their next states. */
  const promised: (Map<number, S> | undefined)[] = [];
  let state = model.init();
  memo.admit(model.stateKey(state));
  let longest: number[] = [];
  let steps = 0;
  // false: trying required candidates; true: the configuration's promised optional ones.
  let optionalPass = false;

  const push = (call: Event, next: S): void => {
    stack.push({ call, state });
    state = next;
    lift(call);
    if (stack.length > longest.length) longest = stack.map((f) => f.call.op);
    optionalPass = false;
  };

  let entry = head.next;
  while (entry !== null) {
    if (++steps % CLOCK_CHECK_INTERVAL === 0 && performance.now() > deadline) return { outcome: "timeout" };
    if (entry.isCall) {
      const i = entry.op;
      if (!optionalPass && !optional[i]) {
        const op = ops[i]!;
        const next = model.step(state, op.input, op.output);
        if (next !== undefined) {
          requiredDone.set(rank[i]!);
          if (memo.admit(model.stateKey(next))) {
            if (--requiredLeft === 0) return { outcome: "ok" };
            push(entry, next);
            entry = head.next;
            continue;
          }
          requiredDone.clear(rank[i]!);
        }
      } else if (optionalPass) {
        const next = promised[stack.length]!.get(i);
        if (next !== undefined) {
          optionalDone.set(rank[i]!);
          optionalLeft--;
          push(entry, next);
          entry = head.next;
          continue;
        }
      }
      entry = entry.next;
    } else if (!optionalPass) {
      // Required candidates exhausted: promise the optional ones, then explore them.
      optionalPass = true;
      promised[stack.length] =
        optionalLeft > 0 ? promiseOptional(model, ops, optional, rank, head, state, memo) : NONE;
      entry = head.next;
    } else {
      // The earliest pending return: its operation had to be linearized by now, and every candidate
      // before it failed or led to an already-explored configuration.
      promised[stack.length] = undefined;
      const frame = stack.pop();
      if (frame === undefined) return { outcome: "illegal", longest };
      const i = frame.call.op;
      state = frame.state;
      unlift(frame.call);
      optionalPass = optional[i]!;
      if (optionalPass) {
        optionalDone.clear(rank[i]!);
        optionalLeft++;
      } else {
        requiredDone.clear(rank[i]!);
        requiredLeft++;
      }
      entry = frame.call.next;
    }
  }
  // Unreachable while required operations are left: each pending call is followed by its return, so a
  // scan always meets a return before running off the end of the list.
  return { outcome: "illegal", longest };
}

const NONE = new Map<number, never>();

/** Enters every optional candidate of the current configuration into the memo; returns those not dominated. */
function promiseOptional<S, I, O>(
  model: Model<S, I, O>,
  ops: readonly Operation<I, O>[],
  optional: readonly boolean[],
  rank: readonly number[],
  head: Event,
  state: S,
  memo: Memo,
): Map<number, S> {
  const result = new Map<number, S>();
  for (let e = head.next; e?.isCall; e = e.next) {
    if (!optional[e.op]) continue;
    const op = ops[e.op]!;
    const next = model.step(state, op.input, op.output);
    if (next === undefined) continue;
    memo.optionalDone.set(rank[e.op]!);
    if (memo.admit(model.stateKey(next))) result.set(e.op, next);
    memo.optionalDone.clear(rank[e.op]!);
  }
  return result;
}

/**
 * Configurations seen so far: for each (required set, state key), the optional sets it was reached with,
 * kept minimal (a recorded superset of a newly recorded set is dropped: the new one dominates it).
 */
const NO_OPTIONAL: Uint32Array[] = [new Uint32Array(0)];

class Memo {
  private readonly seen = new Map<string, Uint32Array[]>();

  constructor(
    readonly requiredDone: Bitset,
    readonly optionalDone: Bitset,
  ) {}

  /** Records the current configuration (the bitsets' contents plus `stateKey`) unless it is dominated. */
  admit(stateKey: string): boolean {
    // The bitset key has a fixed length per partition, so plain concatenation cannot collide.
    const key = this.requiredDone.key() + stateKey;
    const known = this.seen.get(key);
    if (known === undefined) {
      // Without optional operations every set is empty: share one instead of allocating per configuration.
      this.seen.set(key, this.optionalDone.words.length === 0 ? NO_OPTIONAL : [this.optionalDone.snapshot()]);
      return true;
    }
    if (known.some((p) => this.optionalDone.includes(p))) return false;
    const snapshot = this.optionalDone.snapshot();
    const kept = known.filter((p) => !includesAll(p, snapshot));
    kept.push(snapshot);
    this.seen.set(key, kept);
    return true;
  }
}

function includesAll(superset: Uint32Array, subset: Uint32Array): boolean {
  for (let i = 0; i < subset.length; i++) {
    if ((subset[i]! & ~superset[i]!) !== 0) return false;
  }
  return true;
}
