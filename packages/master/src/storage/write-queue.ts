// Runs storage operations one at a time in call order. LevelDB executes async writes on a thread pool, so
// two batches issued back to back could otherwise land in either order; and each batch is built from the
// in-memory log bounds left by the previous one.
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    // A failed task must not poison the ones queued after it; its caller sees the rejection.
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once everything queued so far has finished. */
  drain(): Promise<void> {
    return this.run(async () => undefined);
  }
}
