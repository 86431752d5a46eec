import type { ApiCore, RequestScope, WatchEvent, WatchHandle } from "../apiserver/api-types.js";
import type { Logger } from "../logger.js";

const RETRY_MS = 1000;

/**
 * The shape of every master-side controller (sample-controller's watch → queue → reconcile): a watch of one
 * resource through the API core queues keys; a drain loop reconciles each key until it reports done, retrying
 * the rest after a second. A watch that ends is opened again. Subclasses say which events matter (keyOf) and
 * what one idempotent step is (reconcile).
 */
export abstract class WatchQueueController {
  private handle: WatchHandle | null = null;
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private running = false;

  protected constructor(
    protected readonly core: ApiCore,
    protected readonly logger: Logger,
    private readonly scope: RequestScope,
  ) {}

  /** The key to reconcile for an event, or undefined when the event needs no work. */
  protected abstract keyOf(event: WatchEvent): string | undefined;

  /** One step for `key`; true when nothing is left to do for it. Throwing retries it later. */
  protected abstract step(key: string): Promise<boolean>;

  /** Failures that are part of normal operation (e.g. a lost race) and are retried without a warning. */
  protected quiet(_err: unknown): boolean {
    return false;
  }

  async start(): Promise<void> {
    this.handle = await this.core.watch(this.scope, { resourceVersion: "0" }, (e) => {
      const key = this.keyOf(e);
      if (key === undefined) return;
      this.pending.add(key);
      this.schedule(0);
    });
    void this.handle.done.then(() => {
      if (!this.stopped) setTimeout(() => void this.start().catch(() => this.schedule(RETRY_MS)), RETRY_MS);
    });
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.handle?.close();
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.drain(), ms);
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (const key of [...this.pending]) {
        // Taken off first: an event that arrives during the step queues the key again.
        this.pending.delete(key);
        try {
          if (!(await this.step(key))) this.pending.add(key);
        } catch (err) {
          this.pending.add(key);
          if (!this.quiet(err)) {
            this.logger.warn(
              { controller: this.constructor.name, key, err: (err as Error).message },
              "reconcile failed, retrying",
            );
          }
        }
      }
    } finally {
      this.running = false;
      if (this.pending.size > 0) this.schedule(RETRY_MS);
    }
  }
}
