// Lines up the stage marks of a sequential (1 in flight) run (write-load.js --trace DIR --in-flight 1) and
// prints, per stage, the median and p99 of its time since the leader's gRPC Put handler started:
//   node packages/master/dist/perf/analyze-trace.js DIR
// The leader's file is the one with grpc.put marks; the first follower to answer an append is used.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

interface Trace {
  readonly pid: number;
  readonly times: number[];
  readonly stages: string[];
  readonly indexes: number[];
}

interface Mark {
  readonly t: number;
  readonly stage: string;
  readonly index: number;
}

function marks(t: Trace): Mark[] {
  return t.times.map((time, i) => ({ t: time, stage: t.stages[i] ?? "", index: t.indexes[i] ?? 0 }));
}

/** The first mark of `stage` at or after time `from` whose index is at least `index`. */
function firstAfter(ms: readonly Mark[], stage: string, from: number, index = 0): Mark | undefined {
  return ms.find((m) => m.t >= from && m.stage === stage && m.index >= index);
}

function pct(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function main(): void {
  const dir = process.argv[2];
  if (dir === undefined) throw new Error("usage: analyze-trace.js DIR");
  const traces = readdirSync(dir)
    .filter((f) => f.startsWith("trace-"))
    .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as Trace);
  const leaderTrace = traces.find((t) => t.stages.includes("grpc.put"));
  if (leaderTrace === undefined) throw new Error("no trace holds a grpc.put mark");
  const leader = marks(leaderTrace);
  const clientTrace = traces.find((t) => t.stages.includes("client.send"));
  const client = clientTrace === undefined ? [] : marks(clientTrace);
  const followers = traces.filter((t) => t !== leaderTrace && t !== clientTrace).map(marks);
  const rows = new Map<string, number[]>();
  const add = (stage: string, ms: number | undefined): void => {
    if (ms === undefined) return;
    let r = rows.get(stage);
    if (r === undefined) {
      r = [];
      rows.set(stage, r);
    }
    r.push(ms);
  };
  let puts = 0;
  for (const start of leader.filter((m) => m.stage === "grpc.put")) {
    const propose = firstAfter(leader, "propose", start.t);
    const ready = propose && leader.find((m) => m.t >= propose.t && m.stage === "ready" && m.index > 0);
    const answer = firstAfter(leader, "grpc.put.answer", start.t);
    if (propose === undefined || ready === undefined || answer === undefined) continue;
    const i = ready.index;
    const since = (m: Mark | undefined): number | undefined => (m === undefined ? undefined : m.t - start.t);
    puts++;
    add("L propose", since(propose));
    add("L ready (entries)", since(ready));
    add("L send app", since(firstAfter(leader, "send.app", ready.t, i)));
    add("L append start", since(firstAfter(leader, "append.start", ready.t, i)));
    add("L append end (fsync)", since(firstAfter(leader, "append.end", ready.t, i)));
    // The follower whose answer reached the leader first decided the commit.
    const resp = firstAfter(leader, "step.appResp", ready.t, i);
    add("L step appResp (1st)", since(resp));
    let best: { f: Mark[]; sent: Mark } | undefined;
    for (const f of followers) {
      const sent = firstAfter(f, "sendAfterPersist.appResp", ready.t, i);
      if (sent !== undefined && (best === undefined || sent.t < best.sent.t)) best = { f, sent };
    }
    if (best !== undefined) {
      const f = best.f;
      const got = firstAfter(f, "step.app", ready.t, i);
      add("F step app", since(got));
      const fReady = got && f.find((m) => m.t >= got.t && m.stage === "ready" && m.index >= i);
      add("F ready", since(fReady));
      add("F append start", since(fReady && firstAfter(f, "append.start", fReady.t, i)));
      add("F append end (fsync)", since(fReady && firstAfter(f, "append.end", fReady.t, i)));
      add("F send appResp", since(best.sent));
    }
    add("L ready (committed)", since(firstAfter(leader, "ready.committed", ready.t, i)));
    add("L apply end", since(firstAfter(leader, "apply.end", ready.t, i)));
    add("L answer", since(answer));
    add("L loop free after answer", since(firstAfter(leader, "grpc.put.loopFree", answer.t)));
    const sent = client.findLast((m) => m.stage === "client.send" && m.t <= start.t);
    const done = firstAfter(client, "client.done", answer.t);
    if (sent !== undefined && done !== undefined && done.t - sent.t < 1000) {
      add("C client send", sent.t - start.t);
      add("C client done", done.t - start.t);
    }
  }
  const order = [...rows.entries()].sort(
    (a, b) =>
      pct(
        [...a[1]].sort((x, y) => x - y),
        50,
      ) -
      pct(
        [...b[1]].sort((x, y) => x - y),
        50,
      ),
  );
  console.log(`${puts} puts; ms since the leader's Put handler started`);
  console.log("stage                       p50      p90      p99");
  for (const [stage, values] of order) {
    const s = [...values].sort((a, b) => a - b);
    const f = (x: number): string => x.toFixed(3).padStart(8);
    console.log(`${stage.padEnd(24)} ${f(pct(s, 50))} ${f(pct(s, 90))} ${f(pct(s, 99))}`);
  }
}

main();
