// The deterministic Raft simulation: whole clusters in virtual time, driven from a seed.
export { runSeed, type SeedResult, type SimOptions } from "./run-seed.js";
export { type PoolOptions, runSeeds } from "./seed-pool.js";
export type { RunVariant, SeedSummary } from "./seed-summary.js";
export { failLine, replayCommand } from "./seed-summary.js";
export type { HarnessFaults } from "./sim-context.js";
export type { DiskFaults } from "./sim-disk.js";
export type { SimStats } from "./sim-stats.js";
