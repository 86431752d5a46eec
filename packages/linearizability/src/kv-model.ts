import type { Model, Operation } from "./types.js";

export type KvInput =
  | { kind: "put"; key: string; value: string }
  | { kind: "get"; key: string }
  | { kind: "cas"; key: string; expected: string | null; value: string }
  | { kind: "delete"; key: string };

export type KvOutput =
  | { kind: "put" }
  | { kind: "get"; value: string | null }
  | { kind: "cas"; ok: boolean }
  | { kind: "delete" };

/** Keys mapped to values; an absent key reads as null. Never mutated: `step` copies on write. */
export type KvState = ReadonlyMap<string, string>;

const EMPTY: KvState = new Map();

function withValue(state: KvState, key: string, value: string | null): KvState {
  if ((state.get(key) ?? null) === value) return state;
  const next = new Map(state);
  if (value === null) next.delete(key);
  else next.set(key, value);
  return next;
}

/** Length-prefixed so that no choice of keys and values can make two different maps encode alike. */
function kvStateKey(state: KvState): string {
  const keys = [...state.keys()].sort();
  let s = "";
  for (const k of keys) {
    const v = state.get(k)!;
    s += `${k.length}:${k}${v.length}:${v}`;
  }
  return s;
}

function kvStep(state: KvState, input: KvInput, output: KvOutput | null): KvState | undefined {
  // An output of another kind than the input cannot come from this operation.
  if (output !== null && output.kind !== input.kind) return undefined;
  const current = state.get(input.key) ?? null;
  switch (input.kind) {
    case "put":
      return withValue(state, input.key, input.value);
    case "delete":
      return withValue(state, input.key, null);
    case "get":
      // An unknown get result constrains nothing.
      if (output === null || (output.kind === "get" && output.value === current)) return state;
      return undefined;
    case "cas": {
      const swaps = current === input.expected;
      // With an unknown output the model is deterministic: a cas that happened swapped exactly when the
      // value matched; one that did not happen is covered by the checker's "never took effect" option.
      if (output !== null && output.kind === "cas" && output.ok !== swaps) return undefined;
      return swaps ? withValue(state, input.key, input.value) : state;
    }
  }
}

function kvPartition(ops: readonly Operation<KvInput, KvOutput>[]): Operation<KvInput, KvOutput>[][] {
  const byKey = new Map<string, Operation<KvInput, KvOutput>[]>();
  for (const op of ops) {
    const list = byKey.get(op.input.key);
    if (list) list.push(op);
    else byKey.set(op.input.key, [op]);
  }
  return [...byKey.values()];
}

function show(value: string | null): string {
  return value === null ? "nil" : JSON.stringify(value);
}

function kvDescribe(input: KvInput, output: KvOutput | null): string {
  const key = JSON.stringify(input.key);
  switch (input.kind) {
    case "put":
      return `put ${key} = ${show(input.value)}${output === null ? " -> ?" : ""}`;
    case "delete":
      return `delete ${key}${output === null ? " -> ?" : ""}`;
    case "get":
      return `get ${key} -> ${output === null ? "?" : output.kind === "get" ? show(output.value) : output.kind}`;
    case "cas": {
      const result =
        output === null ? "?" : output.kind === "cas" ? (output.ok ? "ok" : "failed") : output.kind;
      return `cas ${key} ${show(input.expected)} => ${show(input.value)} -> ${result}`;
    }
  }
}

/** A register per key (absent = null), checked one key at a time since keys do not interact. */
export const kvModel: Model<KvState, KvInput, KvOutput> = {
  init: () => EMPTY,
  step: kvStep,
  partition: kvPartition,
  stateKey: kvStateKey,
  describeOperation: kvDescribe,
};
