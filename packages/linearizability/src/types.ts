/** One client request as seen from outside the system: when it was sent, when (and what) it answered. */
export interface Operation<I, O> {
  readonly clientId: number;
  readonly input: I;
  /** Invocation time (any monotonic clock; the simulation uses virtual ms). */
  readonly call: number;
  /** null: outcome unknown (timeout, crash) — it may or may not have taken effect. */
  readonly output: O | null;
  /** Response time; Infinity when the outcome is unknown. */
  readonly return: number;
}

/** A sequential specification of the object under test. States must be treated as immutable. */
export interface Model<S, I, O> {
  init(): S;
  /** Next state if `input` applied to `state` may produce `output` (null output = unknown: accept any); else undefined. */
  step(state: S, input: I, output: O | null): S | undefined;
  /** Split the history into independent sub-histories (e.g. per key); default: one partition. */
  partition?(ops: readonly Operation<I, O>[]): Operation<I, O>[][];
  /** A canonical string for memoisation of states (equal states → equal strings). */
  stateKey(state: S): string;
  describeOperation?(input: I, output: O | null): string;
}

export type CheckResult<I, O> =
  | { outcome: "ok" }
  | {
      outcome: "illegal";
      partition: number;
      /** ops of the failing partition */
      operations: Operation<I, O>[];
      /** the longest linearizable prefix found, for the error message */
      longest: Operation<I, O>[];
      message: string;
    }
  | { outcome: "timeout"; message: string };

export interface CheckOptions {
  /** Wall-clock budget for the whole check (all partitions); default 10 000 ms. */
  timeoutMs?: number;
}
