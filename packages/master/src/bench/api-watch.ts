import type { ApiHttpClient, WatchStream } from "./api-http-client.js";
import { listResourceVersion } from "./api-list.js";
import { type LatencySummary, openLoop, runAll, summarize } from "./api-load.js";
import { JSON_TYPE, labelPatch, MERGE_PATCH_TYPE, podBody, podName, podsPath } from "./api-pods.js";

export interface WatchPhaseOptions {
  readonly http: ApiHttpClient;
  readonly names: readonly string[];
  readonly servers: readonly string[];
  readonly namespace: string;
  /** Pods pod-000000… that exist in the namespace (the updates pick among them). */
  readonly existingPods: number;
  readonly watchers: number;
  readonly writesPerSec: number;
  readonly durationMs: number;
  /** How long to wait for late events after the last write was acknowledged. */
  readonly graceMs?: number;
  /** Called when the writes start and when they end (CPU meters). */
  readonly onWindow?: { start(): void; end(): void };
}

export interface WatchFigures {
  readonly watchers: number;
  readonly watchers_by_master: Readonly<Record<string, number>>;
  readonly writes: number;
  readonly writes_acked: number;
  /** Watchers × acknowledged writes: each watcher sees the whole namespace. */
  readonly events_expected: number;
  readonly events_matched: number;
  readonly events_missing: number;
  /** Events that named no write of the phase, and ERROR events (a watch the server ended). */
  readonly events_unmatched: number;
  readonly error_events: number;
  /** Delivery latency: event received by a watcher − the write's start (the client sending it). */
  readonly delivery: LatencySummary;
  /**
   * Event received − the write's answer received by the writer: what the fan-out adds after the commit
   * (negative when the event overtook the answer).
   */
  readonly after_ack: LatencySummary;
  /** Delivery by the master the watcher is connected to. */
  readonly delivery_by_master: Readonly<Record<string, LatencySummary>>;
  /** The writes' own latency (sent → acknowledged), for scale: delivery includes it. */
  readonly write_ack: LatencySummary;
}

interface Received {
  readonly key: string;
  readonly at: number;
}

/**
 * `watchers` watch streams on the namespace from the resourceVersion of a LIST (watcher w on master
 * w mod 3), then writes at a steady rate, alternately a new pod (ADDED) and a label patch of an existing
 * one (MODIFIED), spread over the masters the same way. Every event is matched to its write by
 * name@resourceVersion; its latency is its arrival time (when the chunk holding it was read off the socket,
 * before decoding) minus the time the write was started by the client. So delivery latency includes the
 * write's own commit.
 */
export async function watchPhase(o: WatchPhaseOptions): Promise<WatchFigures> {
  const n = o.servers.length;
  const rv = await listResourceVersion(o.http, o.servers[0] as string, o.namespace);
  const received: Received[][] = Array.from({ length: o.watchers }, () => []);
  let errorEvents = 0;
  const streams: WatchStream[] = [];
  const path = `${podsPath(o.namespace)}?watch=true&resourceVersion=${encodeURIComponent(rv)}`;
  const failedOpen = await runAll(
    Array.from({ length: o.watchers }, (_, w) => w),
    10,
    async (w) => {
      const into = received[w] as Received[];
      let rest = "";
      const stream = await o.http.watch(o.servers[w % n] as string, path, (chunk, at) => {
        const lines = (rest + chunk.toString("utf8")).split("\n");
        rest = lines.pop() ?? "";
        for (const line of lines) {
          if (line.trim() === "") continue;
          const e = JSON.parse(line) as {
            type?: string;
            object?: { metadata?: { name?: string; resourceVersion?: string } };
          };
          if (e.type === "ERROR") errorEvents++;
          const m = e.object?.metadata;
          into.push({ key: `${m?.name ?? ""}@${m?.resourceVersion ?? ""}`, at });
        }
      });
      streams.push(stream);
    },
  );
  if (failedOpen.length > 0) {
    for (const s of streams) s.close();
    throw new Error(`${failedOpen.length} of ${o.watchers} watches could not be opened`);
  }

  const started = new Map<string, { readonly sent: number; readonly acked: number }>();
  const existing = Math.max(1, o.existingPods);
  o.onWindow?.start();
  const writes = await openLoop(
    o.writesPerSec,
    o.durationMs,
    (seq) => o.names[seq % n] ?? "?",
    async (seq) => {
      const server = o.servers[seq % n] as string;
      const t0 = performance.now();
      const body =
        seq % 2 === 0
          ? await o.http.expect(201, server, "POST", podsPath(o.namespace), {
              text: podBody(o.namespace, `watch-${String(seq).padStart(6, "0")}`, seq),
              contentType: JSON_TYPE,
            })
          : await o.http.expect(
              200,
              server,
              "PATCH",
              // A stride through the existing pods, so successive updates touch different ones.
              podsPath(o.namespace, podName((seq * 7919) % existing)),
              { text: labelPatch(seq), contentType: MERGE_PATCH_TYPE },
            );
      const meta = (
        JSON.parse(body.toString("utf8")) as { metadata?: { name?: string; resourceVersion?: string } }
      ).metadata;
      started.set(`${meta?.name ?? ""}@${meta?.resourceVersion ?? ""}`, {
        sent: t0,
        acked: performance.now(),
      });
    },
  );
  o.onWindow?.end();

  const expected = started.size * o.watchers;
  const deadline = performance.now() + (o.graceMs ?? 5000);
  const count = (): number => received.reduce((s, r) => s + r.filter((e) => started.has(e.key)).length, 0);
  while (count() < expected && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  for (const s of streams) s.close();

  const all: number[] = [];
  const afterAck: number[] = [];
  const perMaster = new Map<string, number[]>();
  let unmatched = 0;
  received.forEach((events, w) => {
    const master = o.names[w % n] ?? "?";
    const list = perMaster.get(master) ?? [];
    perMaster.set(master, list);
    for (const e of events) {
      const w = started.get(e.key);
      if (w === undefined) {
        unmatched++;
        continue;
      }
      all.push(e.at - w.sent);
      list.push(e.at - w.sent);
      afterAck.push(e.at - w.acked);
    }
  });
  const watchersByMaster: Record<string, number> = {};
  for (let w = 0; w < o.watchers; w++) {
    const m = o.names[w % n] ?? "?";
    watchersByMaster[m] = (watchersByMaster[m] ?? 0) + 1;
  }
  return {
    watchers: o.watchers,
    watchers_by_master: watchersByMaster,
    writes: writes.summary.count + writes.summary.failed,
    writes_acked: started.size,
    events_expected: expected,
    events_matched: all.length,
    events_missing: expected - all.length,
    events_unmatched: unmatched,
    error_events: errorEvents,
    delivery: summarize(all, 0),
    after_ack: summarize(afterAck, 0),
    delivery_by_master: Object.fromEntries([...perMaster].map(([m, l]) => [m, summarize(l, 0)])),
    write_ack: writes.summary,
  };
}
