// `npm run bench -- NAME`: runs one benchmark from the built packages. Each prints a table with the peer measured
// in the same run (or its recorded anchor) and its result is written to bench-results/NAME.json.
import { mkdirSync, writeFileSync } from "node:fs";

const benches = {
  // etcd 3.4 and tskube side by side (issue 3); env BENCH_SYSTEMS, BENCH_SECONDS, BENCH_SEQ_SECONDS,
  // BENCH_WARMUP_SECONDS, BENCH_FAILOVER_ROUNDS shorten or narrow it.
  store: async () => (await import("../packages/master/dist/bench/store-bench.js")).runStoreBench(),
  // The API servers of a 3-master tskube beside Kubernetes' SLOs and the store's own txn (issue 4); env
  // BENCH_SECONDS, BENCH_RATE, BENCH_LOAD_SECONDS, BENCH_WARMUP_SECONDS, BENCH_CONCURRENCY, BENCH_LIST_PODS,
  // BENCH_LIST_RUNS, BENCH_PAGE_SIZE, BENCH_WATCHERS, BENCH_WATCH_RATE, BENCH_WATCH_SECONDS (docs/testing.md).
  api: async () => (await import("../packages/master/dist/bench/api-bench.js")).runApiBench(),
  // Pod startup on a lab of its own (issue 5, root): 30 pods one per 200 ms, 90 at once beside plain docker on
  // the same dockerds, the agents' RSS (docs/bench-pods.md).
  pods: async () => (await import("../packages/lab/dist/bench/pods-bench.js")).runPodsBench(),
};

const name = process.argv[2];
const run = name ? benches[name] : undefined;
if (!run) {
  console.error(
    `bench: unknown benchmark ${JSON.stringify(name ?? "")}; known: ${Object.keys(benches).join(", ")}`,
  );
  process.exit(2);
}
const result = await run();
mkdirSync("bench-results", { recursive: true });
writeFileSync(`bench-results/${name}.json`, `${JSON.stringify(result, null, 2)}\n`);
console.log(`bench: wrote bench-results/${name}.json`);
