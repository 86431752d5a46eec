import { seededRandom } from "@tskube/raft";
import type { KvInput, KvOutput, Model, Operation } from "../src/index.js";

export type KvOp = Operation<KvInput, KvOutput>;

/** Terse constructors for hand-written histories: `[call, return]` intervals, as on a timeline. */
export const put = (clientId: number, key: string, value: string, call: number, ret: number): KvOp => ({
  clientId,
  input: { kind: "put", key, value },
  call,
  output: { kind: "put" },
  return: ret,
});

export const get = (
  clientId: number,
  key: string,
  value: string | null,
  call: number,
  ret: number,
): KvOp => ({
  clientId,
  input: { kind: "get", key },
  call,
  output: { kind: "get", value },
  return: ret,
});

export const cas = (
  clientId: number,
  key: string,
  expected: string | null,
  value: string,
  ok: boolean,
  call: number,
  ret: number,
): KvOp => ({
  clientId,
  input: { kind: "cas", key, expected, value },
  call,
  output: { kind: "cas", ok },
  return: ret,
});

export const del = (clientId: number, key: string, call: number, ret: number): KvOp => ({
  clientId,
  input: { kind: "delete", key },
  call,
  output: { kind: "delete" },
  return: ret,
});

/** The same operation with its outcome lost (timeout, crash). */
export const lost = (op: KvOp): KvOp => ({ ...op, output: null, return: Infinity });

/** A seeded PRNG (the project's one, from the Raft core) so every generated history replays from its seed. */
export const rng = seededRandom;

/**
 * Reference oracle, independent of the checker's algorithm: tries every order that respects real time
 * (a before b when a returned strictly before b was called), letting unknown-outcome operations also be
 * left out. Exponential; only for small histories.
 */
export function bruteForceLinearizable<S, I, O>(
  model: Model<S, I, O>,
  ops: readonly Operation<I, O>[],
): boolean {
  const optional = ops.map((op) => op.output === null && op.return === Infinity);
  const used = ops.map(() => false);
  const search = (state: S): boolean => {
    if (ops.every((_, i) => used[i] || optional[i])) return true;
    for (let i = 0; i < ops.length; i++) {
      if (used[i]) continue;
      const op = ops[i]!;
      // Some other pending operation must have returned before this one was called: not minimal.
      if (ops.some((other, j) => !used[j] && j !== i && other.return < op.call)) continue;
      const next = model.step(state, op.input, op.output);
      if (next === undefined) continue;
      used[i] = true;
      const found = search(next);
      used[i] = false;
      if (found) return true;
    }
    return false;
  };
  return search(model.init());
}
