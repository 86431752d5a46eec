// Virtual time: a binary min-heap of callbacks ordered by (time, sequence). The sequence number breaks
// ties in scheduling order, so a run is a pure function of its seed.

interface Scheduled {
  readonly time: number;
  readonly seq: number;
  readonly fn: () => void;
}

export class EventQueue {
  private heap: Scheduled[] = [];
  private seq = 0;
  /** The current virtual time in milliseconds. */
  now = 0;
  /** Events run so far (a cost measure for the stats). */
  processed = 0;

  /** Run `fn` after `delay` virtual ms (0 = after everything already due now). */
  after(delay: number, fn: () => void): void {
    this.push({ time: this.now + Math.max(0, delay), seq: this.seq++, fn });
  }

  get size(): number {
    return this.heap.length;
  }

  /** Runs the next event; false when the queue is empty or the next event is later than `until`. */
  step(until: number): boolean {
    const top = this.heap[0];
    if (top === undefined || top.time > until) return false;
    this.pop();
    this.now = top.time;
    this.processed++;
    top.fn();
    return true;
  }

  private push(item: Scheduled): void {
    const heap = this.heap;
    let i = heap.length;
    heap.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as Scheduled;
      if (!before(item, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = item;
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop() as Scheduled;
    const n = heap.length;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && before(heap[r] as Scheduled, heap[l] as Scheduled)) c = r;
      const child = heap[c] as Scheduled;
      if (!before(child, last)) break;
      heap[i] = child;
      i = c;
    }
    heap[i] = last;
  }
}

function before(a: Scheduled, b: Scheduled): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}
