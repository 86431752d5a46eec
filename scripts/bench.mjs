// `npm run bench -- NAME`: runs one benchmark from the built packages. Each prints a table with the peer measured
// in the same run (or its recorded anchor) and writes bench-results/NAME.json.
const benches = {
  failover: async () => (await import("../packages/master/dist/bench/failover-bench.js")).runFailoverBench(),
};

const name = process.argv[2];
const run = name ? benches[name] : undefined;
if (!run) {
  console.error(`bench: unknown benchmark ${JSON.stringify(name ?? "")}; known: ${Object.keys(benches).join(", ")}`);
  process.exit(2);
}
await run();
