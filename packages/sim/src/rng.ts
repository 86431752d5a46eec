import { seededRandom } from "@tskube/raft";

/** Seeded randomness with the few helpers the scenario needs; every choice in a run comes from here. */
export class Rng {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = seededRandom(seed);
  }

  float(): number {
    return this.next();
  }

  /** Uniform in [lo, hi). */
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Uniform integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor((hi - lo + 1) * this.next());
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("pick from an empty list");
    return items[Math.floor(items.length * this.next())] as T;
  }

  /** An independent stream (e.g. for one Raft node's election timer), so streams do not share state. */
  fork(): Rng {
    return new Rng(Math.floor(this.next() * 0x1_0000_0000));
  }

  /** The raw generator, for RaftConfig.random. */
  source(): () => number {
    return () => this.next();
  }
}
