/**
 * The pipelining window to one follower: the last index of each app message sent but not yet acked,
 * bounded by a message count and (optionally) a byte total. A ring buffer, so acks free in O(1) each.
 */
export class Inflights {
  private readonly lastIndexes: number[];
  private readonly sizes: number[];
  private start = 0;
  private count = 0;
  private bytes = 0;

  constructor(
    private readonly capacity: number,
    private readonly maxBytes: number,
  ) {
    this.lastIndexes = new Array<number>(capacity).fill(0);
    this.sizes = new Array<number>(capacity).fill(0);
  }

  get size(): number {
    return this.count;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  full(): boolean {
    return this.count >= this.capacity || (this.maxBytes > 0 && this.bytes >= this.maxBytes);
  }

  add(lastIndex: number, bytes: number): void {
    if (this.count >= this.capacity) throw new Error("inflights: add while full");
    const slot = (this.start + this.count) % this.capacity;
    this.lastIndexes[slot] = lastIndex;
    this.sizes[slot] = bytes;
    this.count++;
    this.bytes += bytes;
  }

  /** An ack up to `index` frees every message whose entries it covers. */
  freeLE(index: number): void {
    while (this.count > 0 && (this.lastIndexes[this.start] ?? 0) <= index) this.freeFirstOne();
  }

  freeFirstOne(): void {
    if (this.count === 0) return;
    this.bytes -= this.sizes[this.start] ?? 0;
    this.start = (this.start + 1) % this.capacity;
    this.count--;
  }

  reset(): void {
    this.start = 0;
    this.count = 0;
    this.bytes = 0;
  }
}
