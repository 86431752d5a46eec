import { type AckedWrite, StoreClient } from "@tskube/master";

/** Reads back every acknowledged write (linearizable gets through `endpoints`); returns the keys missing or changed. */
export async function missingAckedWrites(
  endpoints: readonly string[],
  acked: readonly AckedWrite[],
  concurrency: number,
): Promise<string[]> {
  const store = new StoreClient(endpoints, { deadlineMs: 5000 });
  try {
    const missing: string[] = [];
    const queue = [...acked];
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let w = queue.pop(); w !== undefined; w = queue.pop()) {
          const kv = await store.get(w.key);
          if (kv === undefined || kv.valueText !== w.value) missing.push(w.key);
        }
      }),
    );
    return missing;
  } finally {
    store.close();
  }
}
