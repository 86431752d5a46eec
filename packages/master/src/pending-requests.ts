import { MasterError } from "./errors.js";

interface Pending<T> {
  resolve(value: T): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * Requests waiting for something the Raft loop will do later (apply an entry, answer a read), each with a
 * server-side timeout so a proposal lost in a leader change is reported instead of hanging forever.
 */
export class PendingRequests<T> {
  private readonly pending = new Map<string, Pending<T>>();

  constructor(private readonly onTimeout: (key: string) => void = () => {}) {}

  get size(): number {
    return this.pending.size;
  }

  has(key: string): boolean {
    return this.pending.has(key);
  }

  wait(key: string, timeoutMs: number, describe: () => string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(key);
        this.onTimeout(key);
        reject(new MasterError("Timeout", describe()));
      }, timeoutMs);
      this.pending.set(key, { resolve, reject, timer });
    });
  }

  resolve(key: string, value: T): boolean {
    const p = this.pending.get(key);
    if (p === undefined) return false;
    this.pending.delete(key);
    clearTimeout(p.timer);
    p.resolve(value);
    return true;
  }

  reject(key: string, err: Error): boolean {
    const p = this.pending.get(key);
    if (p === undefined) return false;
    this.pending.delete(key);
    clearTimeout(p.timer);
    p.reject(err);
    return true;
  }

  rejectAll(err: Error): void {
    for (const key of [...this.pending.keys()]) this.reject(key, err);
  }
}
