import type { KvInput, KvOutput } from "@tskube/linearizability";
import type { Rng } from "./rng.js";
import type { SimContext } from "./sim-context.js";
import type { SimHost } from "./sim-node.js";

/**
 * A client with one request outstanding at a time: random puts, gets, compare-and-swaps and deletes on a
 * few keys, each value unique. A request that is refused at submission failed (it did not happen); one
 * that is not answered within the timeout has an unknown outcome (it may still happen later).
 */
export class SimClient {
  private seq = 0;
  private outstanding = false;
  private stopped = false;
  /** Values this client last saw per key, to make compare-and-swaps that can succeed. */
  private readonly seen = new Map<string, string | null>();

  constructor(
    readonly id: number,
    private readonly ctx: SimContext,
    private readonly rng: Rng,
    private readonly pickHost: (rng: Rng) => SimHost | null,
  ) {}

  get busy(): boolean {
    return this.outstanding;
  }

  start(): void {
    this.next(this.rng.between(0, 50));
  }

  /** No new requests (the final phase); the outstanding one still completes or times out. */
  stop(): void {
    this.stopped = true;
  }

  private next(delay: number): void {
    this.ctx.queue.after(delay, () => this.issue());
  }

  private issue(): void {
    if (this.stopped) return;
    const ctx = this.ctx;
    const input = this.randomInput();
    const requestId = `c${this.id}.${this.seq++}`;
    const opId = ctx.recorder.invoke(this.id, input, ctx.queue.now);
    const host = this.pickHost(this.rng);
    if (host === null) {
      ctx.recorder.fail(opId);
      ctx.stats.opsFailed++;
      this.next(this.rng.between(20, 100));
      return;
    }
    this.outstanding = true;
    let done = false;
    const answer = (output: KvOutput): void => {
      if (done) return;
      done = true;
      this.outstanding = false;
      ctx.recorder.ok(opId, output, ctx.queue.now);
      ctx.stats.opsOk++;
      if (output.kind === "get") this.seen.set(input.key, output.value);
      else if (input.kind === "put" || (input.kind === "cas" && output.kind === "cas" && output.ok))
        this.seen.set(input.key, input.value);
      else if (input.kind === "delete") this.seen.set(input.key, null);
      ctx.trace(() => `client ${this.id} ${requestId} ok ${JSON.stringify(output)}`);
      this.next(this.rng.between(0, ctx.params.thinkMaxMs));
    };
    ctx.trace(() => `client ${this.id} ${requestId} → ${host.id}: ${JSON.stringify(input)}`);
    const submitted =
      input.kind === "get"
        ? host.read(input.key, requestId, (value) => answer({ kind: "get", value }))
        : host.propose({ id: requestId, op: input }, answer);
    if (done) return;
    if (submitted === "dropped") {
      done = true;
      this.outstanding = false;
      ctx.recorder.fail(opId);
      ctx.stats.opsFailed++;
      ctx.trace(() => `client ${this.id} ${requestId} dropped by ${host.id}`);
      this.next(this.rng.between(10, 60));
      return;
    }
    ctx.queue.after(ctx.params.opTimeoutMs, () => {
      if (done) return;
      done = true;
      this.outstanding = false;
      host.forget(requestId);
      ctx.recorder.unknown(opId);
      ctx.stats.opsUnknown++;
      ctx.trace(() => `client ${this.id} ${requestId} timed out`);
      this.next(0);
    });
  }

  private randomInput(): KvInput {
    const rng = this.rng;
    const key = `k${rng.int(0, this.ctx.params.keys - 1)}`;
    const value = `${this.id}.${this.seq}`;
    const r = rng.float();
    if (r < 0.35) return { kind: "put", key, value };
    if (r < 0.7) return { kind: "get", key };
    if (r < 0.9) {
      const expected = rng.chance(0.75)
        ? (this.seen.get(key) ?? null)
        : `${rng.int(0, 4)}.${rng.int(0, this.seq)}`;
      return { kind: "cas", key, expected, value };
    }
    return { kind: "delete", key };
  }
}
