import type { ConformanceError, WatchBatch } from "./store-under-test.js";

/**
 * Buffers a watch's batches as the backend pushes them, so a test can pull "the next N events" with a
 * deadline. Shared by the adapters so both streams behave alike.
 */
export class WatchQueue {
  private readonly batches: WatchBatch[] = [];
  private failure: ConformanceError | undefined;
  private wake: (() => void) | undefined;

  push(batch: WatchBatch): void {
    this.batches.push(batch);
    this.wake?.();
  }

  fail(error: ConformanceError): void {
    this.failure = error;
    this.wake?.();
  }

  pending(): number {
    return this.batches.reduce((n, b) => n + b.events.length, 0);
  }

  async nextBatches(n: number, timeoutMs = 5000): Promise<WatchBatch[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.failure !== undefined) throw this.failure;
      if (this.pending() >= n) {
        const out: WatchBatch[] = [];
        let got = 0;
        while (got < n) {
          const b = this.batches.shift()!;
          out.push(b);
          got += b.events.length;
        }
        return out;
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`watch: wanted ${n} events, got ${this.pending()} within ${timeoutMs} ms`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }
}
