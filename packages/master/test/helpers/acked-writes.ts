import { type AckedWrite, KvClient } from "@tskube/master";

/** Reads back every acknowledged write (linearizable gets through `endpoints`); returns the keys missing or changed. */
export async function missingAckedWrites(
  endpoints: readonly string[],
  acked: readonly AckedWrite[],
  concurrency: number,
): Promise<string[]> {
  const kv = new KvClient(endpoints, { deadlineMs: 5000 });
  try {
    const missing: string[] = [];
    const queue = [...acked];
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let w = queue.pop(); w !== undefined; w = queue.pop()) {
          const r = await kv.get(w.key);
          if (!r.found || r.value !== w.value) missing.push(w.key);
        }
      }),
    );
    return missing;
  } finally {
    kv.close();
  }
}
