// kubelet's flowcontrol.Backoff, used for CrashLoopBackOff and ImagePullBackOff: 10 s, doubling, capped
// at 5 min, and forgotten once nothing happened for twice the cap (so 10 min of running resets it).

export interface BackoffOptions {
  initialMs?: number;
  maxMs?: number;
  /** Milliseconds since the epoch; injected so tests (and the simulator) control time. */
  now?: () => number;
}

interface Entry {
  backoffMs: number;
  lastUpdate: number;
}

export class Backoff {
  readonly initialMs: number;
  readonly maxMs: number;
  private readonly now: () => number;
  private readonly entries = new Map<string, Entry>();

  constructor(options: BackoffOptions = {}) {
    this.initialMs = options.initialMs ?? 10_000;
    this.maxMs = options.maxMs ?? 300_000;
    this.now = options.now ?? Date.now;
  }

  private expired(eventTime: number, entry: Entry): boolean {
    return eventTime - entry.lastUpdate > this.maxMs * 2;
  }

  /** The current delay for `key` (0 when it has none). */
  get(key: string): number {
    return this.entries.get(key)?.backoffMs ?? 0;
  }

  /** Records a failure at `eventTime`: starts at the initial delay, or doubles up to the cap. */
  next(key: string, eventTime = this.now()): void {
    const entry = this.entries.get(key);
    const backoffMs =
      entry === undefined || this.expired(eventTime, entry)
        ? this.initialMs
        : Math.min(entry.backoffMs * 2, this.maxMs);
    this.entries.set(key, { backoffMs, lastUpdate: this.now() });
  }

  /** True while less than the current delay has passed since `eventTime` (e.g. the container's exit). */
  isInBackOffSince(key: string, eventTime: number): boolean {
    const entry = this.entries.get(key);
    if (entry === undefined || this.expired(eventTime, entry)) return false;
    return this.now() - eventTime < entry.backoffMs;
  }

  /** Milliseconds until the back-off since `eventTime` ends (0 when not backing off): when to retry. */
  remaining(key: string, eventTime: number): number {
    if (!this.isInBackOffSince(key, eventTime)) return 0;
    return eventTime + this.get(key) - this.now();
  }

  reset(key: string): void {
    this.entries.delete(key);
  }

  /** Drops entries idle for longer than twice the cap (kubelet's GC), keeping the map small. */
  gc(): void {
    const now = this.now();
    for (const [key, entry] of this.entries)
      if (now - entry.lastUpdate > this.maxMs * 2) this.entries.delete(key);
  }
}

/** Go's time.Duration.String() for whole seconds, as it appears in kubelet messages ("40s", "1m20s", "5m0s"). */
export function goDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (hours > 0) return `${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${minutes}m${seconds}s`;
  return `${seconds}s`;
}
