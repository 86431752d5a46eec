import type { KvInput, KvOutput } from "../src/index.js";
import type { KvOp } from "./helpers.js";

export interface GenerateOptions {
  ops: number;
  keys: number;
  clients: number;
  /** Distinct values to write; few values make reads ambiguous, which is where checkers go wrong. */
  values: number;
  /** Max distance of call/return from the linearization point, in units of the 10-unit op spacing. */
  spread: number;
  /** Probability that an operation's outcome is lost (half of those never take effect at all). */
  unknownRate: number;
}

/**
 * A history that is linearizable by construction: run the operations sequentially against a real map,
 * at linearization points 10 units apart, then draw each operation's [call, return] interval around its
 * point, so intervals overlap at random while still containing the point.
 */
export function generateLinearizable(rand: () => number, o: GenerateOptions): KvOp[] {
  const pick = (n: number) => Math.floor(rand() * n);
  const store = new Map<string, string>();
  const history: KvOp[] = [];
  for (let i = 0; i < o.ops; i++) {
    const point = 10 * i + 10 * o.spread;
    const key = `k${pick(o.keys)}`;
    const value = `v${pick(o.values)}`;
    const r = rand();
    const input: KvInput =
      r < 0.3
        ? { kind: "put", key, value }
        : r < 0.7
          ? { kind: "get", key }
          : r < 0.9
            ? { kind: "cas", key, expected: rand() < 0.2 ? null : `v${pick(o.values)}`, value }
            : { kind: "delete", key };
    const call = point - pick(10 * o.spread);
    const clientId = pick(o.clients);
    if (rand() < o.unknownRate / 2) {
      // Lost and never applied: the store does not change.
      history.push({ clientId, input, call, output: null, return: Infinity });
      continue;
    }
    const output = apply(store, input);
    if (rand() < o.unknownRate / 2) {
      history.push({ clientId, input, call, output: null, return: Infinity });
    } else {
      history.push({ clientId, input, call, output, return: point + pick(10 * o.spread) });
    }
  }
  // Shuffle: the checker must not rely on the listing order.
  for (let i = history.length - 1; i > 0; i--) {
    const j = pick(i + 1);
    [history[i], history[j]] = [history[j]!, history[i]!];
  }
  return history;
}

function apply(store: Map<string, string>, input: KvInput): KvOutput {
  const current = store.get(input.key) ?? null;
  switch (input.kind) {
    case "put":
      store.set(input.key, input.value);
      return { kind: "put" };
    case "delete":
      store.delete(input.key);
      return { kind: "delete" };
    case "get":
      return { kind: "get", value: current };
    case "cas":
      if (current !== input.expected) return { kind: "cas", ok: false };
      store.set(input.key, input.value);
      return { kind: "cas", ok: true };
  }
}

/** Indexes of reads whose answer is known, the only ones a corruption can be observed through. */
export function knownReads(history: readonly KvOp[]): number[] {
  return history.flatMap((op, i) => (op.input.kind === "get" && op.output !== null ? [i] : []));
}

export function withReadValue(history: readonly KvOp[], index: number, value: string | null): KvOp[] {
  return history.map((op, i) => (i === index ? { ...op, output: { kind: "get", value } } : op));
}

/**
 * A single-key history with arbitrary intervals and arbitrary answers, often lost: mostly not
 * linearizable, and full of the awkward cases (lost cas chains, lost writes read back) a checker's
 * pruning could get wrong. Small values so collisions are frequent.
 */
export function generateArbitrary(rand: () => number, ops: number, lostRate: number): KvOp[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const values = ["v0", "v1", "v2"];
  const withNil = [null, ...values];
  return Array.from({ length: ops }, (_, clientId): KvOp => {
    const call = Math.floor(rand() * 20);
    const ret = call + Math.floor(rand() * 10);
    const r = rand();
    const [input, output]: [KvInput, KvOutput] =
      r < 0.35
        ? [{ kind: "put", key: "k", value: pick(values) }, { kind: "put" }]
        : r < 0.65
          ? [
              { kind: "get", key: "k" },
              { kind: "get", value: pick(withNil) },
            ]
          : r < 0.9
            ? [
                { kind: "cas", key: "k", expected: pick(withNil), value: pick(values) },
                { kind: "cas", ok: rand() < 0.5 },
              ]
            : [{ kind: "delete", key: "k" }, { kind: "delete" }];
    return rand() < lostRate
      ? { clientId, input, call, output: null, return: Infinity }
      : { clientId, input, call, output, return: ret };
  });
}
