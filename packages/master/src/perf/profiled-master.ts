// A `tskube` entry point that CPU-profiles itself (Node 20 refuses --cpu-prof in NODE_OPTIONS, and
// LocalCluster only lets us choose the script it runs): write-load.ts passes it as binPath when asked for
// --cpu-prof. The profile, from TSKUBE_CPU_PROF_DELAY_MS (default 4 s) after start until exit, goes to
// $TSKUBE_CPU_PROF_DIR/master-PID.cpuprofile (open it in Chrome DevTools or speedscope).
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { join } from "node:path";
import { writeHeapSnapshot } from "node:v8";

const dir = process.env.TSKUBE_CPU_PROF_DIR ?? ".";
const session = new Session();
session.connect();
session.post("Profiler.enable");
session.post("Profiler.setSamplingInterval", { interval: 200 });
// Start after the startup (module loading dominates a short run's profile otherwise).
setTimeout(
  () => session.post("Profiler.start"),
  Number(process.env.TSKUBE_CPU_PROF_DELAY_MS ?? 4000),
).unref();
process.once("exit", () => {
  // Posting on a same-thread session dispatches synchronously, so this completes before the process ends.
  session.post("Profiler.stop", (err, result) => {
    if (err === null)
      writeFileSync(join(dir, `master-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
  });
});
// SIGUSR2 writes a heap snapshot (memory investigations; the master does not use that signal).
process.on("SIGUSR2", () => writeHeapSnapshot(join(dir, `master-${process.pid}-${Date.now()}.heapsnapshot`)));
await import(new URL("../../../../bin/tskube.js", import.meta.url).href);
