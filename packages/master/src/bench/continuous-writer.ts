import * as grpc from "@grpc/grpc-js";
import { stripScheme } from "../config.js";
import type { KVClient } from "../generated/etcdserverpb/KV.js";
import { CHANNEL_OPTIONS, loadStoreProtos } from "../grpc/protos.js";

export interface AckedWrite {
  readonly key: string;
  readonly value: string;
  /** When the attempt that succeeded started and ended (performance.now() ms). */
  readonly startedAt: number;
  readonly ackedAt: number;
  readonly endpoint: string;
}

/**
 * The failover workload: sequential puts (etcd v3 KV.Put, so it drives tskube and a real etcd alike) of
 * unique keys; each attempt has a short deadline and a failed attempt is retried at once on the next
 * endpoint that `alive()` lists, until the key is acknowledged. It never waits between attempts: the gap
 * after a leader kill is then the store's, not a client backoff's.
 */
export class ContinuousWriter {
  readonly acked: AckedWrite[] = [];
  failedAttempts = 0;
  private stopped = false;
  private loop: Promise<void> | null = null;
  private readonly clients = new Map<string, KVClient>();
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
    this.clients.clear();
  }

  /** The first write whose successful attempt started at or after `t`. */
  firstAckStartedAfter(t: number): AckedWrite | undefined {
    return this.acked.find((w) => w.startedAt >= t);
  }

  /** The last write acknowledged at or before `t`. */
  lastAckBefore(t: number): AckedWrite | undefined {
    return this.acked.findLast((w) => w.ackedAt <= t);
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

  private client(endpoint: string): KVClient {
    let c = this.clients.get(endpoint);
    if (c === undefined) {
      const KV = loadStoreProtos().etcdserverpb.KV;
      c = new KV(stripScheme(endpoint), grpc.credentials.createInsecure(), CHANNEL_OPTIONS);
      this.clients.set(endpoint, c);
    }
    return c;
  }

  private put(endpoint: string, key: string, value: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.client(endpoint).Put(
        { key: Buffer.from(key), value: Buffer.from(value) },
        { deadline: Date.now() + this.options.deadlineMs },
        (err) => (err === null ? resolve() : reject(err)),
      );
    });
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
          await this.put(endpoint, key, value);
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
