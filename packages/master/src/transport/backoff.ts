/**
 * Exponential reconnect backoff with jitter: min, 2·min, 4·min … capped at max, each delay drawn from
 * [d/2, d) so peers that lost the same member do not reconnect in lockstep.
 */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly minMs = 50,
    private readonly maxMs = 1000,
    private readonly random: () => number = Math.random,
  ) {}

  next(): number {
    const delay = Math.min(this.maxMs, this.minMs * 2 ** this.attempt);
    if (delay < this.maxMs) this.attempt++;
    return delay / 2 + (this.random() * delay) / 2;
  }

  reset(): void {
    this.attempt = 0;
  }
}
