import { percentile, round2 } from "./stats.js";

// Load drivers shared by the API calls and the raw store transactions, so both are measured the same way.
// An operation gets its sequence number and resolves when acknowledged; a rejection counts as a failure
// (no retries). Latency is from the moment the operation was started to its acknowledgement.

export type Operation = (seq: number) => Promise<void>;

export interface LatencySummary {
  readonly count: number;
  readonly failed: number;
  readonly p50_ms: number;
  readonly p90_ms: number;
  readonly p99_ms: number;
  readonly max_ms: number;
}

export interface PhaseResult {
  readonly summary: LatencySummary;
  readonly perSec: number;
  readonly seconds: number;
  /** Per tag (e.g. which master served it). */
  readonly byTag: ReadonlyMap<string, LatencySummary>;
  /** Failures by message, so a report can say why. */
  readonly errors: ReadonlyMap<string, number>;
  /** Open loop only: how late the client started operations against the schedule (p99, max). */
  readonly sendLagP99Ms?: number;
  readonly sendLagMaxMs?: number;
  /** The samples behind the figures, so phases run in blocks can be merged (mergePhases). */
  readonly samples: PhaseSamples;
}

export interface PhaseSamples {
  readonly latencies: readonly number[];
  readonly tagged: ReadonlyMap<string, readonly number[]>;
  readonly failedByTag: ReadonlyMap<string, number>;
  readonly errors: ReadonlyMap<string, number>;
  readonly lag?: readonly number[];
}

export function summarize(values: readonly number[], failed: number): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    failed,
    p50_ms: round2(percentile(sorted, 50)),
    p90_ms: round2(percentile(sorted, 90)),
    p99_ms: round2(percentile(sorted, 99)),
    max_ms: round2(sorted[sorted.length - 1] ?? Number.NaN),
  };
}

class Recorder {
  readonly latencies: number[] = [];
  readonly tagged = new Map<string, number[]>();
  readonly failedByTag = new Map<string, number>();
  readonly errors = new Map<string, number>();
  failed = 0;

  /** Takes in the samples of an earlier phase (a block of the same measurement). */
  add(s: PhaseSamples): void {
    this.latencies.push(...s.latencies);
    for (const [tag, list] of s.tagged) {
      for (const ms of list) this.tagOnly(tag, ms);
    }
    for (const [tag, n] of s.failedByTag) {
      this.failed += n;
      this.failedByTag.set(tag, (this.failedByTag.get(tag) ?? 0) + n);
    }
    for (const [kind, n] of s.errors) this.errors.set(kind, (this.errors.get(kind) ?? 0) + n);
  }

  private tagOnly(tag: string, ms: number): void {
    const list = this.tagged.get(tag);
    if (list === undefined) this.tagged.set(tag, [ms]);
    else list.push(ms);
  }

  ok(tag: string, ms: number): void {
    this.latencies.push(ms);
    this.tagOnly(tag, ms);
  }

  fail(tag: string, err: unknown): void {
    this.failed++;
    this.failedByTag.set(tag, (this.failedByTag.get(tag) ?? 0) + 1);
    const message = err instanceof Error ? err.message : String(err);
    // Names and numbers vary per call; the kind of failure (and its HTTP status, first) is what matters.
    const status = /^[0-9]{3} /.exec(message)?.[0] ?? "";
    const kind =
      status +
      message
        .slice(status.length)
        .replace(/[0-9]+/g, "N")
        .slice(0, 160);
    this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1);
  }

  result(seconds: number, lag?: number[]): PhaseResult {
    const tags = new Set([...this.tagged.keys(), ...this.failedByTag.keys()]);
    const byTag = new Map(
      [...tags].sort().map((t) => [t, summarize(this.tagged.get(t) ?? [], this.failedByTag.get(t) ?? 0)]),
    );
    const summary = summarize(this.latencies, this.failed);
    const sortedLag = lag === undefined ? undefined : [...lag].sort((a, b) => a - b);
    return {
      summary,
      perSec: Math.round(summary.count / seconds),
      seconds,
      byTag,
      errors: this.errors,
      ...(sortedLag === undefined
        ? {}
        : {
            sendLagP99Ms: round2(percentile(sortedLag, 99)),
            sendLagMaxMs: round2(sortedLag[sortedLag.length - 1] ?? 0),
          }),
      samples: {
        latencies: this.latencies,
        tagged: this.tagged,
        failedByTag: this.failedByTag,
        errors: this.errors,
        ...(lag === undefined ? {} : { lag }),
      },
    };
  }
}

