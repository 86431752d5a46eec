import { type SeedResult, type SimOptions, Simulation } from "./simulation.js";

export type { SeedResult, SimOptions } from "./simulation.js";

/** Runs one seed to completion. Pure: the same options give the same result (stats included). */
export function runSeed(options: SimOptions): SeedResult {
  return new Simulation(options).run();
}
