import { randomBytes } from "node:crypto";
import * as grpc from "@grpc/grpc-js";
import { stripScheme } from "../config.js";
import type { KVClient } from "../generated/etcdserverpb/KV.js";
import type { MaintenanceClient } from "../generated/etcdserverpb/Maintenance.js";
import type { StatusResponse__Output } from "../generated/etcdserverpb/StatusResponse.js";
import { CHANNEL_OPTIONS, loadStoreProtos } from "../grpc/protos.js";
import { percentile, round2 } from "./stats.js";

export const VALUE_BYTES = 256;
export const KEY_SPACE = 100_000;

/**
 * The benchmark's load client: raw grpc-js stubs of the etcd v3 API (the same bytes go to etcd and to
 * tskube), one channel per endpoint shared by KV and Maintenance, no client-side retries.
 */
export class StoreLoadClient {
  private readonly channels = new Map<string, { kv: KVClient; maintenance: MaintenanceClient }>();

  private stubs(endpoint: string): { kv: KVClient; maintenance: MaintenanceClient } {
    const address = stripScheme(endpoint);
    let s = this.channels.get(address);
    if (s === undefined) {
      const protos = loadStoreProtos().etcdserverpb;
      const kv = new protos.KV(address, grpc.credentials.createInsecure(), CHANNEL_OPTIONS);
      const maintenance = new protos.Maintenance(address, grpc.credentials.createInsecure(), {
        ...CHANNEL_OPTIONS,
        channelOverride: kv.getChannel(),
      });
      s = { kv, maintenance };
      this.channels.set(address, s);
    }
    return s;
  }

  put(endpoint: string, key: Buffer, value: Buffer, deadlineMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.stubs(endpoint).kv.Put({ key, value }, { deadline: Date.now() + deadlineMs }, (err) =>
        err === null ? resolve() : reject(err),
      );
    });
  }

  status(endpoint: string, deadlineMs = 1000): Promise<StatusResponse__Output> {
    return new Promise((resolve, reject) => {
      this.stubs(endpoint).maintenance.Status({}, { deadline: Date.now() + deadlineMs }, (err, res) =>
        err === null && res !== undefined ? resolve(res) : reject(err ?? new Error("empty status response")),
      );
    });
  }

  /** Drops the channel of an endpoint (a killed member's, so a restart starts from a fresh connection). */
  forget(endpoint: string): void {
    const address = stripScheme(endpoint);
    this.channels.get(address)?.kv.close();
    this.channels.delete(address);
  }

  close(): void {
    for (const s of this.channels.values()) s.kv.close();
    this.channels.clear();
  }
}

export interface LoadResult {
  readonly inFlight: number;
  /** Puts that completed inside the measured window. */
  readonly writes: number;
  /** Puts that failed inside the measured window (no retries: each counts once). */
  readonly failed: number;
  readonly seconds: number;
  readonly writesPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export interface LoadOptions {
  readonly inFlight: number;
  readonly warmupMs: number;
  readonly durationMs: number;
  /** Per-put deadline: long, so a slow put counts as slow rather than failed (default 10 s). */
  readonly deadlineMs?: number;
  /** Called when the measured window opens and closes (after the warm-up, at its end). */
  readonly onWindow?: { start(): void; end(): void };
}

/**
 * `inFlight` workers, each with one put at a time to `endpoint`, for a warm-up (not counted) and then
 * `durationMs`. Keys are random in a 100k key space, values 256 random bytes. A put counts when it completes
 * inside the window (throughput = those / window; latency = theirs), so slow puts at the window's start are
 * not left out; puts still in flight at its end are not counted.
 */
export async function measurePuts(
  client: StoreLoadClient,
  endpoint: string,
  options: LoadOptions,
): Promise<LoadResult> {
  const value = randomBytes(VALUE_BYTES);
  const deadlineMs = options.deadlineMs ?? 10_000;
  const start = performance.now();
  const from = start + options.warmupMs;
  const end = from + options.durationMs;
  // The window hooks run at most once each and always as a pair, even if the timers lose a race with the end.
  let opened = false;
  let closed = false;
  const open = (): void => {
    if (opened) return;
    opened = true;
    options.onWindow?.start();
  };
  const close = (): void => {
    open();
    if (closed) return;
    closed = true;
    options.onWindow?.end();
  };
  const windowStart = setTimeout(open, options.warmupMs);
  const latencies: number[] = [];
  let failed = 0;
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      const key = Buffer.from(`bench/${Math.floor(Math.random() * KEY_SPACE)}`);
      const t0 = performance.now();
      try {
        await client.put(endpoint, key, value, deadlineMs);
        const t1 = performance.now();
        if (t1 >= from && t1 <= end) latencies.push(t1 - t0);
      } catch {
        const t1 = performance.now();
        if (t1 >= from && t1 <= end) failed++;
      }
    }
  };
  const windowEnd = setTimeout(close, end - start);
  try {
    await Promise.all(Array.from({ length: options.inFlight }, worker));
  } finally {
    clearTimeout(windowStart);
    clearTimeout(windowEnd);
    close();
  }
  latencies.sort((a, b) => a - b);
  const seconds = options.durationMs / 1000;
  return {
    inFlight: options.inFlight,
    writes: latencies.length,
    failed,
    seconds,
    writesPerSec: Math.round(latencies.length / seconds),
    p50Ms: round2(percentile(latencies, 50)),
    p99Ms: round2(percentile(latencies, 99)),
    maxMs: round2(latencies[latencies.length - 1] ?? Number.NaN),
  };
}
