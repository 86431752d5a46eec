import { KvClient } from "../client/kv-client.js";

export interface AckedWrite {
  readonly key: string;
  readonly value: string;
  /** When the attempt that succeeded started and ended (performance.now() ms). */
  readonly startedAt: number;
  readonly ackedAt: number;
  readonly endpoint: string;
}

/**
 * The failover workload: sequential puts of unique keys; each attempt has a short deadline and a failed
 * attempt is retried at once on the next endpoint that `alive()` lists, until the key is acknowledged.
 */
export class ContinuousWriter {
  readonly acked: AckedWrite[] = [];
  failedAttempts = 0;
  private stopped = false;
  private loop: Promise<void> | null = null;
  private readonly clients = new Map<string, KvClient>();
  private current = 0;

  constructor(
    private readonly alive: () => readonly string[],
    private readonly options: { deadlineMs: number; prefix?: string },
  ) {}

  start(): void {
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
    for (const c of this.clients.values()) c.close();
  }

  /** The first write whose successful attempt started at or after `t`. */
  firstAckStartedAfter(t: number): AckedWrite | undefined {
    return this.acked.find((w) => w.startedAt >= t);
  }

  /** Resolves once a write that started after `t` is acknowledged. */
  async waitForAckAfter(t: number, timeoutMs: number): Promise<AckedWrite> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const w = this.firstAckStartedAfter(t);
      if (w !== undefined) return w;
      if (performance.now() > deadline) throw new Error(`no write acknowledged within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  private client(endpoint: string): KvClient {
    let c = this.clients.get(endpoint);
    if (c === undefined) {
      c = new KvClient([endpoint], { deadlineMs: this.options.deadlineMs });
      this.clients.set(endpoint, c);
    }
    return c;
  }

  private async run(): Promise<void> {
    const prefix = this.options.prefix ?? "w";
    for (let seq = 0; !this.stopped; seq++) {
      const key = `${prefix}/${seq.toString().padStart(7, "0")}`;
      const value = `v${seq}`;
      while (!this.stopped) {
        const endpoints = this.alive();
        if (endpoints.length === 0) {
          await new Promise((r) => setTimeout(r, 10));
          continue;
        }
        const endpoint = endpoints[this.current % endpoints.length] as string;
        const startedAt = performance.now();
        try {
          await this.client(endpoint).put(key, value);
          this.acked.push({ key, value, startedAt, ackedAt: performance.now(), endpoint });
          break;
        } catch {
          this.failedAttempts++;
          this.current++;
        }
      }
    }
  }
}
