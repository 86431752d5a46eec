import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PodWorkers } from "../src/agent/pod-workers.js";

/** A sync function whose calls stay pending until the test finishes them. */
class ControlledSync {
  readonly calls: string[] = [];
  private readonly pending: {
    uid: string;
    finish: (r: number | undefined) => void;
    fail: (e: Error) => void;
  }[] = [];
  running = 0;
  maxRunning = 0;
  readonly maxPerPod = new Map<string, number>();
  private readonly perPod = new Map<string, number>();

  readonly fn = (uid: string): Promise<number | undefined> => {
    this.calls.push(uid);
    this.running++;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    const n = (this.perPod.get(uid) ?? 0) + 1;
    this.perPod.set(uid, n);
    this.maxPerPod.set(uid, Math.max(this.maxPerPod.get(uid) ?? 0, n));
    return new Promise((resolve, reject) => {
      const done = () => {
        this.running--;
        this.perPod.set(uid, (this.perPod.get(uid) ?? 1) - 1);
      };
      this.pending.push({
        uid,
        finish: (r) => {
          done();
          resolve(r);
        },
        fail: (e) => {
          done();
          reject(e);
        },
      });
    });
  };

  /** Finishes the oldest pending sync of `uid`. */
  finish(uid: string, requeueMs?: number): void {
    this.take(uid).finish(requeueMs);
  }

  fail(uid: string, err = new Error("boom")): void {
    this.take(uid).fail(err);
  }

  private take(uid: string) {
    const i = this.pending.findIndex((p) => p.uid === uid);
    const p = this.pending[i];
    if (p === undefined) throw new Error(`no pending sync of ${uid}`);
    this.pending.splice(i, 1);
    return p;
  }
}

const settle = () => vi.advanceTimersByTimeAsync(0);

describe("PodWorkers", () => {
  let sync: ControlledSync;
  let errors: string[];
  let workers: PodWorkers;

  beforeEach(() => {
    vi.useFakeTimers();
    sync = new ControlledSync();
    errors = [];
    workers = new PodWorkers(sync.fn, (uid, err) => errors.push(`${uid}: ${(err as Error).message}`), 2, 500);
  });

  afterEach(() => {
    workers.stop();
    vi.useRealTimers();
  });

  it("never overlaps syncs of one pod; triggers during a sync run exactly one more sync", async () => {
    workers.enqueue("a");
    await settle();
    expect(sync.calls).toEqual(["a"]);
    workers.enqueue("a");
    workers.enqueue("a");
    workers.enqueue("a");
    await settle();
    expect(sync.calls).toEqual(["a"]);
    sync.finish("a");
    await settle();
    expect(sync.calls).toEqual(["a", "a"]);
    sync.finish("a");
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sync.calls).toEqual(["a", "a"]);
    expect(sync.maxPerPod.get("a")).toBe(1);
  });

  it("a sync asking to run again later is run after that delay", async () => {
    workers.enqueue("a");
    await settle();
    sync.finish("a", 300);
    await vi.advanceTimersByTimeAsync(299);
    expect(sync.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sync.calls).toHaveLength(2);
  });

  it("a delayed enqueue keeps the earliest timer", async () => {
    workers.enqueue("a", 1000);
    workers.enqueue("a", 5000); // later: ignored
    workers.enqueue("a", 200); // earlier: replaces
    await vi.advanceTimersByTimeAsync(199);
    expect(sync.calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sync.calls).toEqual(["a"]);
    sync.finish("a");
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sync.calls).toEqual(["a"]);
  });

  it("a failing sync is reported and retried after errorRetryMs", async () => {
    workers.enqueue("a");
    await settle();
    sync.fail("a", new Error("dockerd down"));
    await settle();
    expect(errors).toEqual(["a: dockerd down"]);
    await vi.advanceTimersByTimeAsync(499);
    expect(sync.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sync.calls).toHaveLength(2);
  });

  it("runs different pods in parallel up to the limit, the rest wait their turn", async () => {
    for (const uid of ["a", "b", "c", "d"]) workers.enqueue(uid);
    await settle();
    expect(sync.calls).toEqual(["a", "b"]);
    sync.finish("b");
    await settle();
    expect(sync.calls).toEqual(["a", "b", "c"]);
    sync.finish("a");
    sync.finish("c");
    await settle();
    expect(sync.calls).toEqual(["a", "b", "c", "d"]);
    sync.finish("d");
    await settle();
    expect(sync.maxRunning).toBe(2);
  });

  it("after stop, nothing new runs and pending timers are dropped", async () => {
    workers.enqueue("a", 100);
    workers.stop();
    workers.enqueue("b");
    await vi.advanceTimersByTimeAsync(1000);
    expect(sync.calls).toEqual([]);
  });

  it("forget drops a pod's pending timer", async () => {
    workers.enqueue("a", 100);
    workers.forget("a");
    await vi.advanceTimersByTimeAsync(1000);
    expect(sync.calls).toEqual([]);
  });
});