/**
 * Open loop: operation k starts at k / rate seconds whether or not earlier ones finished (a server that
 * slows down gets a queue, as it would from independent clients). Every operation of the schedule is
 * counted; the phase ends when the last one settled.
 */
export async function openLoop(
  ratePerSec: number,
  durationMs: number,
  tagOf: (seq: number) => string,
  op: Operation,
): Promise<PhaseResult> {
  const rec = new Recorder();
  const lag: number[] = [];
  const total = Math.max(1, Math.round((ratePerSec * durationMs) / 1000));
  const interval = 1000 / ratePerSec;
  const pending: Promise<void>[] = [];
  const t0 = performance.now();
  const launch = (seq: number, due: number): void => {
    const start = performance.now();
    lag.push(start - due);
    const tag = tagOf(seq);
    pending.push(
      op(seq).then(
        () => rec.ok(tag, performance.now() - start),
        (err: unknown) => rec.fail(tag, err),
      ),
    );
  };
  await new Promise<void>((resolve) => {
    let seq = 0;
    const tick = (): void => {
      const now = performance.now();
      while (seq < total && t0 + seq * interval <= now) {
        launch(seq, t0 + seq * interval);
        seq++;
      }
      if (seq >= total) resolve();
      else setTimeout(tick, Math.max(0, t0 + seq * interval - performance.now()));
    };
    tick();
  });
  await Promise.all(pending);
  return rec.result(durationMs / 1000, lag);
}

/**
 * Closed loop: `concurrency` workers, each with one operation at a time, for a warm-up (not counted) and
 * then `durationMs`. An operation counts when it completes inside the window; throughput = those / window.
 */
export async function closedLoop(
  concurrency: number,
  warmupMs: number,
  durationMs: number,
  tagOf: (seq: number) => string,
  op: Operation,
): Promise<PhaseResult> {
  const rec = new Recorder();
  const start = performance.now();
  const from = start + warmupMs;
  const end = from + durationMs;
  let seq = 0;
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      const s = seq++;
      const tag = tagOf(s);
      const t0 = performance.now();
      try {
        await op(s);
        const t1 = performance.now();
        if (t1 >= from && t1 <= end) rec.ok(tag, t1 - t0);
      } catch (err) {
        const t1 = performance.now();
        if (t1 >= from && t1 <= end) rec.fail(tag, err);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return rec.result(durationMs / 1000);
}

/** One measurement run in several blocks (e.g. interleaved with another): the blocks' samples together. */
export function mergePhases(parts: readonly PhaseResult[]): PhaseResult {
  const rec = new Recorder();
  const lag: number[] = [];
  let seconds = 0;
  let open = false;
  for (const p of parts) {
    rec.add(p.samples);
    seconds += p.seconds;
    if (p.samples.lag !== undefined) {
      open = true;
      lag.push(...p.samples.lag);
    }
  }
  return rec.result(seconds, open ? lag : undefined);
}

/** Runs `op` over `items` with `concurrency` workers; resolves with the items whose op failed. */
export async function runAll<T>(
  items: readonly T[],
  concurrency: number,
  op: (item: T) => Promise<void>,
): Promise<T[]> {
  const failed: T[] = [];
  let i = 0;
  const worker = async (): Promise<void> => {
    while (i < items.length) {
      const item = items[i++] as T;
      await op(item).catch(() => failed.push(item));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return failed;
}
