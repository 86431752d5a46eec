// One worker per pod: syncs of the same pod never overlap, a trigger during a sync runs one more sync after
// it, and a sync may ask to run again later (a back-off expiring). Different pods sync in parallel, up to a
// limit, so a burst of pods does not open hundreds of dockerd requests at once.

type SyncFn = (uid: string) => Promise<number | undefined>;

interface Worker {
  running: boolean;
  again: boolean;
  timer: NodeJS.Timeout | undefined;
  timerAt: number;
}

export class PodWorkers {
  private readonly workers = new Map<string, Worker>();
  private active = 0;
  private readonly waiting: string[] = [];
  private stopped = false;

  constructor(
    private readonly sync: SyncFn,
    private readonly onError: (uid: string, err: unknown) => void,
    private readonly parallel = 16,
    private readonly errorRetryMs = 2000,
  ) {}

  /** Syncs the pod now (or right after its running sync), or after `delayMs`. */
  enqueue(uid: string, delayMs = 0): void {
    if (this.stopped) return;
    const w = this.worker(uid);
    if (delayMs > 0) {
      const at = Date.now() + delayMs;
      if (w.timer !== undefined && w.timerAt <= at) return;
      if (w.timer !== undefined) clearTimeout(w.timer);
      w.timerAt = at;
      w.timer = setTimeout(() => {
        w.timer = undefined;
        this.enqueue(uid);
      }, delayMs);
      w.timer.unref();
      return;
    }
    if (w.running) {
      w.again = true;
      return;
    }
    if (!this.waiting.includes(uid)) this.waiting.push(uid);
    this.pump();
  }

  /** Forgets a pod whose sync is finished for good. */
  forget(uid: string): void {
    const w = this.workers.get(uid);
    if (w?.timer !== undefined) clearTimeout(w.timer);
    if (w !== undefined && !w.running) this.workers.delete(uid);
  }

  stop(): void {
    this.stopped = true;
    for (const w of this.workers.values()) if (w.timer !== undefined) clearTimeout(w.timer);
  }

  private worker(uid: string): Worker {
    let w = this.workers.get(uid);
    if (w === undefined) {
      w = { running: false, again: false, timer: undefined, timerAt: 0 };
      this.workers.set(uid, w);
    }
    return w;
  }

  private pump(): void {
    while (this.active < this.parallel && this.waiting.length > 0) {
      const uid = this.waiting.shift() as string;
      const w = this.worker(uid);
      if (w.running) {
        w.again = true;
        continue;
      }
      w.running = true;
      this.active++;
      void this.run(uid, w);
    }
  }

  private async run(uid: string, w: Worker): Promise<void> {
    let retryMs: number | undefined;
    try {
      retryMs = await this.sync(uid);
    } catch (err) {
      this.onError(uid, err);
      retryMs = this.errorRetryMs;
    } finally {
      w.running = false;
      this.active--;
    }
    if (w.again) {
      w.again = false;
      this.enqueue(uid);
    } else if (retryMs !== undefined) {
      this.enqueue(uid, Math.max(retryMs, 1));
    }
    this.pump();
  }
}
